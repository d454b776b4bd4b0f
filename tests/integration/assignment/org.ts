/**
 * The organisation the assignment tests work in (a fresh workspace per file): the stock rule
 * `lead_routing` needs roles named as in the demo org. Shenzhen reps s1..s3 (role
 * sales_rep_shenzhen), a Beijing rep b1, regional managers m1..m4 (members of the stock queue
 * unassigned_leads), m1 the Shenzhen reps' manager.
 */
import type pg from 'pg';
import type { UserRef } from '../../../platform/data/context';
import { getPool } from '../../../platform/db/pool';
import { bumpSecurityRevision } from '../../../platform/security/model';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';

export type Who = 's1' | 's2' | 's3' | 'b1' | 'm1' | 'm2' | 'm3' | 'm4';

export interface AssignOrg {
  tw: TestWorkspace;
  pool: pg.Pool;
  users: Record<Who, UserRef>;
  sql(text: string, params?: unknown[]): Promise<pg.QueryResult>;
}

export async function assignOrg(prefix = 'asg'): Promise<AssignOrg> {
  const tw = await createTestWorkspace(prefix);
  const pool = getPool(tw.url);
  const ws = tw.workspace.id;
  const sql = (text: string, params: unknown[] = []) => pool.query(text, params);
  const role = async (name: string, parent: string | null) =>
    (await sql('INSERT INTO roles (workspace_id, name, label, parent_id) VALUES ($1, $2, $2, $3) RETURNING id', [ws, name, parent])).rows[0].id as string;
  const mgrSz = await role('regional_manager_shenzhen', null);
  const mgrBj = await role('regional_manager_beijing', null);
  const mgrSh = await role('regional_manager_shanghai', null);
  const mgrHz = await role('regional_manager_hangzhou', null);
  const repSz = await role('sales_rep_shenzhen', mgrSz);
  const repBj = await role('sales_rep_beijing', mgrBj);
  const users = {} as Record<Who, UserRef>;
  // Ids decide the turn order; the tests compare counts, not who came first.
  for (const [who, roleId, sets] of [
    ['s1', repSz, ['sales_rep']],
    ['s2', repSz, ['sales_rep']],
    ['s3', repSz, ['sales_rep']],
    ['b1', repBj, ['sales_rep']],
    ['m1', mgrSz, ['sales_manager']],
    ['m2', mgrBj, ['sales_manager']],
    ['m3', mgrSh, ['sales_manager']],
    ['m4', mgrHz, ['sales_manager']],
  ] as [Who, string, string[]][]) {
    users[who] = await tw.addUser(who, { roleId, permissionSets: sets });
  }
  for (const rep of ['s1', 's2', 's3'] as const) await sql('UPDATE users SET manager_id = $1 WHERE id = $2', [users.m1.id, users[rep].id]);
  await bumpSecurityRevision(pool, ws);
  return { tw, pool, users, sql };
}

/** Owner counts of the given record ids, by user. */
export async function ownersOf(org: AssignOrg, object: string, ids: string[]): Promise<Map<string | null, number>> {
  const res = await org.sql(`SELECT owner FROM ${`"${org.tw.workspace.schema}"."${object}"`} WHERE id = ANY($1::uuid[])`, [ids]);
  const out = new Map<string | null, number>();
  for (const r of res.rows) out.set(r.owner, (out.get(r.owner) ?? 0) + 1);
  return out;
}
