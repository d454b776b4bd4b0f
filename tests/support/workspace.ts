/** Integration-test fixtures: a fresh workspace (own schema) with an admin user, per test file. */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { Locale } from '../../platform/core/i18n';
import type { Channel, RecordContext, UserRef, WorkspaceRef } from '../../platform/data/context';
import { buildRecordContext } from '../../platform/security/context';
import { getPool } from '../../platform/db/pool';
import { getPrisma } from '../../platform/db/prisma';
import { ensureWorkspace } from '../../platform/schema/workspaces';
import { assignPermissionSets } from '../../platform/security/stock';
import { createUser } from '../../platform/security/users';

export interface TestWorkspace {
  url: string;
  workspace: WorkspaceRef;
  admin: UserRef;
  /** A signed-in user's context (default: the admin, who holds the Admin permission set). */
  ctx(user?: UserRef, locale?: Locale, channel?: Channel): Promise<RecordContext>;
  /** A user with the given permission sets (default: the Admin set, so data tests see everything). */
  addUser(name: string, opts?: { isAdmin?: boolean; password?: string; permissionSets?: string[]; roleId?: string; departmentId?: string }): Promise<UserRef>;
}

export async function createTestWorkspace(prefix = 't'): Promise<TestWorkspace> {
  const url = inject('databaseUrl');
  const pool = getPool(url);
  const prisma = getPrisma(url);
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const { workspace } = await ensureWorkspace(pool, name);
  const addUser = async (
    userName: string,
    opts: { isAdmin?: boolean; password?: string; permissionSets?: string[]; roleId?: string; departmentId?: string } = {},
  ): Promise<UserRef> => {
    const email = `${userName.toLowerCase().replace(/\W+/g, '.')}.${randomBytes(3).toString('hex')}.${name}@example.test`;
    const u = await createUser(prisma, { workspaceId: workspace.id, email, name: userName, password: opts.password ?? 'correct horse battery', isAdmin: opts.isAdmin });
    if (opts.roleId || opts.departmentId) await prisma.user.update({ where: { id: u.id }, data: { roleId: opts.roleId, departmentId: opts.departmentId } });
    await assignPermissionSets(pool, workspace.id, u.id, opts.permissionSets ?? ['admin']);
    return { id: u.id, name: u.name, email: u.email, isAdmin: u.isAdmin };
  };
  const admin = await addUser('Admin', { isAdmin: true });
  return {
    url,
    workspace,
    admin,
    addUser,
    ctx: (user = admin, locale = 'en', channel = 'ui') => buildRecordContext({ pool, workspace, user, locale, channel }),
  };
}
