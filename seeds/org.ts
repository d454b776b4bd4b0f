/** The demo organisation: departments, roles, users in them, permission sets, a group and sharing rules. */
import type pg from 'pg';
import type { UserRef, WorkspaceRef } from '../platform/data/context';
import { withTransaction } from '../platform/db/pool';
import type { Prisma } from '../platform/db/prisma';
import { bumpSecurityRevision } from '../platform/security/model';
import { hashPassword } from '../platform/security/passwords';
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_ROLES, DEMO_USERS, type DemoUser } from './users';

export interface DemoOrg {
  all: UserRef[];
  sellers: (UserRef & { regions: string[] })[];
  byKey: Map<string, UserRef>;
}

/** Create the demo organisation (idempotent: existing rows are kept). */
export async function seedDemoOrg(pool: pg.Pool, _prisma: Prisma, workspace: WorkspaceRef): Promise<DemoOrg> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return withTransaction(
    pool,
    async (db) => {
      const roleIds = new Map<string, string>();
      for (const [name, label, labelZh, parent] of DEMO_ROLES) {
        const res = await db.query<{ id: string }>(
          `INSERT INTO roles (workspace_id, name, label, label_zh, parent_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (workspace_id, name) DO UPDATE SET label = roles.label RETURNING id`,
          [workspace.id, name, label, labelZh, parent ? roleIds.get(parent) : null],
        );
        roleIds.set(name, res.rows[0].id);
      }
      // Home dashboards: the general manager (and the commercial and finance heads below) on the executive one;
      // sales directors and their regional managers on the sales manager one; reps on their own.
      const homes = DEMO_ROLES.map(([name]) => [
        name,
        name === 'general_manager' ? 'executive' : name.startsWith('sales_director') ? 'sales_manager' : name.startsWith('sales_rep') ? 'sales_rep' : null,
      ]);
      for (const [name, home] of homes.filter(([, h]) => h)) {
        await db.query('UPDATE roles SET home_dashboard = $3 WHERE workspace_id = $1 AND name = $2 AND home_dashboard IS NULL', [workspace.id, name, home]);
      }
      const deptIds = new Map<string, string>();
      for (const [name, label, labelZh, parent] of DEMO_DEPARTMENTS) {
        const res = await db.query<{ id: string }>(
          `INSERT INTO departments (workspace_id, name, label, label_zh, parent_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (workspace_id, name) DO UPDATE SET label = departments.label RETURNING id`,
          [workspace.id, name, label, labelZh, parent ? deptIds.get(parent) : null],
        );
        deptIds.set(name, res.rows[0].id);
      }
      const byKey = new Map<string, UserRef>();
      const all: UserRef[] = [];
      const sellers: DemoOrg['sellers'] = [];
      for (const d of DEMO_USERS) {
        const res = await db.query<{ id: string; name: string; email: string; is_admin: boolean }>(
          `INSERT INTO users (workspace_id, email, name, password_hash, is_admin, locale, title, role_id, department_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (email) DO UPDATE SET name = users.name RETURNING id, name, email, is_admin`,
          [workspace.id, d.email, d.name, passwordHash, Boolean(d.isAdmin), d.locale ?? null, d.title, roleIds.get(d.role), deptIds.get(d.department)],
        );
        const ref = { id: res.rows[0].id, name: res.rows[0].name, email: res.rows[0].email, isAdmin: res.rows[0].is_admin };
        byKey.set(d.key, ref);
        all.push(ref);
        if (d.sells) sellers.push({ ...ref, regions: d.regions ?? [] });
        await db.query(
          `INSERT INTO user_permission_sets (user_id, permission_set_id)
         SELECT $1, id FROM permission_sets WHERE workspace_id = $2 AND name = ANY($3::text[]) ON CONFLICT DO NOTHING`,
          [ref.id, workspace.id, d.permissionSets],
        );
      }
      for (const d of DEMO_USERS.filter((x): x is DemoUser & { manager: string } => Boolean(x.manager))) {
        await db.query('UPDATE users SET manager_id = $1 WHERE id = $2', [byKey.get(d.manager)!.id, byKey.get(d.key)!.id]);
      }
      for (const [name, , , , head] of DEMO_DEPARTMENTS) {
        if (head) await db.query('UPDATE departments SET head_user_id = $1 WHERE id = $2', [byKey.get(head)!.id, deptIds.get(name)]);
      }
      // A group for key accounts, and two sharing rules that show what rules are for.
      const group = await db.query<{ id: string }>(
        `INSERT INTO groups (workspace_id, name, label) VALUES ($1, 'key_account_team', 'Key account team') ON CONFLICT (workspace_id, name) DO UPDATE SET label = groups.label RETURNING id`,
        [workspace.id],
      );
      for (const k of ['commercial', 'finance']) {
        await db.query('INSERT INTO group_members (group_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [group.rows[0].id, byKey.get(k)!.id]);
      }
      await db.query(
        `INSERT INTO sharing_rules (workspace_id, object, name, label, kind, owner_type, owner_id, grantee_type, grantee_id, access)
       VALUES ($1, 'contract', 'sales_contracts_to_commercial', 'Sales contracts to the commercial director and finance', 'owner', 'role_and_subordinates', $2, 'group', $3, 'read')
       ON CONFLICT DO NOTHING`,
        [workspace.id, roleIds.get('general_manager'), group.rows[0].id],
      );
      await db.query(
        `INSERT INTO sharing_rules (workspace_id, object, name, label, kind, condition, grantee_type, grantee_id, access)
       VALUES ($1, 'account', 'key_accounts', 'Key accounts (level A) to the key account team', 'criteria', $2, 'group', $3, 'read')
       ON CONFLICT DO NOTHING`,
        [workspace.id, JSON.stringify({ field: 'level', op: 'eq', value: 'a' }), group.rows[0].id],
      );
      await bumpSecurityRevision(db, workspace.id);
      return { all, sellers, byKey };
    },
    { long: true },
  );
}
