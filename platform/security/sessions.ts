/**
 * Browser sessions: a random token in an httpOnly cookie; only its SHA-256 is stored, so a leaked
 * database cannot be replayed as cookies. Every sign-in attempt is logged; five wrong passwords in
 * a row lock the account for fifteen minutes.
 */
import type { Prisma } from '../db/prisma';
import { hashPassword, verifyPassword } from './passwords';
import { principalOf, type Principal } from './principal';
import { digest, newSecret } from './tokens';
import { findUserByEmail, normaliseEmail } from './users';

export const SESSION_COOKIE = 'tessera_session';
export const SESSION_DAYS = 14;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
/** A session seen within this window counts as "signed in now". */
export const ONLINE_MINUTES = 30;

export type LoginFailure = 'bad_credentials' | 'locked';

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

/** Check credentials and open a session. Unknown emails, wrong passwords and inactive users look the same to the caller. */
export async function login(prisma: Prisma, email: string, password: string, meta: ClientInfo = {}): Promise<LoginResult> {
  const user = await findUserByEmail(prisma, email);
  // Verify against a dummy hash when the user is unknown so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const log = (success: boolean, reason: string) =>
    prisma.loginEvent.create({ data: { userId: user?.id ?? null, email: normaliseEmail(email).slice(0, 200), success, reason, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null } });
  if (!user) {
    await log(false, 'unknown_user');
    return { ok: false, reason: 'bad_credentials' };
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await log(false, 'locked');
    return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil };
  }
  if (!ok) {
    const failed = user.failedLogins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await prisma.user.update({
      where: { id: user.id },
      data: { failedLogins: lock ? 0 : failed, lockedUntil: lock ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : undefined },
    });
    await log(false, lock ? 'bad_password_locked' : 'bad_password');
    return lock ? { ok: false, reason: 'locked', lockedUntil: new Date(Date.now() + LOCKOUT_MINUTES * 60_000) } : { ok: false, reason: 'bad_credentials' };
  }
  if (!user.active) {
    await log(false, 'inactive');
    return { ok: false, reason: 'bad_credentials' };
  }
  if (user.failedLogins || user.lockedUntil) await prisma.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null } });
  await log(true, 'ok');
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

/** The principal of a live session token, or null. Refreshes last-seen at most once a minute. */
export async function sessionPrincipal(prisma: Prisma, token: string | undefined): Promise<(Principal & { sessionId: string }) | null> {
  if (!token || token.length > 200) return null;
  const session = await prisma.session.findUnique({
    where: { tokenHash: digest(token) },
    include: { user: { include: { workspace: true } } },
  });
  if (!session || session.expiresAt < new Date() || !session.user.active) return null;
  if (Date.now() - session.lastSeenAt.getTime() > 60_000) {
    await prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date() } });
  }
  return { ...principalOf(session.user, 'session'), sessionId: session.id };
}

export async function logout(prisma: Prisma, token: string | undefined): Promise<void> {
  if (!token) return;
  await prisma.session.deleteMany({ where: { tokenHash: digest(token) } });
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
  return null;
}
