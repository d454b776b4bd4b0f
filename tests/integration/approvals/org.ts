/**
 * A small sales organisation for approval tests (a fresh workspace per test file), shaped like the
 * demo company the stock flows were written for:
 *
 *   departments: hq (gm) ─ sales (gm) ─ east (director) ─ hangzhou (manager) ─ rep, rep2
 *                hq ─ commercial (commercial) · hq ─ finance (finance)
 *   roles:       general_manager (gm), sales_director (director), commercial_director (commercial),
 *                finance_manager (finance), regional_manager (manager), sales_rep (rep, rep2)
 *   managers:    rep, rep2 -> manager -> director -> gm; commercial, finance -> gm
 */
import type { RecordContext, UserRef } from '../../../platform/data/context';
import { getPool } from '../../../platform/db/pool';
import { bumpSecurityRevision } from '../../../platform/security/model';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';

export const PEOPLE = ['gm', 'director', 'commercial', 'finance', 'manager', 'rep', 'rep2', 'deputy'] as const;
export type Person = (typeof PEOPLE)[number];

export interface ApprovalOrg {
  tw: TestWorkspace;
  users: Record<Person, UserRef>;
  ctx(who: Person | 'admin', channel?: 'ui' | 'api'): Promise<RecordContext>;
}

const ROLE: Record<Person, string> = {
  gm: 'general_manager',
  director: 'sales_director',
  commercial: 'commercial_director',
  finance: 'finance_manager',
  manager: 'regional_manager',
  rep: 'sales_rep',
  rep2: 'sales_rep',
  deputy: 'sales_director',
};
const ROLE_TREE: [string, string | null][] = [
  ['general_manager', null],
  ['sales_director', 'general_manager'],
  ['commercial_director', 'general_manager'],
  ['finance_manager', 'general_manager'],
  ['regional_manager', 'sales_director'],
  ['sales_rep', 'regional_manager'],
];
const DEPT: Record<Person, string> = {
  gm: 'hq',
  director: 'east',
  commercial: 'commercial',
  finance: 'finance',
  manager: 'hangzhou',
  rep: 'hangzhou',
  rep2: 'hangzhou',
  deputy: 'east',
};
const MANAGER: Partial<Record<Person, Person>> = { rep: 'manager', rep2: 'manager', manager: 'director', director: 'gm', deputy: 'gm', commercial: 'gm', finance: 'gm' };
const HEAD: Record<string, Person> = { hq: 'gm', sales: 'gm', east: 'director', hangzhou: 'manager', commercial: 'commercial', finance: 'finance' };
const PARENT: Record<string, string | null> = { hq: null, sales: 'hq', east: 'sales', hangzhou: 'east', commercial: 'hq', finance: 'hq' };

export async function approvalOrg(prefix: string): Promise<ApprovalOrg> {
  const tw = await createTestWorkspace(prefix);
  const pool = getPool(tw.url);
  const roleIds = new Map<string, string>();
  for (const [r, parent] of ROLE_TREE) {
    roleIds.set(
      r,
      (
        await pool.query<{ id: string }>('INSERT INTO roles (workspace_id, name, label, parent_id) VALUES ($1, $2, $2, $3) RETURNING id', [
          tw.workspace.id,
          r,
          parent ? roleIds.get(parent) : null,
        ])
      ).rows[0].id,
    );
  }
  const deptIds = new Map<string, string>();
  for (const [d, parent] of Object.entries(PARENT)) {
    deptIds.set(
      d,
      (
        await pool.query<{ id: string }>('INSERT INTO departments (workspace_id, name, label, parent_id) VALUES ($1, $2, $2, $3) RETURNING id', [
          tw.workspace.id,
          d,
          parent ? deptIds.get(parent) : null,
        ])
      ).rows[0].id,
    );
  }
  const users = {} as Record<Person, UserRef>;
  for (const p of PEOPLE) {
    users[p] = await tw.addUser(p, { permissionSets: p.startsWith('rep') ? ['sales_rep'] : ['sales_manager'], roleId: roleIds.get(ROLE[p]), departmentId: deptIds.get(DEPT[p]) });
  }
  for (const [p, m] of Object.entries(MANAGER)) await pool.query('UPDATE users SET manager_id = $1 WHERE id = $2', [users[m].id, users[p as Person].id]);
  for (const [d, head] of Object.entries(HEAD)) await pool.query('UPDATE departments SET head_user_id = $1 WHERE id = $2', [users[head].id, deptIds.get(d)]);
  await bumpSecurityRevision(pool, tw.workspace.id);
  return { tw, users, ctx: (who, channel = 'ui') => tw.ctx(who === 'admin' ? tw.admin : users[who], 'en', channel) };
}
