/**
 * Field history: every changed field of every record (old value, new value, who, when, channel,
 * transaction), plus lifecycle events ($created, $deleted, $restored). Written in the same
 * transaction as the change it describes.
 */
import type { Queryable } from '../db/pool';
import type { RecordContext } from '../data/context';

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

export async function writeHistory(db: Queryable, ctx: RecordContext, object: string, recordIds: string[], changes: FieldChange[] | ((id: string) => FieldChange[]), txId: string): Promise<void> {
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
