/**
 * Field history: every changed field of every record (old value, new value, who, when, channel,
 * transaction), plus lifecycle events ($created, $deleted, $restored). Written in the same
 * transaction as the change it describes.
 */
import type { Queryable } from '../db/pool';
import { isoFromPg } from '../core/time';
import { dbOf, requireObject, type RecordContext } from '../data/context';
import { lookupNames } from '../data/names';
import { mayAccessRecord } from '../data/read';

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** Properties that change on every write and say nothing a user would look for. */
const NOISE = new Set(['updated_at', 'updated_by', 'version', 'created_at', 'created_by', 'deleted_at']);

/** The fields whose values differ between two API records. */
export function diffRecords(before: Record<string, unknown>, after: Record<string, unknown>, nameField = 'name'): FieldChange[] {
  const out: FieldChange[] = [];
  for (const key of Object.keys(after)) {
    if (NOISE.has(key) || key.startsWith('$')) continue;
    if (key === 'name' && nameField !== 'name') continue; // derived from the name field, which is recorded itself
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ field: key, old: a, new: b });
  }
  return out;
}

export async function writeHistory(
  db: Queryable,
  ctx: RecordContext,
  object: string,
  recordIds: string[],
  changes: FieldChange[] | ((id: string) => FieldChange[]),
  txId: string,
): Promise<void> {
  const rows: unknown[][] = [];
  for (const id of recordIds) {
    for (const c of typeof changes === 'function' ? changes(id) : changes) {
      rows.push([id, c.field, c.old === undefined ? null : JSON.stringify(c.old), c.new === undefined ? null : JSON.stringify(c.new)]);
    }
  }
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO "public"."field_history" ("workspace_id", "object", "record_id", "field", "old_value", "new_value", "user_id", "channel", "tx_id")
     SELECT $1, $2, r, f, o::jsonb, n::jsonb, $3, $4, $5 FROM unnest($6::uuid[], $7::text[], $8::text[], $9::text[]) AS u(r, f, o, n)`,
    [ctx.workspace.id, object, ctx.user.id, ctx.channel, txId, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
  );
}

export interface HistoryEntry {
  id: number;
  field: string;
  old: unknown;
  new: unknown;
  user: string | null;
  at: string;
  channel: string;
  txId: string;
}

/**
 * A record's field history, newest first, 50 at a time: only fields the caller may read, and only
 * for a record they may see (a deleted one: only if they may restore it, as the recycle bin shows
 * it). Anything else answers as for a record with no history, so its existence does not leak.
 */
export async function readFieldHistory(
  ctx: RecordContext,
  object: string,
  id: string,
  cursor?: number | null,
): Promise<{ entries: HistoryEntry[]; more: boolean; names: Record<string, string> }> {
  const obj = requireObject(ctx, object, 'read');
  const visible = (await mayAccessRecord(ctx, obj.name, id, 'read')) || (await mayAccessRecord(ctx, obj.name, id, 'full', 'deleted'));
  if (!visible) return { entries: [], more: false, names: {} };
  const readable = [...obj.fieldMap.keys()].flatMap((f) => (f === obj.nameField ? [f] : [f, `${f}_currency`]));
  const db = dbOf(ctx);
  const res = await db.query<{ id: string; field: string; old_value: unknown; new_value: unknown; user_name: string | null; at: string; channel: string; tx_id: string }>(
    `SELECT h.id, h.field, h.old_value, h.new_value, u.name AS user_name, h.at, h.channel, h.tx_id FROM field_history h LEFT JOIN users u ON u.id = h.user_id
      WHERE h.workspace_id = $1 AND h.object = $2 AND h.record_id = $3 AND (h.field LIKE '$%' OR h.field = ANY($4::text[])) ${cursor ? 'AND h.id < $6' : ''}
      ORDER BY h.id DESC LIMIT $5`,
    [ctx.workspace.id, obj.name, id, readable, 51, ...(cursor ? [cursor] : [])],
  );
  const entries = res.rows
    .slice(0, 50)
    .map((r) => ({ id: Number(r.id), field: r.field, old: r.old_value, new: r.new_value, user: r.user_name, at: isoFromPg(r.at)!, channel: r.channel, txId: r.tx_id }));
  // Names for ids in owner and lookup changes (records only when the caller may see them).
  const names = await lookupNames(
    ctx,
    obj,
    entries.flatMap((e) => [{ [e.field]: e.old }, { [e.field]: e.new }]),
  );
  const sharedWith = entries
    .filter((e) => e.field === '$shared' || e.field === '$team')
    .flatMap((e) => [e.old, e.new])
    .map((v) => (v as { userId?: string } | null)?.userId)
    .filter((v): v is string => Boolean(v));
  if (sharedWith.length) {
    const users = await db.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE id = ANY($1::uuid[]) AND workspace_id = $2', [sharedWith, ctx.workspace.id]);
    for (const u of users.rows) names.set(u.id, u.name);
  }
  return { entries, more: res.rows.length > 50, names: Object.fromEntries(names) };
}
