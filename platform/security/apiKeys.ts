/** API keys for integrations: `tsk_...`, shown once, stored as SHA-256, revocable; a key acts as its user. */
import type { Prisma } from '../db/prisma';
import pg from 'pg';
import type { Queryable } from '../db/pool';
import { cachedPrincipal, type Loaded } from './principalCache';
import { PRINCIPAL_COLUMNS, principalFromRow, type Principal, type PrincipalRow } from './principal';
import { digest, newSecret } from './tokens';
import { forgetRemembered } from '../db/listen';

const API_KEY_PREFIX = 'tsk_';

export async function createApiKey(prisma: Prisma, userId: string, name: string): Promise<{ id: string; key: string }> {
  const key = newSecret(API_KEY_PREFIX);
  const row = await prisma.apiKey.create({
    data: { userId, name, prefix: key.slice(0, API_KEY_PREFIX.length + 6), keyHash: digest(key) },
  });
  return { id: row.id, key };
}

export async function revokeApiKey(prisma: Prisma, id: string): Promise<void> {
  await prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  forgetRemembered();
}

/**
 * The principal a key acts as, or null for unknown, revoked keys and inactive users. On the pool
 * (not inside a transaction) a key seen in the last minute costs no query (principalCache.ts).
 */
export async function apiKeyPrincipal(db: Queryable, key: string | undefined): Promise<Principal | null> {
  if (!key || !key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  const hash = digest(key);
  const load = () => loadKeyPrincipal(db, hash);
  return db instanceof pg.Pool ? cachedPrincipal(db, `key:${hash}`, load) : ((await load())?.value ?? null);
}

/** One statement per lookup (see PRINCIPAL_COLUMNS); marks the key used at most once a minute. */
async function loadKeyPrincipal(db: Queryable, hash: string): Promise<Loaded<Principal> | null> {
  // Times compared in SQL: the record pool reads timestamps as text.
  // A named (prepared) statement: its text never changes, so each connection plans it once.
  const res = await db.query<PrincipalRow & { key_id: string; revoked: boolean; used_long_ago: boolean }>({
    name: 'tessera_principal_by_key',
    text: `SELECT k.id AS key_id, k.revoked_at IS NOT NULL AS revoked, k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute' AS used_long_ago, ${PRINCIPAL_COLUMNS}
       FROM api_keys k JOIN users u ON u.id = k.user_id JOIN workspaces w ON w.id = u.workspace_id WHERE k.key_hash = $1`,
    values: [hash],
  });
  const row = res.rows[0];
  if (!row || row.revoked || !row.active) return null;
  if (row.used_long_ago) {
    await db.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [row.key_id]);
  }
  return { value: principalFromRow(row, 'apiKey') };
}
