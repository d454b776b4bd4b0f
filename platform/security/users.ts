/** Users of a workspace (the full org model, roles and permissions build on this). */
import type { Prisma } from '../db/prisma';
import { hashPassword } from './passwords';

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
      locale: u.locale ?? 'en',
    },
  });
}

export async function findUserByEmail(prisma: Prisma, email: string) {
  return prisma.user.findUnique({ where: { email: normaliseEmail(email) }, include: { workspace: true } });
}
