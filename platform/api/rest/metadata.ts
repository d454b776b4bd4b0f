/**
 * The metadata API for consultants' tooling: read and write objects, fields and the documents of
 * every registered kind (kinds/registry.ts) with the same checks as the designer (it calls the same
 * functions), plus revisions and revert. Needs the "customise metadata" right. Routes (under
 * /api/v1/metadata; `{folder}` is a kind's folder: layouts, views, rules, processes, approvals...):
 *
 *   GET    /objects                              effective object definitions (with fields)
 *   POST   /objects                              create an object
 *   GET    /objects/{object}                     one object with its documents of every kind, under their folders
 *   PATCH  /objects/{object}                     merge into the object's own properties
 *   PUT    /objects/{object}/fields/{field}      create or replace a field
 *   DELETE /objects/{object}/fields/{field}      archive a field (data kept)
 *   POST   /objects/{object}/fields/{field}/restore
 *   PUT    /{folder}/{object}/{name}             create or replace a document (a list view: a shared one)
 *   DELETE /{folder}/{object}/{name}             remove it, for kinds that can be removed (not layouts)
 *   GET    /revisions                            newest first, with readable changes
 *   POST   /revisions/{number}/revert
 *   GET    /conflicts
 */
import { AppError } from '../../core/errors';
import { keyedError } from '../../core/problems';
import { t } from '../../core/i18n';
import { FORBIDDEN_KEYS, forbiddenKeyDetail, pointerToken } from '../../core/json';
import { z } from 'zod';
import type { RecordContext } from '../../data/context';
import type { FieldDef } from '../../fields/types';
import { currentState, type ChangeActor, type CommitResult } from '../../metadata/changes';
import * as designer from '../../metadata/designer';
import { documentKinds, kindOfFolder } from '../../metadata/kinds/registry';
import type { NamedDocument } from '../../metadata/kinds/types';
import { itemKey, parseKey } from '../../metadata/layers';
import { isObject, type Json } from '../../metadata/patch';
import { listConflicts, listRevisions } from '../../metadata/revisions';
import { json, methodNotAllowed, readJsonObject } from './handler';

const NAME = /^[a-z][a-z0-9_]{0,62}$/;

function actorOf(ctx: RecordContext): ChangeActor {
  if (!ctx.security.perms.system.customizeMetadata) {
    throw new AppError('FORBIDDEN', t(ctx.locale, 'auth.forbidden'), [{ code: 'right.customizeMetadata', message: t(ctx.locale, 'auth.forbidden') }]);
  }
  return { pool: ctx.pool, workspace: ctx.workspace, userId: ctx.user.id };
}

const label = z.object({ en: z.string().min(1).max(200), zh: z.string().min(1).max(200) });
/** What creating an object reads before the object's own schema is checked (the same shape tRPC takes). */
const NEW_OBJECT = z.object({
  name: z.string().regex(NAME),
  label,
  pluralLabel: label,
  description: z.string().max(2000).optional(),
  icon: z.string().max(60).optional(),
  nameLabel: label.optional(),
  autoNumber: z.string().max(60).optional(),
  sharing: z.object({ default: z.enum(['private', 'read', 'read_write']).optional(), hierarchy: z.boolean().optional() }).optional(),
});

/** 422 naming every part of a new object's body that has the wrong shape (missing labels, a name that is not text...). */
function checkNewObject(ctx: RecordContext, body: Record<string, unknown>): void {
  const parsed = NEW_OBJECT.safeParse(body);
  if (parsed.success) return;
  const details = parsed.error.issues.map((i) => {
    const pointer = `/${i.path.map((k) => pointerToken(String(k))).join('/')}`;
    return { pointer, code: 'request.invalidValue', message: t(ctx.locale, 'request.invalidValue', { pointer }) };
  });
  throw new AppError('METADATA_INVALID', details[0].message, details);
}

/** A revision number or page size from the query string: digits only, else 400 naming the parameter. */
function revisionParam(ctx: RecordContext, q: URLSearchParams, name: 'before' | 'limit'): number | undefined {
  const raw = q.get(name);
  if (raw === null || raw === '') return undefined;
  if (name === 'before' ? /^\d{1,9}$/.test(raw) : /^\d{1,3}$/.test(raw) && Number(raw) >= 1) return Number(raw);
  const key = name === 'limit' ? 'limit.invalid' : 'request.revisionNumber';
  const message = t(ctx.locale, key, { max: 200 });
  throw new AppError('BAD_REQUEST', message, [{ pointer: `/${name}`, code: key, message }]);
}

const committed = (r: CommitResult, status = 200) => json({ revision: r.revision, changes: r.changes.map((c) => c.key) }, status);

async function objectDocument(ctx: RecordContext, object: string) {
  const state = await currentState(ctx.pool, ctx.workspace.id);
  const items = state.effective.items;
  const own = items.get(itemKey.object(object));
  if (!own) return null;
  const of = (kind: string) => [...items.entries()].filter(([k, v]) => k.startsWith(`${kind}:${object}.`) && !(isObject(v) && (v.$removed || v.owner))).map(([, v]) => v);
  const documents = Object.fromEntries(documentKinds().map((k) => [k.folder, of(k.name)]));
  return { object: { ...(own as object), fields: of('field') }, ...documents, revision: state.revision };
}

export async function metadataHandler(req: Request, ctx: RecordContext, params: { path?: string[] }): Promise<Response> {
  const actor = actorOf(ctx);
  const path = params.path ?? [];
  const method = req.method;
  const notFound = () => keyedError('NOT_FOUND', 'metadata.noResource', { path: path.join('/') });
  for (const seg of path) if (!NAME.test(seg) && !/^\d+$/.test(seg)) throw notFound();
  // "constructor" passes the name pattern, but no record body could ever carry such a field: refuse it as a name.
  path.forEach((seg, i) => {
    if (FORBIDDEN_KEYS.has(seg)) {
      const detail = forbiddenKeyDetail(ctx.locale, seg, `/path/${i}`);
      throw new AppError('BAD_REQUEST', detail.message, [detail]);
    }
  });
  const [kind, a, b, c, d] = path;
  // A document kind's folder (layouts, views, rules...): the same two verbs for every kind.
  const documentKind = kind ? kindOfFolder(kind) : undefined;

  if (kind === 'objects') {
    if (!a) {
      if (method === 'GET') {
        const state = await currentState(ctx.pool, ctx.workspace.id);
        const objects = [...state.effective.items.keys()].filter((k) => parseKey(k).kind === 'object').map((k) => parseKey(k).object);
        return json({ objects: (await Promise.all(objects.map((o) => objectDocument(ctx, o)))).map((x) => x!.object), revision: state.revision });
      }
      if (method === 'POST') {
        const body = await readJsonObject(req, ctx.locale);
        checkNewObject(ctx, body);
        return committed(await designer.createObject(actor, body as unknown as designer.NewObjectInput), 201);
      }
    } else if (!b) {
      if (method === 'GET') {
        const doc = await objectDocument(ctx, a);
        if (!doc) throw notFound();
        return json(doc);
      }
      if (method === 'PATCH') return committed(await designer.updateObject(actor, a, (await readJsonObject(req, ctx.locale)) as Record<string, Json>));
    } else if (b === 'fields' && c) {
      if (!d && method === 'PUT') {
        const body = await readJsonObject(req, ctx.locale);
        const state = await currentState(ctx.pool, ctx.workspace.id);
        const exists = state.effective.items.has(itemKey.field(a, c));
        return committed(await designer.saveField(actor, a, { ...body, name: c } as unknown as FieldDef, exists ? 'update' : 'create'), exists ? 200 : 201);
      }
      if (!d && method === 'DELETE') return committed(await designer.archiveField(actor, a, c));
      if (d === 'restore' && method === 'POST') return committed(await designer.restoreField(actor, a, c));
    }
  } else if (documentKind && a && b && !c) {
    if (method === 'PUT') {
      const doc = { ...(await readJsonObject(req, ctx.locale)), object: a, name: b } as NamedDocument;
      return committed(await documentKind.verbs.save(actor, documentKind.fromRest ? documentKind.fromRest(doc) : doc));
    }
    if (method === 'DELETE' && documentKind.verbs.remove) return committed(await documentKind.verbs.remove(actor, a, b));
  } else if (kind === 'revisions') {
    if (!a && method === 'GET') {
      const q = new URL(req.url).searchParams;
      return json({ revisions: await listRevisions(ctx.pool, ctx.workspace.id, { before: revisionParam(ctx, q, 'before'), limit: revisionParam(ctx, q, 'limit') }) });
    }
    if (a && b === 'revert' && method === 'POST') return committed(await designer.revertTo(actor, Number(a)));
  } else if (kind === 'conflicts' && !a && method === 'GET') {
    return json({ conflicts: await listConflicts(ctx.pool, ctx.workspace.id) });
  }
  const allowed = allowedMethods(path);
  if (allowed.length) return methodNotAllowed(allowed)(req);
  throw notFound();
}

/** The methods a metadata address serves (as the header comment lists them); none when there is no such address. */
function allowedMethods(path: string[]): string[] {
  const [kind, , b, c, d] = path;
  const n = path.length;
  if (kind === 'objects') {
    if (n === 1) return ['GET', 'POST'];
    if (n === 2) return ['GET', 'PATCH'];
    if (n === 4 && b === 'fields') return ['PUT', 'DELETE'];
    if (n === 5 && b === 'fields' && c && d === 'restore') return ['POST'];
  }
  const document = kindOfFolder(kind);
  if (n === 3 && document) return document.verbs.remove ? ['PUT', 'DELETE'] : ['PUT'];
  if (kind === 'revisions') return n === 1 ? ['GET'] : n === 3 && b === 'revert' ? ['POST'] : [];
  if (kind === 'conflicts' && n === 1) return ['GET'];
  return [];
}
