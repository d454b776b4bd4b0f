/**
 * The workspace's "Website" principal: the user public form submissions are written as. It cannot
 * sign in (no password), holds one permission set ("Website"/"网站") granting create and read on
 * exactly the objects its active forms create, and nothing else; the record's owner then comes from
 * assignment, or the form's default owner. Ensured on first use per process (a few statements once).
 */
import type pg from 'pg';
import type { UserRef, WorkspaceRef } from '../data/context';
import { withTransaction } from '../db/pool';
import { bumpSecurityRevision } from '../security/model';

const ensured = new Map<string, UserRef>();

/** The address of a workspace's Website principal (`.invalid`: never a real mailbox). */
export function websiteEmail(workspace: WorkspaceRef): string {
  return `website@${workspace.name.replace(/_/g, '-')}.tessera.invalid`;
}

/** The Website principal of the workspace, allowed to create records of `object`. */
export async function websitePrincipal(pool: pg.Pool, workspace: WorkspaceRef, object: string): Promise<UserRef> {
  const key = `${workspace.id}:${object}`;
  const hit = ensured.get(key);
  if (hit) return hit;
  const user = await withTransaction(pool, async (client) => {
    // One at a time per workspace, so two first submissions do not both bump the revision.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`website:${workspace.id}`]);
    await client.query(`INSERT INTO users (workspace_id, email, name, password_hash) VALUES ($1, $2, 'Website', NULL) ON CONFLICT (email) DO NOTHING`, [
      workspace.id,
      websiteEmail(workspace),
    ]);
    const u = (
      await client.query<{ id: string; name: string; email: string }>('SELECT id, name, email FROM users WHERE email = $1 AND workspace_id = $2', [
        websiteEmail(workspace),
        workspace.id,
      ])
    ).rows[0];
    await client.query(
      `INSERT INTO permission_sets (workspace_id, name, label, label_zh, description) VALUES ($1, 'website', 'Website', '网站', $2) ON CONFLICT (workspace_id, name) DO NOTHING`,
      [workspace.id, 'Public web forms: creates records of the objects its active forms create.'],
    );
    const set = (await client.query<{ id: string }>(`SELECT id FROM permission_sets WHERE workspace_id = $1 AND name = 'website'`, [workspace.id])).rows[0];
    const granted = await client.query(
      `INSERT INTO permission_set_objects (permission_set_id, object, can_create, can_read) VALUES ($1, $2, true, true)
       ON CONFLICT (permission_set_id, object) DO UPDATE SET can_create = true, can_read = true
       WHERE NOT (permission_set_objects.can_create AND permission_set_objects.can_read)`,
      [set.id, object],
    );
    const held = await client.query('INSERT INTO user_permission_sets (user_id, permission_set_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [u.id, set.id]);
    if ((granted.rowCount ?? 0) + (held.rowCount ?? 0) > 0) await bumpSecurityRevision(client, workspace.id);
    return { id: u.id, name: u.name, email: u.email, isAdmin: false };
  });
  ensured.set(key, user);
  return user;
}
