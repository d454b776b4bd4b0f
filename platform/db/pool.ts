/**
 * The pg pool for generated record tables (and for platform-table writes that must share a
 * transaction with them). Created lazily: `next build` imports route modules without a database.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { closeListeners } from './listen';
export { isoFromPg } from '../core/time';

/**
 * Record tables read values as exact text: dates stay 'YYYY-MM-DD' (no time-zone shifts),
 * timestamps keep their microseconds (keyset cursors need them), numeric and bigint stay strings
 * until their field types convert them. Scoped to our pools: Prisma's adapter keeps pg's defaults.
 */
const RAW_TYPES = new Set([1082, 1114, 1184]);
const recordTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (RAW_TYPES.has(oid)) return (v: string) => v;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export type Db = pg.Pool;
export type DbClient = pg.PoolClient;
/** Anything that can run a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

/**
 * The connection the current async call chain holds (inside `withClient`/`withTransaction`).
 * A code path that holds one connection and asks the pool for another can deadlock the whole
 * server once every connection is held by a caller waiting for a second one (ten parallel saves
 * did it), so the pool refuses that request instead of queueing it: see `GuardedPool`.
 */
interface HeldConnection {
  client: pg.PoolClient;
  pool: pg.Pool;
  released: boolean;
}
const held = new AsyncLocalStorage<HeldConnection>();

/** Thrown when code holding a pool connection asks a pool for a second one (a bug: pass the client down). */
export class SecondConnectionError extends Error {
  constructor() {
    super('A database connection was requested while this call already holds one; pass the transaction client down instead (see platform/db/pool.ts).');
    this.name = 'SecondConnectionError';
  }
}

/** `throw` (default) refuses a second connection; `warn` logs it once per call site and lets it through. */
function guardMode(): 'throw' | 'warn' {
  return process.env.TESSERA_POOL_GUARD === 'warn' ? 'warn' : 'throw';
}
const warnedSites = new Set<string>();

/** A pg pool that refuses to hand a second connection to a call chain that already holds one. */
class GuardedPool extends pg.Pool {
  // pg's connect() is overloaded (promise or callback); both go through here, and so does pool.query().
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  connect(...args: any[]): any {
    const h = held.getStore();
    if (h && !h.released) {
      const err = new SecondConnectionError();
      if (guardMode() === 'throw') {
        const cb = args[0];
        if (typeof cb === 'function') return void process.nextTick(() => cb(err, undefined, () => {}));
        return Promise.reject(err);
      }
      const site = err.stack?.split('\n').slice(2, 6).join('\n') ?? '';
      if (!warnedSites.has(site)) {
        warnedSites.add(site);
        console.warn(`[db] ${err.message}\n${site}`);
      }
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (super.connect as (...a: any[]) => any)(...args);
  }
}

/** A guarded pool for another client library (Prisma's adapter), with the same acquisition timeout. */
export function createGuardedPool(config: pg.PoolConfig): pg.Pool {
  const pool = new GuardedPool({ connectionTimeoutMillis: poolSettings().acquireTimeoutMs, ...config });
  pool.on('error', (e) => console.error('[db] idle client error:', e.message));
  return pool;
}

const globalForPool = globalThis as unknown as { __tesseraPools?: Map<string, pg.Pool> };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which start the embedded database.');
  return url;
}

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/** Pool settings, from the environment (see README): size, how long a request waits for a connection, statement limits. */
export function poolSettings() {
  return {
    size: Math.max(1, setting('TESSERA_POOL_SIZE', 10)),
    acquireTimeoutMs: setting('TESSERA_POOL_ACQUIRE_TIMEOUT_MS', 10_000),
    statementTimeoutMs: setting('TESSERA_STATEMENT_TIMEOUT_MS', 30_000),
    idleInTransactionTimeoutMs: setting('TESSERA_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60_000),
  };
}

/** The shared pool for a database URL (default: DATABASE_URL). */
export function getPool(url: string = databaseUrl()): pg.Pool {
  globalForPool.__tesseraPools ??= new Map();
  let pool = globalForPool.__tesseraPools.get(url);
  if (!pool) {
    const s = poolSettings();
    pool = new GuardedPool({
      connectionString: url,
      max: s.size,
      idleTimeoutMillis: 30_000,
      // 0 would wait for ever: a full pool then answers a typed 503 instead of hanging (see api/errors.ts).
      connectionTimeoutMillis: s.acquireTimeoutMs,
      types: recordTypes,
      // UTC sessions: timestamps come back as '...+00' whatever the server's setting. A runaway
      // statement or a transaction left open cannot hold a connection for ever.
      options: `-c TimeZone=UTC -c statement_timeout=${s.statementTimeoutMs} -c idle_in_transaction_session_timeout=${s.idleInTransactionTimeoutMs}`,
    });
    pool.on('error', (e) => console.error('[db] idle client error:', e.message));
    globalForPool.__tesseraPools.set(url, pool);
  }
  return pool;
}

export async function closePools(): Promise<void> {
  await closeListeners();
  const pools = globalForPool.__tesseraPools;
  if (!pools) return;
  globalForPool.__tesseraPools = new Map();
  await Promise.all([...pools.values()].map((p) => p.end()));
}

/**
 * The connection to run a query on: the one this call chain holds on `pool` (inside a
 * transaction), else the pool. Code reachable from inside and outside transactions (the access
 * check) uses it so it never asks for a second connection.
 */
export function queryableFor(pool: pg.Pool): Queryable {
  const h = held.getStore();
  return h && !h.released && h.pool === pool ? h.client : pool;
}

export interface ConnectionOptions {
  /** Long platform work (schema sync, metadata changes with backfills, seeds, transfers): no statement or idle limits. */
  long?: boolean;
}

/** Run `fn` with one connection of the pool, held for the whole call (and known to the guard). */
export async function withClient<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, opts: ConnectionOptions = {}): Promise<T> {
  const client = await pool.connect();
  const h: HeldConnection = { client, pool, released: false };
  // A connection whose state is unknown (session settings not reset, the server ended it, a
  // rollback that failed) is closed rather than handed to the next caller.
  let reusable = true;
  // The server may end a connection while we hold it (idle-in-transaction timeout): without a
  // listener that 'error' event would crash the process. The failing query reports it.
  const onError = (e: Error) => console.error('[db] connection error:', e.message);
  client.on('error', onError);
  try {
    if (opts.long) await client.query('SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0');
    return await held.run(h, () => fn(client));
  } catch (e) {
    if (opts.long) reusable = false;
    throw e;
  } finally {
    h.released = true;
    client.off('error', onError);
    if (opts.long && reusable) await client.query('RESET statement_timeout; RESET idle_in_transaction_session_timeout').catch(() => (reusable = false));
    client.release(reusable ? undefined : true);
  }
}

/** Run `fn` in one transaction: committed if it resolves, rolled back if it throws. */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, opts: ConnectionOptions = {}): Promise<T> {
  return withClient(
    pool,
    async (client) => {
      await client.query('BEGIN');
      try {
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        // If even the rollback fails the connection is gone (e.g. ended by the idle-in-transaction
        // timeout): pg then marks the client as errored and the pool drops it on release.
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      }
    },
    opts,
  );
}
