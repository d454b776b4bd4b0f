/**
 * Mass actions on a list's selected rows: update fields, change owner, delete. Every row goes
 * through the record service on its own (its own transaction, every write step, the caller's
 * access), so a row that fails is listed with its typed error and never stops the others.
 */
import { AppError } from '../core/errors';
import { t } from '../core/i18n';
import { FORBIDDEN_KEYS } from '../core/json';
import { requireObject, type RecordContext } from './context';
import { deleteRecord, updateRecord } from './write';

/** The most rows one mass action takes (the list pages hold at most 200; a script may send more). */
export const MASS_MAX_IDS = 500;

export type MassAction = 'update' | 'owner' | 'delete';

export interface MassRequest {
  action: MassAction;
  ids: string[];
  /** The fields to set (update), or `{ owner }` (owner). */
  values?: Record<string, unknown>;
  /** The version each row had when the caller saw it: a row changed since answers CONFLICT. */
  versions?: Record<string, number>;
}

export interface MassResult {
  done: string[];
  failed: { id: string; code: string; message: string }[];
}

function bad(
  ctx: RecordContext,
  pointer: string,
  key: 'mass.action' | 'mass.ids' | 'mass.values' | 'mass.owner' | 'mass.forbiddenKey',
  params: Record<string, string | number> = {},
): AppError {
  const message = t(ctx.locale, key, params);
  return new AppError('BAD_REQUEST', message, [{ pointer, field: pointer.slice(1).split('/')[0], code: key, message }]);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Check a mass request as it arrived (any channel): 400 naming the member at fault. */
export function parseMassRequest(ctx: RecordContext, body: Record<string, unknown>): MassRequest {
  const { action, ids, values, versions } = body;
  if (action !== 'update' && action !== 'owner' && action !== 'delete') throw bad(ctx, '/action', 'mass.action');
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MASS_MAX_IDS || ids.some((x) => typeof x !== 'string' || x.length > 64))
    throw bad(ctx, '/ids', 'mass.ids', { max: MASS_MAX_IDS });
  if (values !== undefined && values !== null && !isPlainObject(values)) throw bad(ctx, '/values', 'mass.values');
  // JSON.parse keeps "__proto__" as an own key: refuse it before any copy could make it a prototype.
  const badKey = isPlainObject(values) ? Object.keys(values).find((k) => FORBIDDEN_KEYS.has(k)) : undefined;
  if (badKey) throw bad(ctx, `/values/${badKey}`, 'mass.forbiddenKey', { key: badKey });
  if (action === 'update' && (!isPlainObject(values) || Object.keys(values).length === 0)) throw bad(ctx, '/values', 'mass.values');
  if (action === 'owner' && (!isPlainObject(values) || typeof values.owner !== 'string' || Object.keys(values).length !== 1)) throw bad(ctx, '/values/owner', 'mass.owner');
  let vers: Record<string, number> | undefined;
  if (versions !== undefined && versions !== null) {
    if (!isPlainObject(versions)) throw bad(ctx, '/versions', 'mass.values');
    vers = Object.create(null) as Record<string, number>;
    for (const [k, v] of Object.entries(versions)) if (Number.isInteger(v)) vers[k] = v as number;
  }
  return { action, ids: [...new Set(ids as string[])], values: isPlainObject(values) ? values : undefined, versions: vers };
}

/**
 * Run a mass action row by row, in the caller's name. Rows the caller cannot see fail as NOT_FOUND
 * exactly like ids that do not exist. An object-level refusal (no edit or delete right) is one 403
 * for the whole request, since no row could succeed.
 */
export async function massAction(ctx: RecordContext, objectName: string, req: MassRequest): Promise<MassResult> {
  requireObject(ctx, objectName, req.action === 'delete' ? 'delete' : 'edit');
  const done: string[] = [];
  const failed: MassResult['failed'] = [];
  for (const id of req.ids) {
    const expectedVersion = req.versions?.[id];
    try {
      if (req.action === 'delete') await deleteRecord(ctx, objectName, id, { expectedVersion });
      else await updateRecord(ctx, objectName, id, { ...req.values }, { expectedVersion });
      done.push(id);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const detail = e.details.find((d) => d.field)?.message;
      failed.push({ id, code: e.code, message: detail && detail !== e.message ? `${e.message}: ${detail}` : e.message });
    }
  }
  return { done, failed };
}
