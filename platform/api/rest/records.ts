/** REST handlers for records: list, create, get, update (If-Match), delete, restore, recycle bin. */
import { AppError } from '../../core/errors';
import { t } from '../../core/i18n';
import { objectOf } from '../../data/context';
import { parseLimit } from '../../data/read';
import type { RecordContext } from '../../data/context';
import { createRecord, deleteRecord, getRecord, listDeleted, listRecords, restoreRecord, updateRecord } from '../../data';
import { ifMatchVersion, json, readJsonObject } from './handler';

type ObjectParams = { object: string };
type RecordParams = { object: string; id: string };

function parseFilterParam(ctx: RecordContext, raw: string | null): unknown {
  if (raw === null || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    const message = t(ctx.locale, 'filter.malformed');
    throw new AppError('INVALID_FILTER', message, [{ pointer: '/filter', code: 'filter.malformed', message }]);
  }
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

export async function listHandler(req: Request, ctx: RecordContext, p: ObjectParams) {
  const result = await listRecords(ctx, p.object, listParams(ctx, new URL(req.url)));
  return json({ records: result.records, nextCursor: result.nextCursor });
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
