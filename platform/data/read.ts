/** Reading records: get one, list with filter/sort/search/keyset paging, and the recycle bin. */
import { AppError } from '../core/errors';
import { ident, qualified } from '../core/identifiers';
import { pickLabel, t } from '../core/i18n';
import { Params } from '../core/sql';
import { UUID_PATTERN } from '../fields/lookup';
import { fieldType } from '../fields/registry';
import type { ObjectModel } from '../metadata/model';
import { compileCondition } from '../rules/conditions/compile';
import { parseCondition } from '../rules/conditions/parse';
import { conditionFields, type ConditionNode } from '../rules/conditions/types';
import { sortKeySql } from '../schema/indexes';
import type { AccessMode, AccessPlan } from '../security/access';
import { accessBranches, compileAccess } from '../security/access';
import type { Queryable } from '../db/pool';
import { conditionContext, prepareFilterAccess, type FilterAccess } from './conditionAccess';
import { listPathResolver } from './paths';
import { dbOf, requireObject, type RecordContext } from './context';
import { pendingUnorderable } from './pending';
import { listStatementName, queryList } from './prepared';
import { recordSource } from './source';
import { decodeCursor, encodeCursor, keysetBranches, keysetPredicate } from './cursor';
import { attachNames, lookupNames } from './names';
import { parseSort, sortSignature, type SortKey } from './sort';
import { rowToRecord, type RecordData } from './values';

const UUID_RE = new RegExp(UUID_PATTERN);
export const MAX_LIMIT = 200;
const DEFAULT_LIMIT = 50;

export interface ListOptions {
  /** Condition tree (JSON-decoded). */
  filter?: unknown;
  sort?: string | { field: string; dir?: 'asc' | 'desc' }[];
  limit?: number;
  cursor?: string | null;
  /** Matches the record name (and the object's search fields) containing this text. */
  search?: string;
  /** Attach `$names` with the display names of lookups. */
  withNames?: boolean;
}

export interface ListResult {
  records: RecordData[];
  nextCursor: string | null;
}

export function notFound(ctx: RecordContext, obj: ObjectModel): AppError {
  const message = t(ctx.locale, 'record.notFound', { object: pickLabel(obj.label, ctx.locale) });
  return new AppError('NOT_FOUND', message, [{ code: 'record.notFound', message }]);
}

export function isRecordId(id: unknown): id is string {
  return typeof id === 'string' && UUID_RE.test(id);
}

/** SQL (or null) restricting an object's rows to those the caller holds `mode` access to. */
async function accessSql(ctx: RecordContext, object: string, mode: AccessMode, params: Params, alias = 't'): Promise<string | null> {
  const plan = await ctx.security.plan(object, mode);
  return compileAccess(plan, params, { workspaceId: ctx.workspace.id, object, userId: ctx.user.id }, alias);
}

/** The WHERE clause of a one-record probe: the id, the record's state, and the caller's `mode` access. */
async function probeWhere(ctx: RecordContext, object: string, id: string, mode: AccessMode, state: 'live' | 'deleted', params: Params): Promise<string> {
  const where = [`"t"."id" = ${params.add(id)}::uuid`, state === 'live' ? '"t"."deleted_at" IS NULL' : '"t"."deleted_at" IS NOT NULL'];
  const access = await accessSql(ctx, object, state === 'deleted' ? 'full' : mode, params);
  if (access) where.push(access);
  return where.join(' AND ');
}

/**
 * Whether the caller holds `mode` access to one record: the one probe every "may I see or change
 * this record" question goes through. A record in the recycle bin (`deleted`) counts only for
 * those who may restore it (full access), as the recycle bin itself shows it. `db` is the
 * transaction to ask in, when the caller holds one.
 */
export async function mayAccessRecord(
  ctx: RecordContext,
  object: string,
  id: string,
  mode: AccessMode,
  state: 'live' | 'deleted' = 'live',
  db: Queryable = dbOf(ctx),
): Promise<boolean> {
  if (!isRecordId(id)) return false;
  const params = new Params();
  const where = await probeWhere(ctx, object, id, mode, state, params);
  const res = await db.query(`SELECT 1 FROM ${qualified(ctx.workspace.schema, object)} AS "t" WHERE ${where}`, params.values);
  return (res.rowCount ?? 0) > 0;
}

/**
 * The same probe for a write: lock the record (FOR NO KEY UPDATE) if the caller holds `mode`
 * access to it, and return its stored row; null when they do not (nothing is locked then).
 */
export async function lockAccessibleRecord(
  ctx: RecordContext,
  client: Queryable,
  object: string,
  id: string,
  mode: AccessMode,
  state: 'live' | 'deleted' = 'live',
): Promise<Record<string, unknown> | null> {
  if (!isRecordId(id)) return null;
  const params = new Params();
  const where = await probeWhere(ctx, object, id, mode, state, params);
  const res = await client.query(`SELECT "t".* FROM ${qualified(ctx.workspace.schema, object)} AS "t" WHERE ${where} FOR NO KEY UPDATE OF "t"`, params.values);
  return res.rows[0] ?? null;
}

/** What the caller may do with one record they can see (for screens to offer only what works). */
export async function recordPermissions(ctx: RecordContext, objectName: string, id: string): Promise<{ edit: boolean; delete: boolean }> {
  const obj = requireObject(ctx, objectName, 'read');
  const rights = ctx.security.perms.object(obj.name);
  return { edit: rights.edit && (await mayAccessRecord(ctx, obj.name, id, 'edit')), delete: rights.delete && (await mayAccessRecord(ctx, obj.name, id, 'full')) };
}

/**
 * The probe that also reads: one live record the caller holds `mode` access to, with its formula
 * values, as `obj` describes it (the caller's view, or the whole object for the platform's own
 * checks), or null.
 */
export async function findAccessibleRecord(ctx: RecordContext, obj: ObjectModel, id: string, mode: AccessMode = 'read', db: Queryable = dbOf(ctx)): Promise<RecordData | null> {
  if (!isRecordId(id)) return null;
  const params = new Params();
  const where = await probeWhere(ctx, obj.name, id, mode, 'live', params);
  const res = await db.query(`SELECT "t".* FROM ${recordSource(ctx.workspace.schema, obj, params)} WHERE ${where}`, params.values);
  return res.rowCount ? rowToRecord(obj, res.rows[0]) : null;
}

/** One live record by id, or NOT_FOUND (also when the caller may not see it). */
export async function getRecord(ctx: RecordContext, objectName: string, id: string, opts: { withNames?: boolean } = {}): Promise<RecordData> {
  const obj = requireObject(ctx, objectName, 'read');
  const rec = await findAccessibleRecord(ctx, obj, id);
  if (!rec) throw notFound(ctx, obj);
  if (opts.withNames) attachNames(obj, [rec], await lookupNames(ctx, obj, [rec]));
  return rec;
}

/** Parse a filter for an object, throwing INVALID_FILTER listing every problem. */
export function parseFilter(ctx: RecordContext, obj: ObjectModel, filter: unknown): ConditionNode | undefined {
  if (filter === undefined || filter === null) return undefined;
  // Related-record conditions name other objects as the caller sees them: readable objects, hidden fields absent.
  const objects = { get: (name: string) => (ctx.security.perms.object(name).read ? ctx.meta.objects.get(name) : undefined) };
  // Lookup paths (account.industry) reach one parent up, through the caller's view of it.
  const parsed = parseCondition(filter, obj, { pointer: '/filter', locale: ctx.locale, objects, resolvePath: listPathResolver(ctx, obj) });
  if (parsed.errors.length) throw new AppError('INVALID_FILTER', parsed.errors[0].message, parsed.errors);
  return parsed.condition;
}

/** What a list filter's related-record conditions and lookup paths need to compile. */
export async function filterAccess(ctx: RecordContext, obj: ObjectModel, filter: unknown): Promise<FilterAccess> {
  return prepareFilterAccess(ctx, obj, parseFilter(ctx, obj, filter));
}

export function parseLimit(ctx: RecordContext, limit: unknown): number {
  if (limit === undefined || limit === null) return DEFAULT_LIMIT;
  const n = Number(limit);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
    const message = t(ctx.locale, 'limit.invalid', { max: MAX_LIMIT });
    throw new AppError('BAD_REQUEST', message, [{ pointer: '/limit', code: 'limit.invalid', message }]);
  }
  return n;
}

/** The name search of lists (name and the object's search fields contain the text), or null. */
export function searchSql(ctx: RecordContext, obj: ObjectModel, text: string | undefined, params: Params, alias = 't'): string | null {
  const search = text?.trim();
  if (search && (search.includes('\u0000') || search.length > 200)) {
    const message = t(ctx.locale, 'search.invalid');
    throw new AppError('BAD_REQUEST', message, [{ pointer: '/q', code: 'search.invalid', message }]);
  }
  if (!search) return null;
  const pattern = params.add(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const columns = ['name', ...obj.searchFields.map((s) => fieldType(obj.fieldMap.get(s)!).columns(obj.fieldMap.get(s)!)[0].name)];
  return `(${columns.map((c) => `${ident(alias)}.${ident(c)} ILIKE ${pattern}`).join(' OR ')})`;
}

/**
 * A list of a big table may not be ordered or filtered by a column its backfill has not filled yet
 * (data/pending.ts): computing it for every row would run past the statement limit. 503 with the
 * field named, at once, instead of half a minute of work ending in the same answer.
 */
function refusePendingOrder(ctx: RecordContext, obj: ObjectModel, keys: SortKey[], condition: ConditionNode | undefined): void {
  const pending = pendingUnorderable(ctx.workspace.schema, obj.name);
  if (!pending.size) return;
  const used: [string, string][] = [
    ...keys.map((k): [string, string] => [k.column, '/sort']),
    ...(condition ? conditionFields(condition).map((f): [string, string] => [f.name, '/filter']) : []),
  ];
  const hit = used.find(([column]) => pending.has(column));
  if (!hit) return;
  const field = obj.fieldMap.get(hit[0]);
  const message = t(ctx.locale, 'backfill.pendingOrder', { field: field ? pickLabel(field.label, ctx.locale) : hit[0] });
  throw new AppError('UNAVAILABLE', message, [{ field: hit[0], pointer: hit[1], code: 'backfill.pendingOrder', message }], { retryAfter: 60 });
}

/** Everything a list query needs, compiled: shared by the record service and the benchmark. */
export interface CompiledList {
  sql: string;
  values: unknown[];
  keys: SortKey[];
  limit: number;
  signature: string;
  /** The ORDER BY clause (without LIMIT) over alias "t": for a query that wraps this one. */
  order: string;
}

/**
 * Compile a list query. `access` is the caller's read plan for the object (from
 * ctx.security.plan); its predicate restricts every branch of the query.
 */
export function compileList(ctx: RecordContext, obj: ObjectModel, opts: ListOptions, access: AccessPlan, scope: 'live' | 'deleted' = 'live', related?: FilterAccess): CompiledList {
  const params = new Params();
  const limit = parseLimit(ctx, opts.limit);
  const condition = parseFilter(ctx, obj, opts.filter);
  const keys = scope === 'deleted' ? parseSort('-id', obj, ctx.locale) : parseSort(opts.sort ?? (obj.nameField ? 'name' : undefined), obj, ctx.locale);
  if (scope === 'deleted') keys.unshift({ field: obj.fieldMap.get('updated_at')!, column: 'deleted_at', dir: 'desc' });
  refusePendingOrder(ctx, obj, keys, condition);
  const signature = sortSignature(keys);
  const where = [scope === 'live' ? '"t"."deleted_at" IS NULL' : '"t"."deleted_at" IS NOT NULL'];
  if (condition) where.push(compileCondition(condition, params, conditionContext(ctx, related), 't'));
  const search = searchSql(ctx, obj, opts.search, params);
  if (search) where.push(search);
  const table = recordSource(ctx.workspace.schema, obj, params);
  const order = `ORDER BY ${keys.map((k) => sortKeySql(k, 't')).join(', ')}`;
  const orderBy = `${order} LIMIT ${limit + 1}`;
  // The caller's access as alternative branches (one per visible owner, shares, criteria rules)...
  const grants: (string | null)[] = accessBranches(access, params, { workspaceId: ctx.workspace.id, object: obj.name, userId: ctx.user.id }, 't') ?? [null];
  // ...and the keyset as index ranges (values, then the NULL region, when both follow the cursor).
  let ranges: string[][] = [[]];
  if (opts.cursor) {
    const values = decodeCursor(opts.cursor, signature, keys, ctx.locale);
    const after = keysetPredicate(keys, values, params, 't');
    const bounds = keysetBranches(keys[0], values[0], params, keys.length === 1);
    ranges = bounds.map((b, i) => (i === 0 ? [b, after] : [b]));
  }
  const selects = grants.flatMap((g) => ranges.map((r) => `SELECT "t".* FROM ${table} WHERE ${[...where, ...(g ? [g] : []), ...r].join(' AND ')} ${orderBy}`));
  // Each branch walks an index in sort order and stops after limit + 1 rows; the union of the
  // branches' first rows holds the first rows overall. Owner branches and keyset ranges never
  // overlap, so Postgres merges them in order and reads only what it returns; shares and criteria
  // rules may reach records another grant reaches too, and those are made distinct (the shares
  // branch leaves out what the owner branches reach).
  const overlapping = access.criteria.length > 0;
  const union = selects.map((q) => `(${q})`).join(' UNION ALL ');
  const sql =
    selects.length === 1
      ? selects[0]
      : overlapping
        ? `SELECT "t".* FROM (SELECT DISTINCT ON ("u"."id") "u".* FROM (${union}) AS "u") AS "t" ${orderBy}`
        : `SELECT "t".* FROM (${union}) AS "t" ${orderBy}`;
  return { sql, values: params.values, keys, limit, signature, order };
}

/** The rows of a page (the query reads one more than the limit) and the cursor of the next one. */
export function pageRows<R extends Record<string, unknown>>(compiled: CompiledList, rows: R[]): { rows: R[]; nextCursor: string | null } {
  const more = rows.length > compiled.limit;
  const pageRows = more ? rows.slice(0, compiled.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  const nextCursor =
    more && last
      ? encodeCursor(
          compiled.signature,
          compiled.keys.map((k) => (last[k.column] === null || last[k.column] === undefined ? null : String(last[k.column]))),
        )
      : null;
  return { rows: pageRows, nextCursor };
}

function page(obj: ObjectModel, compiled: CompiledList, rows: Record<string, unknown>[]): ListResult {
  const p = pageRows(compiled, rows);
  return { records: p.rows.map((r) => rowToRecord(obj, r)), nextCursor: p.nextCursor };
}

/** List live records: condition-tree filter, multi-field sort, name search, keyset pagination. */
export async function listRecords(ctx: RecordContext, objectName: string, opts: ListOptions = {}): Promise<ListResult> {
  const obj = requireObject(ctx, objectName, 'read');
  const related = await filterAccess(ctx, obj, opts.filter);
  const compiled = compileList(ctx, obj, opts, await ctx.security.plan(obj.name, 'read'), 'live', related);
  const name = listStatementName(ctx.meta, compiled.sql, opts);
  const res = await queryList(dbOf(ctx), compiled.sql, compiled.values, name);
  const result = page(obj, compiled, res.rows);
  if (opts.withNames) attachNames(obj, result.records, await lookupNames(ctx, obj, result.records));
  return result;
}

/** The recycle bin: deleted records the caller could restore, most recently deleted first. */
export async function listDeleted(
  ctx: RecordContext,
  objectName: string,
  opts: Pick<ListOptions, 'filter' | 'limit' | 'cursor' | 'search' | 'withNames'> = {},
): Promise<ListResult> {
  const obj = requireObject(ctx, objectName, 'read');
  const related = await filterAccess(ctx, obj, opts.filter);
  const compiled = compileList(ctx, obj, opts, await ctx.security.plan(obj.name, 'full'), 'deleted', related);
  const res = await dbOf(ctx).query(compiled.sql, compiled.values);
  const result = page(obj, compiled, res.rows);
  if (opts.withNames) attachNames(obj, result.records, await lookupNames(ctx, obj, result.records));
  return result;
}
