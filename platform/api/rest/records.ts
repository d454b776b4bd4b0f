/** REST handlers for records: list, create, get, update (If-Match), delete, restore, recycle bin. */
import { AppError } from '../../core/errors';
import { t, type MessageKey } from '../../core/i18n';
import { parseJsonOrThrow, pointerToken } from '../../core/json';
import { objectOf } from '../../data/context';
import { MAX_LIMIT, parseLimit } from '../../data/read';
import type { RecordContext } from '../../data/context';
import { createRecord, deleteRecord, getRecord, listDeleted, restoreRecord, updateRecord } from '../../data';
import { listRecordsJson } from '../../data/json';
import { massAction, parseMassRequest } from '../../data/mass';
import { listTotals } from '../../data/totals';
import { ifMatchVersion, json, jsonText, readJsonObject } from './handler';

type ObjectParams = { object: string };
type RecordParams = { object: string; id: string };

function parseFilterParam(ctx: RecordContext, raw: string | null): unknown {
  if (raw === null || raw === '') return undefined;
  return parseJsonOrThrow(raw, ctx.locale, { code: 'INVALID_FILTER', at: '/filter', syntaxKey: 'filter.malformed' });
}

/** `limit` over REST is plain digits ("1e1" or " 5" are not limits). */
function restLimit(ctx: RecordContext, raw: string): number {
  return /^\d{1,4}$/.test(raw) ? Number(raw) : parseLimit(ctx, NaN);
}

function listParams(ctx: RecordContext, url: URL) {
  const q = url.searchParams;
  return {
    filter: parseFilterParam(ctx, q.get('filter')),
    sort: q.get('sort') ?? undefined,
    limit: q.has('limit') ? restLimit(ctx, q.get('limit')!) : undefined,
    cursor: q.get('cursor'),
    search: q.get('q') ?? undefined,
  };
}

const QUERY_KEYS = ['filter', 'sort', 'limit', 'cursor', 'q'];

/** The body of POST .../query: the list parameters as JSON, each checked for its type. */
function queryParams(ctx: RecordContext, body: Record<string, unknown>) {
  const bad = (code: 'BAD_REQUEST' | 'INVALID_SORT' | 'INVALID_CURSOR', key: string, messageKey: MessageKey, params: Record<string, string | number> = {}) => {
    const message = t(ctx.locale, messageKey, params);
    return new AppError(code, message, [{ pointer: `/${key}`, code: messageKey, message }]);
  };
  for (const key of Object.keys(body)) {
    if (!QUERY_KEYS.includes(key)) throw bad('BAD_REQUEST', pointerToken(key), 'request.unknownKey', { key, expected: QUERY_KEYS.join(', ') });
  }
  const { filter, sort, limit, cursor, q } = body;
  if (sort !== undefined && sort !== null && typeof sort !== 'string') throw bad('INVALID_SORT', 'sort', 'sort.malformed', { sort: JSON.stringify(sort).slice(0, 100) });
  if (limit !== undefined && limit !== null && typeof limit !== 'number') throw bad('BAD_REQUEST', 'limit', 'limit.invalid', { max: MAX_LIMIT });
  if (cursor !== undefined && cursor !== null && typeof cursor !== 'string') throw bad('INVALID_CURSOR', 'cursor', 'cursor.invalid');
  if (q !== undefined && q !== null && typeof q !== 'string') throw bad('BAD_REQUEST', 'q', 'search.invalid');
  return {
    filter: filter ?? undefined,
    sort: sort ?? undefined,
    limit: limit === undefined || limit === null ? undefined : parseLimit(ctx, limit),
    cursor: cursor ?? null,
    search: q ?? undefined,
  };
}

// Lists answer JSON that Postgres builds (data/json.ts): the same records as listRecords, without
// parsing, converting and serialising every column in Node.
export async function listHandler(req: Request, ctx: RecordContext, p: ObjectParams) {
  return jsonText(await listRecordsJson(ctx, p.object, listParams(ctx, new URL(req.url))));
}

/** POST /records/{object}/query: the list with its parameters in a JSON body (a filter too long for a URL). */
export async function queryHandler(req: Request, ctx: RecordContext, p: ObjectParams) {
  objectOf(ctx, p.object); // an unknown object is a 404 whatever the body
  return jsonText(await listRecordsJson(ctx, p.object, queryParams(ctx, await readJsonObject(req, ctx.locale))));
}

export async function createHandler(req: Request, ctx: RecordContext, p: ObjectParams) {
  objectOf(ctx, p.object); // an unknown object is a 404 whatever the body
  const record = await createRecord(ctx, p.object, await readJsonObject(req, ctx.locale));
  return json({ record }, 201, { location: `/api/v1/records/${p.object}/${String(record.id)}` });
}

export async function getHandler(_req: Request, ctx: RecordContext, p: RecordParams) {
  return json({ record: await getRecord(ctx, p.object, p.id) });
}

export async function patchHandler(req: Request, ctx: RecordContext, p: RecordParams) {
  objectOf(ctx, p.object);
  const expectedVersion = ifMatchVersion(req, ctx.locale);
  const record = await updateRecord(ctx, p.object, p.id, await readJsonObject(req, ctx.locale), { expectedVersion });
  return json({ record });
}

export async function deleteHandler(req: Request, ctx: RecordContext, p: RecordParams) {
  await deleteRecord(ctx, p.object, p.id, { expectedVersion: ifMatchVersion(req, ctx.locale) });
  return new Response(null, { status: 204 });
}

export async function restoreHandler(_req: Request, ctx: RecordContext, p: RecordParams) {
  return json({ record: await restoreRecord(ctx, p.object, p.id) });
}

export async function recycleBinHandler(req: Request, ctx: RecordContext, p: ObjectParams) {
  const { filter, limit, cursor, search } = listParams(ctx, new URL(req.url));
  const result = await listDeleted(ctx, p.object, { filter, limit, cursor, search });
  return json({ records: result.records, nextCursor: result.nextCursor });
}

/** POST /records/{object}/mass: update, change owner or delete many records; `{ done, failed }`. */
export async function massHandler(req: Request, ctx: RecordContext, p: ObjectParams) {
  objectOf(ctx, p.object); // an unknown object is a 404 whatever the body
  return json(await massAction(ctx, p.object, parseMassRequest(ctx, await readJsonObject(req, ctx.locale))));
}

/**
 * GET /records/{object}/totals: the count and amount sums of the records the list would answer for
 * the same `filter` and `q` (the shape of tRPC records.totals). An API has no list view, so every
 * amount field the caller may read is summed.
 */
export async function totalsHandler(req: Request, ctx: RecordContext, p: ObjectParams) {
  const q = new URL(req.url).searchParams;
  const filter = parseFilterParam(ctx, q.get('filter'));
  const columns = objectOf(ctx, p.object)
    .allFields.filter((f) => f.type === 'currency')
    .map((f) => f.name);
  return json(await listTotals(ctx, p.object, { filter, search: q.get('q') ?? undefined, columns }));
}
