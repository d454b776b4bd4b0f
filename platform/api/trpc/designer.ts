/**
 * The designer's procedures (admins with "customise metadata"): objects, fields, the documents of
 * every registered kind (kinds/registry.ts: `saveItem`/`deleteItem`, and the stock kinds' named
 * procedures the screens use), revisions, conflicts and packages. Every change goes through
 * platform/metadata/changes, so it is validated, checked against the data, applied with its DDL in
 * one transaction and recorded.
 */
import { z } from 'zod';
import { FIELD_TYPES, FIELD_TYPE_NAMES } from '../../fields/registry';
import type { FieldDef } from '../../fields/types';
import { allowedConversions, currentState, type ChangeActor } from '../../metadata/changes';
import * as designer from '../../metadata/designer';
import { AppError } from '../../core/errors';
import { pickLabel, t, type Locale } from '../../core/i18n';
import { word } from '../../core/problems';
import { documentKind, documentKinds } from '../../metadata/kinds/registry';
import type { DocumentKind, NamedDocument } from '../../metadata/kinds/types';
import { itemKey, parseKey } from '../../metadata/layers';
import type { ApprovalFlowDefinition, LayoutDefinition, ListViewDefinition, SalesProcessDefinition, ValidationRuleDefinition } from '../../metadata/model';
import { checkFormula } from '../../rules/formula';
import { isObject, type Json } from '../../metadata/patch';
import { stockLayer } from '../../metadata/registry';
import { listConflicts, listRevisions } from '../../metadata/revisions';
import * as packages from '../../packages/packages';
import { getPool } from '../../db/pool';
import { rightProcedure, router } from './init';

const customize = rightProcedure('customizeMetadata');
const apiName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
const label = z.object({ en: z.string().min(1).max(200), zh: z.string().min(1).max(200) });
const json = z.record(z.string(), z.unknown());

type Ctx = { rc: { pool: ChangeActor['pool']; workspace: ChangeActor['workspace']; user: { id: string } } };
const actorOf = (ctx: Ctx): ChangeActor => ({ pool: ctx.rc.pool, workspace: ctx.rc.workspace, userId: ctx.rc.user.id });

/** The registered kind an input names (404 in the caller's language when none; 400 when it must be removable and is not). */
function kindFor(locale: Locale, name: string, removing = false): DocumentKind {
  const kind = documentKind(name);
  if (!kind) {
    const message = t(locale, 'metadata.unknownKind', { kind: name });
    throw new AppError('NOT_FOUND', message, [{ code: 'metadata.unknownKind', field: 'kind', pointer: '/kind', message }]);
  }
  if (removing && !kind.verbs.remove) {
    const message = t(locale, 'metadata.notRemovable', { kind: pickLabel(kind.label, locale) });
    throw new AppError('BAD_REQUEST', message, [{ code: 'metadata.notRemovable', field: 'kind', pointer: '/kind', message }]);
  }
  return kind;
}

/** Where an item comes from: stock, a package, or the workspace (and whether the workspace changed it). */
async function sources(ctx: Ctx) {
  const state = await currentState(ctx.rc.pool, ctx.rc.workspace.id);
  const stock = new Set(stockLayer().entries.map((e) => e.key));
  const fromPackage = new Map<string, string>();
  for (const p of state.packages) for (const e of p.entries) if (e.mode === 'set') fromPackage.set(e.key, p.name);
  const deltas = new Map(state.deltas.map((d) => [d.key, d]));
  const origin = (key: string) => ({
    source: stock.has(key) ? 'stock' : fromPackage.has(key) ? `package:${fromPackage.get(key)}` : 'workspace',
    customized: deltas.has(key) && !deltas.get(key)!.added,
  });
  return { state, origin };
}

export const designerRouter = router({
  fieldTypes: customize.query(() =>
    FIELD_TYPE_NAMES.map((name) => ({
      name,
      label: FIELD_TYPES[name].label,
      params: FIELD_TYPES[name].params,
      conversions: allowedConversions(name),
    })),
  ),

  objects: customize.query(async ({ ctx }) => {
    const { state, origin } = await sources(ctx);
    const out = [];
    for (const [key, value] of state.effective.items) {
      const { kind, object } = parseKey(key);
      if (kind !== 'object' || !isObject(value)) continue;
      const fields = [...state.effective.items.keys()].filter((k) => k.startsWith(`field:${object}.`));
      out.push({
        name: object,
        label: value.label as { en: string; zh: string },
        pluralLabel: value.pluralLabel as { en: string; zh: string },
        archived: value.archived === true,
        fieldCount: fields.length,
        ...origin(key),
      });
    }
    return out;
  }),

  object: customize.input(z.object({ name: apiName })).query(async ({ ctx, input }) => {
    const { state, origin } = await sources(ctx);
    const own = state.effective.items.get(itemKey.object(input.name));
    if (!own) return null;
    const pick = (kind: string) =>
      [...state.effective.items.entries()]
        .filter(([k, v]) => k.startsWith(`${kind}:${input.name}.`) && !(isObject(v) && (v.$removed || v.owner)))
        .map(([k, v]) => ({ ...(v as object), ...origin(k) }));
    return {
      object: { ...(own as object), ...origin(itemKey.object(input.name)) } as Record<string, Json> & { source: string; customized: boolean },
      fields: pick('field') as unknown as (FieldDef & { source: string; customized: boolean })[],
      layouts: pick('layout') as unknown as (LayoutDefinition & { source: string; customized: boolean })[],
      views: pick('view') as unknown as (ListViewDefinition & { source: string; customized: boolean })[],
      rules: pick('rule') as unknown as (ValidationRuleDefinition & { source: string; customized: boolean })[],
      processes: pick('process') as unknown as (SalesProcessDefinition & { source: string; customized: boolean })[],
      approvals: pick('approval') as unknown as (ApprovalFlowDefinition & { source: string; customized: boolean })[],
      /** The documents of every registered kind, by folder (the stock kinds' are also above, typed). */
      documents: Object.fromEntries(documentKinds().map((k) => [k.folder, pick(k.name)])) as Record<string, (Record<string, unknown> & { source: string; customized: boolean })[]>,
      revision: state.revision,
    };
  }),

  createObject: customize
    .input(
      z.object({
        name: apiName,
        label,
        pluralLabel: label,
        description: z.string().max(2000).optional(),
        icon: z.string().max(60).optional(),
        nameLabel: label.optional(),
        autoNumber: z.string().max(60).optional(),
        sharing: z.object({ default: z.enum(['private', 'read', 'read_write']).optional(), hierarchy: z.boolean().optional() }).optional(),
      }),
    )
    .mutation(({ ctx, input }) => designer.createObject(actorOf(ctx), input)),
  updateObject: customize
    .input(z.object({ name: apiName, props: json }))
    .mutation(({ ctx, input }) => designer.updateObject(actorOf(ctx), input.name, input.props as Record<string, Json>)),
  archiveObject: customize.input(z.object({ name: apiName })).mutation(({ ctx, input }) => designer.archiveObject(actorOf(ctx), input.name)),
  restoreObject: customize.input(z.object({ name: apiName })).mutation(({ ctx, input }) => designer.restoreObject(actorOf(ctx), input.name)),

  saveField: customize
    .input(z.object({ object: apiName, field: json, mode: z.enum(['create', 'update']) }))
    .mutation(({ ctx, input }) => designer.saveField(actorOf(ctx), input.object, input.field as unknown as FieldDef, input.mode)),
  archiveField: customize.input(z.object({ object: apiName, field: apiName })).mutation(({ ctx, input }) => designer.archiveField(actorOf(ctx), input.object, input.field)),
  restoreField: customize.input(z.object({ object: apiName, field: apiName })).mutation(({ ctx, input }) => designer.restoreField(actorOf(ctx), input.object, input.field)),
  purge: customize.input(z.object({ object: apiName, field: apiName.optional() })).mutation(({ ctx, input }) => designer.purge(actorOf(ctx), input.object, input.field)),

  saveLayout: customize.input(z.object({ layout: json })).mutation(({ ctx, input }) => designer.saveLayout(actorOf(ctx), input.layout as unknown as LayoutDefinition)),
  saveView: customize.input(z.object({ view: json })).mutation(({ ctx, input }) => designer.saveView(actorOf(ctx), input.view as unknown as ListViewDefinition)),
  deleteView: customize.input(z.object({ object: apiName, name: apiName })).mutation(({ ctx, input }) => designer.deleteView(actorOf(ctx), input.object, input.name)),

  saveRule: customize
    .input(z.object({ rule: json, mode: z.enum(['create', 'update']).optional() }))
    .mutation(({ ctx, input }) => designer.saveRule(actorOf(ctx), input.rule as unknown as ValidationRuleDefinition, input.mode)),
  deleteRule: customize.input(z.object({ object: apiName, name: apiName })).mutation(({ ctx, input }) => designer.deleteRule(actorOf(ctx), input.object, input.name)),
  saveProcess: customize
    .input(z.object({ process: json, mode: z.enum(['create', 'update']).optional() }))
    .mutation(({ ctx, input }) => designer.saveProcess(actorOf(ctx), input.process as unknown as SalesProcessDefinition, input.mode)),
  deleteProcess: customize.input(z.object({ object: apiName, name: apiName })).mutation(({ ctx, input }) => designer.deleteProcess(actorOf(ctx), input.object, input.name)),
  saveApproval: customize
    .input(z.object({ approval: json, mode: z.enum(['create', 'update']).optional() }))
    .mutation(({ ctx, input }) => designer.saveApproval(actorOf(ctx), input.approval as unknown as ApprovalFlowDefinition, input.mode)),
  deleteApproval: customize.input(z.object({ object: apiName, name: apiName })).mutation(({ ctx, input }) => designer.deleteApproval(actorOf(ctx), input.object, input.name)),
  /** The registered kinds: what the designer can list, save and delete generically. */
  kinds: customize.query(() => documentKinds().map((k) => ({ name: k.name, folder: k.folder, label: k.label, removable: Boolean(k.verbs.remove) }))),
  saveItem: customize
    .input(z.object({ kind: apiName, doc: json, mode: z.enum(['create', 'update']).optional() }))
    .mutation(({ ctx, input }) => designer.saveItem(actorOf(ctx), kindFor(ctx.locale, input.kind).name, input.doc as unknown as NamedDocument, input.mode)),
  deleteItem: customize
    .input(z.object({ kind: apiName, object: apiName, name: apiName }))
    .mutation(({ ctx, input }) => designer.removeItem(actorOf(ctx), kindFor(ctx.locale, input.kind, true).name, input.object, input.name)),
  /** Check a formula against an object without saving it (the designer's editor shows errors with positions). */
  checkFormula: customize
    .input(
      z.object({ object: apiName, formula: z.string().max(4000), mode: z.enum(['field', 'rule']), expect: z.enum(['number', 'text', 'boolean', 'date', 'datetime']).optional() }),
    )
    .query(({ ctx, input }) => {
      const meta = ctx.rc.security.fullMeta;
      const obj = meta.objects.get(input.object);
      if (!obj)
        return {
          type: null,
          errors: [
            { code: 'unknownObject', message: word(ctx.locale, 'metadata.notFound', { what: { key: 'what.object', params: { object: input.object } } }), position: 0, length: 0 },
          ],
        };
      const r = checkFormula(input.formula, { object: obj, objects: (n) => meta.objects.get(n), mode: input.mode, expect: input.expect, locale: ctx.locale });
      return { type: r.formula?.type ?? null, errors: r.errors };
    }),

  revisions: customize
    .input(z.object({ before: z.number().int().optional(), limit: z.number().int().min(1).max(200).optional() }).optional())
    .query(({ ctx, input }) => listRevisions(ctx.rc.pool, ctx.rc.workspace.id, input ?? {})),
  revert: customize.input(z.object({ revision: z.number().int().min(0) })).mutation(({ ctx, input }) => designer.revertTo(actorOf(ctx), input.revision)),
  conflicts: customize.query(({ ctx }) => listConflicts(ctx.rc.pool, ctx.rc.workspace.id)),
  resolveConflict: customize
    .input(z.object({ key: z.string().max(200), path: z.array(z.string().max(100)), take: z.enum(['mine', 'theirs']) }))
    .mutation(({ ctx, input }) => designer.resolveConflict(actorOf(ctx), input.key, input.path, input.take)),

  packages: customize.query(({ ctx }) => packages.listPackages(ctx.rc.pool, ctx.rc.workspace.id)),
  templates: customize.query(() => packages.listTemplates()),
  installPackage: customize
    .input(z.object({ files: z.record(z.string().max(300), z.string().max(2_000_000)) }))
    .mutation(({ ctx, input }) => packages.installPackage(actorOf(ctx), packages.packageFromFiles(input.files))),
  uninstallPackage: customize.input(z.object({ name: apiName })).mutation(({ ctx, input }) => packages.uninstallPackage(actorOf(ctx), input.name)),
  exportPackage: customize
    .input(z.object({ name: apiName, version: z.string().max(40), label, objects: z.array(apiName).optional() }))
    .mutation(async ({ ctx, input }) => packages.exportPackage(ctx.rc.pool, ctx.rc.workspace.id, input)),
  createWorkspace: rightProcedure('manageUsers')
    .input(
      z.object({
        name: apiName.max(40),
        label: z.string().min(1).max(200),
        template: apiName.optional(),
        adminEmail: z.string().max(254),
        adminName: z.string().min(1).max(200),
        adminPassword: z.string().max(200),
      }),
    )
    .mutation(({ input }) => packages.createWorkspaceFromTemplate(getPool(), input)),
});
