/**
 * The pg pool for generated record tables (and for platform-table writes that must share a
 * transaction with them). Created lazily: `next build` imports route modules without a database.
 */
import pg from 'pg';
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

const globalForPool = globalThis as unknown as { __tesseraPools?: Map<string, pg.Pool> };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which start the embedded database.');
  return url;
}

/** The shared pool for a database URL (default: DATABASE_URL). */
export function getPool(url: string = databaseUrl()): pg.Pool {
  globalForPool.__tesseraPools ??= new Map();
  let pool = globalForPool.__tesseraPools.get(url);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: url,
      max: Number(process.env.TESSERA_POOL_SIZE ?? 10),
      idleTimeoutMillis: 30_000,
      types: recordTypes,
      // UTC sessions: timestamps come back as '...+00' whatever the server's setting.
      options: '-c TimeZone=UTC',
    });
    pool.on('error', (e) => console.error('[db] idle client error:', e.message));
    globalForPool.__tesseraPools.set(url, pool);
  }
  return pool;
}

export async function closePools(): Promise<void> {
  const pools = globalForPool.__tesseraPools;
  if (!pools) return;
  globalForPool.__tesseraPools = new Map();
  await Promise.all([...pools.values()].map((p) => p.end()));
}

/** Run `fn` in one transaction: committed if it resolves, rolled back if it throws. */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
