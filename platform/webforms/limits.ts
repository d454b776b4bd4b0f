/**
 * Public rate limits, counted in Postgres (rate-limiter-flexible's store over `public_rate_limits`)
 * so they hold across app servers. Per client address first, then per form: a flood from a few
 * addresses is refused before it can use up the form's budget, and honeypot spam (dropped between
 * the two) never counts against the form, so spam does not block real visitors.
 */
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

let windowSeconds = 60;
const limiters = new Map<string, RateLimiterPostgres>();

/** A test hook: a shorter window, so a test can wait for a limit to pass. */
export function setRateWindowForTests(seconds: number): void {
  windowSeconds = seconds;
  limiters.clear();
}

function limiter(pool: pg.Pool, points: number): RateLimiterPostgres {
  const key = `${points}:${windowSeconds}`;
  let l = limiters.get(key);
  if (!l) {
    // The table comes from a migration (tableCreated), so the store issues no DDL at run time.
    l = new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: 'public_rate_limits', tableCreated: true, points, duration: windowSeconds, keyPrefix: 'wf' });
    limiters.set(key, l);
  }
  return l;
}

/** Count one request against `key` (at most `perWindow` a window); seconds to wait when over the limit, else null. */
export async function consume(pool: pg.Pool, key: string, perWindow: number): Promise<number | null> {
  try {
    await limiter(pool, perWindow).consume(key);
    return null;
  } catch (e) {
    if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
    throw e;
  }
}

/** The defaults when a form names none: 10 a minute from one address, 600 a minute for the form. */
export const DEFAULT_PER_IP = 10;
export const DEFAULT_PER_FORM = 600;
