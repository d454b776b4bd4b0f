/** The history of a workspace's metadata: revisions with readable diffs, and current conflicts. */
import type { Queryable } from '../db/pool';
import type { RevisionChange } from './changes';
import { findConflicts, parseKey, type Conflict } from './layers';
import { deepEqual, isObject, type Json } from './patch';
import { readWorkspaceLayers, effectiveMetadata } from './registry';

export interface ChangeLine {
  /** Property path inside the item ('' for the whole item). */
  path: string;
  before: Json | null;
  after: Json | null;
}

export interface ReadableChange {
  key: string;
  kind: string;
  object: string;
  name?: string;
  action: 'added' | 'removed' | 'changed' | 'archived' | 'restored';
  lines: ChangeLine[];
}

function lines(before: Json | null, after: Json | null, prefix = ''): ChangeLine[] {
  if (isObject(before) && isObject(after)) {
    const out: ChangeLine[] = [];
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (deepEqual(before[k], after[k])) continue;
      out.push(...lines(before[k] ?? null, after[k] ?? null, prefix ? `${prefix}.${k}` : k));
    }
    return out;
  }
  return [{ path: prefix, before, after }];
}

/** What a stored change means to a person: added/removed/archived/restored/changed, property by property. */
function describeChange(c: RevisionChange): ReadableChange {
  const { kind, object, name } = parseKey(c.key);
  const archived = (v: Json | null) => isObject(v) && v.archived === true;
  let action: ReadableChange['action'] = 'changed';
  if (c.before === null || (isObject(c.before) && c.before.$removed)) action = 'added';
  else if (c.after === null || (isObject(c.after) && c.after.$removed)) action = 'removed';
  else if (!archived(c.before) && archived(c.after)) action = 'archived';
  else if (archived(c.before) && !archived(c.after)) action = 'restored';
  const detail = action === 'changed' ? lines(c.before, c.after).filter((l) => l.path !== 'archived') : action === 'added' ? [{ path: '', before: null, after: c.after }] : [];
  return { key: c.key, kind, object, name, action, lines: detail };
}

export interface RevisionSummary {
  number: number;
  at: string;
  userId: string | null;
  userName: string | null;
  summary: string;
  changes: ReadableChange[];
}

export async function listRevisions(db: Queryable, workspaceId: string, opts: { before?: number; limit?: number } = {}): Promise<RevisionSummary[]> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const r = await db.query<{ number: number; at: Date; user_id: string | null; user_name: string | null; summary: string; changes: RevisionChange[] }>(
    `SELECT r.number, r.at, r.user_id, u.name AS user_name, r.summary, r.changes
       FROM metadata_revisions r LEFT JOIN users u ON u.id = r.user_id
      WHERE r.workspace_id = $1 AND ($2::int IS NULL OR r.number < $2)
      ORDER BY r.number DESC LIMIT $3`,
    [workspaceId, opts.before ?? null, limit],
  );
  return r.rows.map((row) => ({
    number: row.number,
    at: new Date(row.at).toISOString(),
    userId: row.user_id,
    userName: row.user_name,
    summary: row.summary,
    changes: row.changes.map(describeChange),
  }));
}

/** Workspace customisations that a lower layer (stock upgrade, package upgrade) has since changed differently. */
export async function listConflicts(db: Queryable, workspaceId: string): Promise<Conflict[]> {
  const layers = await readWorkspaceLayers(db, workspaceId);
  const { lower } = effectiveMetadata(layers.packages, []);
  return findConflicts(lower, layers.deltas);
}
