/** API keys for integrations: `tsk_...`, shown once, stored as SHA-256, revocable; a key acts as its user. */
import type { Prisma } from '../db/prisma';
import { principalOf, type Principal } from './principal';
import { digest, newSecret } from './tokens';

export const API_KEY_PREFIX = 'tsk_';

export async function createApiKey(prisma: Prisma, userId: string, name: string): Promise<{ id: string; key: string }> {
  const key = newSecret(API_KEY_PREFIX);
  const row = await prisma.apiKey.create({
    data: { userId, name, prefix: key.slice(0, API_KEY_PREFIX.length + 6), keyHash: digest(key) },
  });
  return { id: row.id, key };
}

export async function revokeApiKey(prisma: Prisma, id: string): Promise<void> {
  await prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** The principal a key acts as, or null for unknown, revoked keys and inactive users. */
export async function apiKeyPrincipal(prisma: Prisma, key: string | undefined): Promise<Principal | null> {
  if (!key || !key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  const row = await prisma.apiKey.findUnique({ where: { keyHash: digest(key) }, include: { user: { include: { workspace: true } } } });
  if (!row || row.revokedAt || !row.user.active) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return principalOf(row.user, 'apiKey');
}
