/** Users of a workspace (the full org model, roles and permissions build on this). */
import { createHash } from 'node:crypto';
import type { Prisma } from '../db/prisma';
import { hashPassword, verifyPassword } from './passwords';

export interface NewUser {
  workspaceId: string;
  email: string;
  name: string;
  password: string;
  isAdmin?: boolean;
  locale?: string;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUser(prisma: Prisma, u: NewUser) {
  return prisma.user.create({
    data: {
      workspaceId: u.workspaceId,
      email: normaliseEmail(u.email),
      name: u.name,
      passwordHash: await hashPassword(u.password),
      isAdmin: u.isAdmin ?? false,
      locale: u.locale ?? null,
    },
  });
}

/**
 * Remembers a user's languages: `chosen` (the language switch, or the login page's choice when they
 * had made none) becomes their stored preference; `browser` is what their browser asked for, kept
 * for notifications and e-mails sent away from any request.
 */
export async function rememberLanguages(
  prisma: Prisma,
  userId: string,
  { chosen, browser, onlyIfUnchosen = false }: { chosen?: string; browser?: string; onlyIfUnchosen?: boolean },
) {
  if (chosen) await prisma.user.updateMany({ where: { id: userId, ...(onlyIfUnchosen ? { locale: null } : {}) }, data: { locale: chosen } });
  if (browser) await prisma.user.updateMany({ where: { id: userId, OR: [{ browserLocale: null }, { browserLocale: { not: browser } }] }, data: { browserLocale: browser } });
}

export async function findUserByEmail(prisma: Prisma, email: string) {
  return prisma.user.findUnique({ where: { email: normaliseEmail(email) }, include: { workspace: true } });
}

const PASSWORD_CHECK_MS = 60_000;
const passwordChecks = new Map<string, { at: number; answer: Promise<boolean> }>();

/**
 * True while an active user with this e-mail still has this password (for the demo sign-in hint,
 * shown only until the demo admin's password is changed). Cached for a minute: each check costs a scrypt.
 */
export async function stillHasPassword(prisma: Prisma, email: string, password: string): Promise<boolean> {
  const key = `${normaliseEmail(email)}\u0000${createHash('sha256').update(password).digest('hex')}`;
  const cached = passwordChecks.get(key);
  if (cached && Date.now() - cached.at < PASSWORD_CHECK_MS) return cached.answer;
  const answer = (async () => {
    const user = await prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: { passwordHash: true, active: true } });
    return Boolean(user?.active) && (await verifyPassword(password, user?.passwordHash));
  })();
  passwordChecks.set(key, { at: Date.now(), answer });
  // A failed lookup is not remembered: the next page view asks again.
  return answer.catch((e: unknown) => {
    passwordChecks.delete(key);
    throw e;
  });
}
