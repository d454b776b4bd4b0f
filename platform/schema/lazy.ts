/**
 * Workspaces converge on first use or in the background, not all at start-up: a hosted service
 * has thousands, and converging each costs tens of milliseconds (an hour-long outage at 100,000).
 * A request checks its workspace once per metadata revision per process (one query when the key
 * is current), and a background pass after start-up converges the rest.
 */
import type pg from 'pg';
import { AppError } from '../core/errors';
import { t, type Locale } from '../core/i18n';
import { describeError } from '../core/problems';
import type { WorkspaceRef } from '../data/context';
import { convergedKey } from './version';
import { convergeWorkspace, staleWorkspaces } from './workspaces';

interface LazyState {
  /** Workspace id → the key this process saw it converged at. */
  done: Map<string, string>;
  running: Map<string, Promise<void>>;
  background?: Promise<void>;
  stopping?: boolean;
}
const g = globalThis as unknown as { __tesseraConverge?: LazyState };
const state = (): LazyState => (g.__tesseraConverge ??= { done: new Map(), running: new Map() });

/** How long a request waits for its workspace to converge before it answers 503 (the work goes on). */
const waitMs = () => Number(process.env.TESSERA_CONVERGE_WAIT_MS ?? 5000);

/**
 * Make sure a workspace's schema is converged before it serves a request. `knownRevision` (the
 * metadata revision read with the session) lets a workspace already seen cost no query at all.
 * A converge that takes long (another server holding its lock, DDL waiting on a busy table) goes on in the background and
 * the request answers UNAVAILABLE with Retry-After rather than hanging or reading half-upgraded data.
 */
export async function ensureConverged(pool: pg.Pool, ws: WorkspaceRef, knownRevision?: number, locale: Locale = 'en'): Promise<void> {
  const s = state();
  if (knownRevision !== undefined && s.done.get(ws.id) === convergedKey(knownRevision)) return;
  const work = s.running.get(ws.id) ?? startConverge(pool, ws);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), waitMs());
  });
  try {
    if ((await Promise.race([work, late])) === 'late') {
      const message = t(locale, 'workspace.upgrading');
      throw new AppError('UNAVAILABLE', message, [{ code: 'workspace.upgrading', message }], { retryAfter: 30 });
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Converge `ws` if its key is not current (one query when it is); shared by concurrent callers. */
function startConverge(pool: pg.Pool, ws: WorkspaceRef): Promise<void> {
  const s = state();
  const work = (async () => {
    const res = await pool.query<{ metadata_revision: number; converged_key: string | null }>('SELECT metadata_revision, converged_key FROM workspaces WHERE id = $1', [ws.id]);
    const row = res.rows[0];
    if (!row) return;
    const current = convergedKey(row.metadata_revision);
    s.done.set(ws.id, row.converged_key === current ? current : (await convergeWorkspace(pool, ws)).key);
  })().finally(() => s.running.delete(ws.id));
  s.running.set(ws.id, work);
  // A request that stopped waiting must not leave an unhandled rejection behind.
  work.catch(() => {});
  return work;
}

/**
 * Converge every stale workspace, one at a time, behind the serving app (started once per
 * process; a failing workspace is logged and left for its first use, which reports the error).
 */
export function convergeInBackground(pool: pg.Pool, log: (l: string) => void = console.log): Promise<void> {
  const s = state();
  s.stopping = false;
  s.background ??= (async () => {
    const stale = await staleWorkspaces(pool);
    if (stale.length) log(`[converge] ${stale.length} workspace(s) to bring up to date in the background`);
    for (const ws of stale) {
      if (s.stopping) break;
      await (s.running.get(ws.id) ?? startConverge(pool, ws)).catch((e: Error) => log(`[converge] workspace ${ws.name}: ${describeError(e)}`));
    }
  })()
    .catch((e: Error) => log(`[converge] background pass stopped: ${describeError(e)}`))
    .finally(() => {
      s.background = undefined;
    });
  return s.background;
}

/** Stop the background pass after the workspace it is converging (shutdown). */
export async function stopBackgroundConverge(): Promise<void> {
  const s = state();
  s.stopping = true;
  await s.background;
}
