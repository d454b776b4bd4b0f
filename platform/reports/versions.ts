/**
 * Per-object data versions, what cached report results are keyed by. A write through the record
 * service sends `pg_notify('tessera_reports', '<workspace>:<object>,<object>...')` inside its transaction, so
 * every app server hears of it exactly when it commits (platform/db/listen.ts); the writing process
 * also bumps its own counter right after commit, so its caller's next report is fresh without
 * waiting for the notice. A lost listening connection (or any notice without a payload) bumps the
 * epoch, which retires every cached result.
 */
import type pg from 'pg';
import type { Queryable } from '../db/pool';
import { listenerFor } from '../db/listen';
import type { WriteStep } from '../data/steps';
import type { ObjectModel } from '../metadata/model';

export const REPORTS_CHANNEL = 'tessera_reports';

const versions = new Map<string, number>();
let epoch = 0;
const heard = new WeakSet<pg.Pool>();

function bump(key: string): void {
  versions.set(key, (versions.get(key) ?? 0) + 1);
  // Counters are only compared for equality: an old one dropped is a cache miss, never a wrong hit.
  if (versions.size > 50_000) {
    versions.clear();
    epoch++;
  }
}

/** A notice's keys: `<workspace>:<object>[,<object>...]` names one or more objects of one workspace. */
function keysOf(payload: string): string[] {
  const at = payload.indexOf(':');
  return payload
    .slice(at + 1)
    .split(',')
    .map((o) => `${payload.slice(0, at)}:${o}`);
}

/** Whether this process hears other servers' writes (cached results may be used only then), listening first if not yet. */
export function hearing(pool: pg.Pool): boolean {
  const listener = listenerFor(pool, REPORTS_CHANNEL);
  if (!heard.has(pool)) {
    heard.add(pool);
    listener.onForget((payload) => (payload ? keysOf(payload).forEach(bump) : epoch++));
  }
  return listener.listening;
}

/** The version of the data of `objects` in a workspace, as one text (part of a cache key). */
export function dataVersion(workspaceId: string, objects: Iterable<string>): string {
  return [epoch, ...[...new Set(objects)].sort().map((o) => `${o}=${versions.get(`${workspaceId}:${o}`) ?? 0}`)].join(',');
}

/** The objects a write to `obj` changes: itself, and the objects whose roll-ups summarise it. */
function touched(obj: ObjectModel): string[] {
  return [obj.name, ...obj.rollupsFed.map((r) => r.object)];
}

/**
 * Tell every server, at commit, that these objects' data changed (the record service's writes, and
 * writes outside it: shares, transfers). One notice names them all (an opportunity's write also moves
 * the account's roll-ups): one statement and one queue entry per write, and Postgres folds identical
 * notices of one transaction into one.
 */
export async function noteDataChange(db: Queryable, workspaceId: string, objects: string[]): Promise<void> {
  if (!objects.length) return;
  await db.query('SELECT pg_notify($1, $2)', [REPORTS_CHANNEL, `${workspaceId}:${[...new Set(objects)].sort().join(',')}`]);
}

/** Write step (afterWrite, in the transaction): the notice goes out when the write commits. */
export const dataNoticeStep: WriteStep = {
  name: 'reports.dataNotice',
  phase: 'afterWrite',
  modes: ['create', 'update', 'delete', 'restore'],
  run: (ctx, client, write) => noteDataChange(client!, ctx.workspace.id, touched(write.full)),
};

/** Write step (afterCommit): this process's own counters move at once. */
export const dataVersionStep: WriteStep = {
  name: 'reports.dataVersion',
  phase: 'afterCommit',
  modes: ['create', 'update', 'delete', 'restore'],
  run: (ctx, _client, write) => {
    for (const o of touched(write.full)) bump(`${ctx.workspace.id}:${o}`);
  },
};
