/**
 * Browser sessions: a random token in an httpOnly cookie; only its SHA-256 is stored, so a leaked
 * database cannot be replayed as cookies. Every sign-in attempt is logged.
 *
 * Sign-in, in this order, so that nothing slow or revealing happens before the cheap refusals:
 * 1. a client address with 20 failures in 15 minutes is refused (429) for 15 minutes, before any
 *    lookup (only when the address is known: TESSERA_TRUSTED_PROXIES);
 * 2. a locked e-mail address is refused before the password hash is computed; five wrong passwords
 *    in a row lock it for fifteen minutes, whether or not a user has that address, so the answers
 *    never tell which addresses exist; an address the user has signed in from before is let through
 *    a lock (a flood from elsewhere cannot keep them out);
 * 3. the hash (a dummy one for an unknown address, so the timing matches), then one atomic SQL
 *    statement that counts the failure, or clears the counter only if no lock was set meanwhile.
 */
import pg from 'pg';
import type { Queryable } from '../db/pool';
import { cachedPrincipal, type Loaded } from './principalCache';
import type { Prisma } from '../db/prisma';
import { hashPassword, verifyPassword } from './passwords';
import { PRINCIPAL_COLUMNS, principalFromRow, principalOf, type Principal, type PrincipalRow } from './principal';
import { clearUserFailures, countKeyFailure, countUserFailure, emailKey, ipKey, keyLockedUntil, type Counted, type Limit } from './throttle';
import { digest, newSecret } from './tokens';
import { findUserByEmail, normaliseEmail } from './users';
import { forgetRemembered } from '../db/listen';

export const SESSION_COOKIE = 'tessera_session';
const SESSION_DAYS = 14;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
/** Failures from one client address, in a window of as many minutes, before it is refused for as long. */
export const MAX_FAILED_PER_IP = 20;
const IP_WINDOW_MINUTES = 15;
/** An address the user signed in from within this many days passes an account lock. */
const FAMILIAR_IP_DAYS = 30;
/** A session seen within this window counts as "signed in now". */
export const ONLINE_MINUTES = 30;

const ACCOUNT_LIMIT: Limit = { max: MAX_FAILED_LOGINS, lockSeconds: LOCKOUT_MINUTES * 60, windowSeconds: null };
const IP_LIMIT: Limit = { max: MAX_FAILED_PER_IP, lockSeconds: IP_WINDOW_MINUTES * 60, windowSeconds: IP_WINDOW_MINUTES * 60 };

/** `locked`: the e-mail address is locked; `throttled`: the client address is. */
export type LoginFailure = 'bad_credentials' | 'locked' | 'throttled';

export interface LoginSuccess {
  ok: true;
  token: string;
  expiresAt: Date;
  principal: Principal;
}

export type LoginResult = LoginSuccess | { ok: false; reason: LoginFailure; lockedUntil?: Date };

export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** True when the user signed in successfully from this address recently. */
async function familiarAddress(prisma: Prisma, userId: string, ip: string | undefined): Promise<boolean> {
  if (!ip) return false;
  const since = new Date(Date.now() - FAMILIAR_IP_DAYS * 86400_000);
  return (await prisma.loginEvent.count({ where: { userId, ip, success: true, at: { gte: since } }, take: 1 })) > 0;
}

/** Check credentials and open a session. Unknown emails, wrong passwords and inactive users look the same to the caller. */
export async function login(prisma: Prisma, email: string, password: string, meta: ClientInfo = {}): Promise<LoginResult> {
  const address = normaliseEmail(email);
  const log = (userId: string | null, success: boolean, reason: string) =>
    prisma.loginEvent.create({ data: { userId, email: address.slice(0, 200), success, reason, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null } });
  const ipThrottle = meta.ip ? ipKey(meta.ip) : null;
  if (ipThrottle) {
    const until = await keyLockedUntil(prisma, ipThrottle);
    if (until) {
      await log(null, false, 'ip_throttled');
      return { ok: false, reason: 'throttled', lockedUntil: until };
    }
  }
  const user = await findUserByEmail(prisma, address);
  const key = user ? null : emailKey(address);
  const familiar = user ? await familiarAddress(prisma, user.id, meta.ip) : false;
  const failed = async (reason: string, counted: Counted | null): Promise<LoginResult> => {
    if (ipThrottle) await countKeyFailure(prisma, ipThrottle, IP_LIMIT);
    const lockedNow = counted?.locked && !counted.already;
    await log(user?.id ?? null, false, lockedNow ? `${reason}_locked` : reason);
    return counted?.locked && !familiar ? { ok: false, reason: 'locked', lockedUntil: counted.until } : { ok: false, reason: 'bad_credentials' };
  };

  const lockedUntil = user ? (user.lockedUntil && user.lockedUntil > new Date() ? user.lockedUntil : null) : await keyLockedUntil(prisma, key!);
  if (lockedUntil && !familiar) return failed('locked', { locked: true, until: lockedUntil, already: true });

  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user) return failed('unknown_user', await countKeyFailure(prisma, key!, ACCOUNT_LIMIT));
  // An inactive user's right password is a failure like any other, so it answers and locks the same.
  if (!ok || !user.active) return failed(ok ? 'inactive' : 'bad_password', await countUserFailure(prisma, user.id, ACCOUNT_LIMIT));
  if (!(await clearUserFailures(prisma, user.id, familiar))) {
    // Locked by parallel wrong passwords while this one was hashed: the lock wins.
    const row = await prisma.user.findUnique({ where: { id: user.id }, select: { lockedUntil: true } });
    await log(user.id, false, 'locked');
    return { ok: false, reason: 'locked', lockedUntil: row?.lockedUntil ?? new Date() };
  }
  await log(user.id, true, 'ok');
  const { token, expiresAt } = await openSession(prisma, user.id, meta);
  return { ok: true, token, expiresAt, principal: principalOf(user, 'session') };
}

export async function openSession(prisma: Prisma, userId: string, meta: ClientInfo = {}): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86400_000);
  await prisma.session.create({
    data: { userId, tokenHash: digest(token), expiresAt, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null },
  });
  return { token, expiresAt };
}

/**
 * The principal of a live session token, or null. Refreshes last-seen at most once a minute. On
 * the pool (not inside a transaction) a session seen in the last minute costs no query
 * (principalCache.ts), and is not used past its expiry.
 */
export async function sessionPrincipal(db: Queryable, token: string | undefined): Promise<(Principal & { sessionId: string }) | null> {
  if (!token || token.length > 200) return null;
  const hash = digest(token);
  const load = () => loadSessionPrincipal(db, hash);
  return db instanceof pg.Pool ? cachedPrincipal(db, `session:${hash}`, load) : ((await load())?.value ?? null);
}

async function loadSessionPrincipal(db: Queryable, hash: string): Promise<Loaded<Principal & { sessionId: string }> | null> {
  // Times compared in SQL: the record pool reads timestamps as text.
  // A named (prepared) statement: its text never changes, so each connection plans it once.
  const res = await db.query<PrincipalRow & { session_id: string; expired: boolean; expires_ms: number; seen_long_ago: boolean }>({
    name: 'tessera_principal_by_session',
    text: `SELECT s.id AS session_id, s.expires_at < now() AS expired, (extract(epoch from s.expires_at) * 1000)::float8 AS expires_ms,
       s.last_seen_at < now() - interval '1 minute' AS seen_long_ago, ${PRINCIPAL_COLUMNS}
       FROM sessions s JOIN users u ON u.id = s.user_id JOIN workspaces w ON w.id = u.workspace_id WHERE s.token_hash = $1`,
    values: [hash],
  });
  const row = res.rows[0];
  if (!row || row.expired || !row.active) return null;
  if (row.seen_long_ago) {
    await db.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [row.session_id]);
  }
  return { value: { ...principalFromRow(row, 'session'), sessionId: row.session_id }, expiresAt: Number(row.expires_ms) };
}

export async function logout(prisma: Prisma, token: string | undefined): Promise<void> {
  if (!token) return;
  await prisma.session.deleteMany({ where: { tokenHash: digest(token) } });
  forgetRemembered();
}

export type PasswordProblem = 'wrong_current' | 'too_short' | 'same_as_current';

/** A password must be 8+ characters; policy beyond that belongs to the organisation's identity provider. */
export function passwordProblem(next: string): 'too_short' | null {
  return next.length < 8 ? 'too_short' : null;
}

/** Change one's own password; every other session of the user ends. */
export async function changePassword(prisma: Prisma, userId: string, current: string, next: string, keepSessionId?: string): Promise<PasswordProblem | null> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(current, user.passwordHash))) return 'wrong_current';
  if (passwordProblem(next)) return 'too_short';
  if (current === next) return 'same_as_current';
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(next), passwordChangedAt: new Date() } }),
    prisma.session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } }),
  ]);
  forgetRemembered();
  return null;
}
