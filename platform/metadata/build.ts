/**
 * Build the effective metadata model from validated documents, cross-checking references. Objects
 * (the core kind) are built here first; then each kind of the registry (kinds/registry.ts) checks
 * and builds its documents, in `buildOrder`, interleaved with the object logic (roll-ups at 25,
 * form rules and formulas at 40; logic.ts). Every problem is collected and reported together.
 */
import { createHash } from 'node:crypto';
import type { ErrorDetail } from '../core/errors';
import { isLookup } from '../fields/guards';
import { problem, problemsError } from '../core/problems';
import { formulaScale } from '../rules/formula';
import { buildObjects } from './kinds/object';
import { documentKinds } from './kinds/registry';
import type { BuildContext, KindDoc } from './kinds/types';
import type { ApprovalFlowDefinition, LayoutDefinition, ListViewDefinition, MetadataModel, ObjectDefinition, ObjectModel, RelatedListModel, SalesProcessDefinition, ValidationRuleDefinition } from './model';
import { buildFormLogic, buildRollups } from './logic';
import { fieldType } from '../fields/registry';

/** Validated documents by folder: `objects`, and each document kind's under its folder name. */
export interface MetadataDocuments {
  objects: KindDoc<ObjectDefinition>[];
  layouts: KindDoc<LayoutDefinition>[];
  views: KindDoc<ListViewDefinition>[];
  rules?: KindDoc<ValidationRuleDefinition>[];
  processes?: KindDoc<SalesProcessDefinition>[];
  approvals?: KindDoc<ApprovalFlowDefinition>[];
  /** Objects whose own file is invalid: their dependants are not checked (they would only echo that error). */
  unusable?: string[];
  /** Documents of any other registered kind, under its folder. */
  [folder: string]: KindDoc<unknown>[] | string[] | undefined;
}

/** Documents with an empty list for objects and every registered kind. */
export function emptyDocuments(): MetadataDocuments {
  const docs: MetadataDocuments = { objects: [], layouts: [], views: [], unusable: [] };
  for (const k of documentKinds()) docs[k.folder] = [];
  return docs;
}

/** The documents of a folder (created empty when missing). */
export function documentsOf(docs: MetadataDocuments, folder: string): KindDoc<unknown>[] {
  docs[folder] ??= [];
  return docs[folder] as KindDoc<unknown>[];
}

/** The object logic's steps, placed among the kinds by the same `buildOrder` scale. */
const OBJECT_LOGIC: { buildOrder: number; run: (ctx: BuildContext) => void }[] = [
  { buildOrder: 25, run: buildRollups },
  { buildOrder: 40, run: buildFormLogic },
];

/** Validate references across documents and build the model; throws METADATA_INVALID listing every problem. */
export function buildMetadata(docs: MetadataDocuments, extraErrors: ErrorDetail[] = []): MetadataModel {
  const errors = [...extraErrors];
  const unusable = new Set(docs.unusable ?? []);
  const { objects, archivedObjects, archivedNames } = buildObjects(docs.objects, unusable, errors);

  const ctx: BuildContext = {
    objects,
    defs: new Map(docs.objects.map((o) => [o.def.name, o])),
    built: new Map(),
    unusable,
    archived: archivedNames,
    isGone: (o) => unusable.has(o) || archivedNames.has(o),
    err: (file, pointer, key, params, code) => errors.push(problem(key, params, { file, pointer, code })),
    errors,
  };
  // Kinds and object logic in build order: a kind sees the objects and every kind built before it.
  const steps = [
    ...documentKinds().map((k) => ({ buildOrder: k.buildOrder, run: (c: BuildContext) => c.built.set(k.name, k.build((docs[k.folder] ?? []) as KindDoc<never>[], c) as Map<string, unknown[]>) })),
    ...OBJECT_LOGIC,
  ].sort((a, b) => a.buildOrder - b.buildOrder);
  for (const step of steps) step.run(ctx);
  const of = <T>(kind: string) => (ctx.built.get(kind) ?? new Map()) as Map<string, T[]>;
  const layouts = of<LayoutDefinition>('layout');

  if (errors.length) {
    throw problemsError(errors);
  }

  for (const obj of objects.values()) {
    obj.relatedLists = relatedListsOf(obj, objects, layouts.get(obj.name)?.[0]);
    roundFormulas(obj);
  }
  const revision = createHash('sha256').update(JSON.stringify(docs)).digest('hex').slice(0, 16);
  return {
    revision, objects, layouts, views: of('view'), rules: of('rule'), processes: of('process'), approvals: of('approval'), archivedObjects,
    documents: ctx.built,
  };
}

/**
 * A number formula field's value is rounded to its scale wherever it is computed (records, filters,
 * sorts, rules), so no channel shows more precision than the field declares.
 */
function roundFormulas(obj: ObjectModel): void {
  for (const [name, formula] of obj.formulas) {
    const scale = formulaScale(obj.fieldMap.get(name)!);
    if (scale !== undefined) obj.formulas.set(name, { ...formula, scale });
  }
}

/** Related lists: those the default layout lists, else one per lookup pointing at the object. */
function relatedListsOf(obj: ObjectModel, objects: Map<string, ObjectModel>, layout?: LayoutDefinition): RelatedListModel[] {
  const columnsFor = (child: ObjectModel) => [child.nameField === 'name' ? 'name' : child.nameField, ...child.fields.filter((f) => f.name !== child.nameField && !fieldType(f).notACompactColumn).slice(0, 3).map((f) => f.name)];
  if (layout?.relatedLists) {
    return layout.relatedLists.map((r) => {
      const child = objects.get(r.object)!;
      return { object: r.object, field: r.field, label: r.label ?? child.pluralLabel, columns: r.columns ?? columnsFor(child) };
    });
  }
  const out: RelatedListModel[] = [];
  for (const child of objects.values()) {
    for (const f of child.fields) {
      if (isLookup(f) && f.target === obj.name) {
        out.push({ object: child.name, field: f.name, label: f.relatedLabel ?? child.pluralLabel, columns: columnsFor(child) });
      }
    }
  }
  return out;
}
