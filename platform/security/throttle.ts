/**
 * Failure counters for sign-in, each changed by one SQL statement so parallel attempts cannot lose
 * a count: a known user's counter is on its users row (failed_logins, locked_until, shown to
 * admins); an e-mail address with no user and a client address count in login_throttle.
 * A locked counter is never changed until its lock has passed, so a flood during a lock neither
 * extends it nor counts towards the next one.
 */
import { createHash } from 'node:crypto';
import type { Prisma } from '../db/prisma';

export interface Limit {
  /** Failures that lock. */
  max: number;
  /** How long the lock lasts. */
  lockSeconds: number;
  /** Failures older than this are forgotten; null: they count until a success or a lock ("in a row"). */
  windowSeconds: number | null;
}

/** What one counted failure did: still open, or locked until a time (now or already). */
export type Counted = { locked: false } | { locked: true; until: Date; already: boolean };

/** The throttle key of an e-mail address (hashed: the table needs no readable addresses). */
export function emailKey(normalisedEmail: string): string {
  return `email:${createHash('sha256').update(normalisedEmail).digest('hex')}`;
}

export function ipKey(ip: string): string {
  return `ip:${ip}`;
}

/** When a throttle key is locked now, until when. */
export async function keyLockedUntil(prisma: Prisma, key: string): Promise<Date | null> {
  const rows = await prisma.$queryRaw<{ locked_until: Date }[]>`SELECT locked_until FROM login_throttle WHERE key = ${key} AND locked_until > now()`;
  return rows[0]?.locked_until ?? null;
}

/** Count one failure against a throttle key, atomically (insert or update of one row). */
export async function countKeyFailure(prisma: Prisma, key: string, limit: Limit): Promise<Counted> {
  const { max, lockSeconds, windowSeconds } = limit;
  // Make sure the row exists, starting a new window when the last one is over (never during a lock).
  await prisma.$executeRaw`
    INSERT INTO login_throttle AS t (key, failures, window_started_at) VALUES (${key}, 0, now())
    ON CONFLICT (key) DO UPDATE SET failures = 0, window_started_at = now()
    WHERE ${windowSeconds}::int IS NOT NULL AND t.window_started_at <= now() - make_interval(secs => ${windowSeconds}::int)
      AND (t.locked_until IS NULL OR t.locked_until <= now())`;
  // One UPDATE reads and writes the count under the row lock, so parallel failures are all counted.
  const rows = await prisma.$queryRaw<{ locked_until: Date | null }[]>`
    UPDATE login_throttle SET
      failures = CASE WHEN failures + 1 >= ${max}::int THEN 0 ELSE failures + 1 END,
      locked_until = CASE WHEN failures + 1 >= ${max}::int THEN now() + make_interval(secs => ${lockSeconds}::int) END,
      window_started_at = CASE WHEN failures + 1 >= ${max}::int THEN now() ELSE window_started_at END
    WHERE key = ${key} AND (locked_until IS NULL OR locked_until <= now())
    RETURNING locked_until`;
  if (Math.random() < 0.01) await purgeStale(prisma);
  if (rows.length === 0) return { locked: true, until: (await keyLockedUntil(prisma, key)) ?? new Date(), already: true };
  const until = rows[0].locked_until;
  return until ? { locked: true, until, already: false } : { locked: false };
}

/** Count one wrong password against a user, atomically; locks the account on the limit. */
export async function countUserFailure(prisma: Prisma, userId: string, limit: Limit): Promise<Counted> {
  const rows = await prisma.$queryRaw<{ locked_until: Date | null }[]>`
    UPDATE users SET
      failed_logins = CASE WHEN failed_logins + 1 >= ${limit.max}::int THEN 0 ELSE failed_logins + 1 END,
      locked_until = CASE WHEN failed_logins + 1 >= ${limit.max}::int THEN now() + make_interval(secs => ${limit.lockSeconds}::int) END
    WHERE id = ${userId}::uuid AND (locked_until IS NULL OR locked_until <= now())
    RETURNING locked_until`;
  if (rows.length === 0) {
    const user = await prisma.user.findUnique({ where: { id: userId }, select: { lockedUntil: true } });
    return { locked: true, until: user?.lockedUntil ?? new Date(), already: true };
  }
  const until = rows[0].locked_until;
  return until ? { locked: true, until, already: false } : { locked: false };
}

/**
 * Reset a user's counter after the right password, unless a lock was set meanwhile (a parallel
 * wrong password may have locked the account while this one was being hashed). `evenIfLocked`
 * is for a client address the user has signed in from before. False when refused.
 */
export async function clearUserFailures(prisma: Prisma, userId: string, evenIfLocked: boolean): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE users SET failed_logins = 0, locked_until = NULL
    WHERE id = ${userId}::uuid AND (${evenIfLocked}::boolean OR locked_until IS NULL OR locked_until <= now())
    RETURNING id`;
  return rows.length === 1;
}

/**
 * Rows that no longer hold anything, idle for a day: an address's (its window is long over) or an
 * e-mail's whose lock has passed with nothing counted since (an e-mail with failures keeps them, as
 * users.failed_logins does). A day's margin keeps rows other attempts are using right now.
 */
async function purgeStale(prisma: Prisma): Promise<void> {
  await prisma.$executeRaw`
    DELETE FROM login_throttle
    WHERE window_started_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())
      AND (failures = 0 OR key LIKE 'ip:%')`;
}
