/**
 * Sharing rules: owner-based (records owned by a role and its subordinates, shared with a role or a
 * group) and criteria-based (records matching a condition, shared with a department or a department
 * tree). Members of the grantee see exactly the extra records; read vs read/write is honoured;
 * removing a rule removes the access.
 *
 *   opportunity  owner rule     role_and_subordinates(manager_a) -> role(manager_b)               read
 *   contract     owner rule     role_and_subordinates(director)  -> group(auditors: outsider)     read_write
 *   account      criteria rule  level = a                        -> department(dept_b)            read_write
 *   contact      criteria rule  title = CEO                      -> department_and_children(sales) read
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { deleteRecord, getRecord, updateRecord } from '../../../platform/data';
import { expectError } from '../api/api';
import { createSecOrg, listAllIds, ORG_USERS, outcome, restListAllIds, SEES, sorted, type Obj, type OrgUser, type SecOrg } from './org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;

beforeAll(async () => {
  org = await createSecOrg('sec_rules');
  const ws = org.tw.workspace.id;
  const group = (await org.sql(`INSERT INTO groups (workspace_id, name, label) VALUES ($1, 'auditors', 'Auditors') RETURNING id`, [ws])).rows[0].id;
  await org.sql('INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)', [group, org.users.outsider.id]);
  const rule = (object: string, name: string, kind: string, owner: [string, string] | null, condition: unknown, grantee: [string, string], access: string) =>
    org.sql(
      `INSERT INTO sharing_rules (workspace_id, object, name, label, kind, condition, owner_type, owner_id, grantee_type, grantee_id, access)
       VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [ws, object, name, kind, condition === null ? null : JSON.stringify(condition), owner?.[0] ?? null, owner?.[1] ?? null, grantee[0], grantee[1], access],
    );
  await rule('opportunity', 'team_a_to_manager_b', 'owner', ['role_and_subordinates', org.roles.manager_a], null, ['role', org.roles.manager_b], 'read');
  await rule('contract', 'sales_to_auditors', 'owner', ['role_and_subordinates', org.roles.director], null, ['group', group], 'read_write');
  await rule('account', 'key_accounts_to_b', 'criteria', null, { field: 'level', op: 'eq', value: 'a' }, ['department', org.departments.dept_b], 'read_write');
  await rule('contact', 'ceos_to_sales', 'criteria', null, { field: 'title', op: 'eq', value: 'CEO' }, ['department_and_children', org.departments.sales], 'read');
  await org.secure('SELECT 1');
});

/** Extra records each rule gives each user, on top of SEES (ownership and hierarchy). */
function extra(object: Obj, user: OrgUser): string[] {
  const inSales = ['director', 'manager_a', 'manager_b', 'rep_a1', 'rep_a2', 'rep_b1'].includes(user);
  switch (object) {
    case 'opportunity':
      return user === 'manager_b' ? org.idsOf('opportunity', ['manager_a', 'rep_a1', 'rep_a2']) : [];
    case 'contract':
      return user === 'outsider' ? org.idsOf('contract', SEES.director) : [];
    case 'account':
      return ['manager_b', 'rep_b1'].includes(user) ? org.idsOf('account', ORG_USERS, 1) : [];
    case 'contact':
      return inSales ? org.idsOf('contact', ORG_USERS, 1) : [];
  }
}

describe("each user lists their own, their team's, and exactly what the rules add", () => {
  const CASES: [OrgUser, Obj][] = ORG_USERS.flatMap((u) => (['opportunity', 'contract', 'account', 'contact'] as Obj[]).map((o): [OrgUser, Obj] => [u, o]));
  it.each(CASES)('%s lists %s', async (user, object) => {
    const expected = new Set([...org.idsOf(object, SEES[user]), ...extra(object, user)]);
    expect(sorted(await listAllIds(await org.ctx(user), object))).toEqual(sorted(expected));
  });

  it('the criteria rule shows rep_b1 every key account and no other account of others', async () => {
    const names = (await listAllIds(await org.ctx('rep_b1'), 'account')).map((id) => org.names.get(id)!);
    expect(names.filter((n) => !n.includes('rep_b1')).every((n) => n.endsWith('#1'))).toBe(true);
    expect(names).toHaveLength(ORG_USERS.length + 1);
  });

  it('REST lists agree', async () => {
    const res = await restListAllIds(org.api('outsider'), 'contract', '', 4);
    expect(sorted(res.ids)).toEqual(sorted([...org.idsOf('contract', ['outsider']), ...extra('contract', 'outsider')]));
  });
});

describe('read rules grant reading; read/write rules grant editing; no rule grants deleting', () => {
  /** [user, object, owner, record #, expected get, update, delete] */
  const ACCESS: [OrgUser, Obj, OrgUser, 1 | 2, string, string, string][] = [
    // owner rule, read
    ['manager_b', 'opportunity', 'rep_a1', 2, 'ok', 'FORBIDDEN', 'FORBIDDEN'],
    ['manager_b', 'opportunity', 'manager_a', 1, 'ok', 'FORBIDDEN', 'FORBIDDEN'],
    ['manager_b', 'opportunity', 'director', 1, 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
    ['rep_b1', 'opportunity', 'rep_a1', 1, 'NOT_FOUND', 'NOT_FOUND', 'FORBIDDEN'],
    // owner rule, read/write, group grantee
    ['outsider', 'contract', 'manager_a', 2, 'ok', 'ok', 'FORBIDDEN'],
    ['outsider', 'contract', 'director', 2, 'ok', 'ok', 'FORBIDDEN'],
    ['outsider', 'contract', 'gm', 2, 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
    ['outsider', 'contract', 'admin', 2, 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
    // criteria rule, read/write, department grantee
    ['rep_b1', 'account', 'admin', 1, 'ok', 'ok', 'FORBIDDEN'],
    ['rep_b1', 'account', 'rep_a1', 1, 'ok', 'ok', 'FORBIDDEN'],
    ['rep_b1', 'account', 'rep_a1', 2, 'NOT_FOUND', 'NOT_FOUND', 'FORBIDDEN'],
    ['manager_b', 'account', 'gm', 1, 'ok', 'ok', 'FORBIDDEN'],
    ['manager_a', 'account', 'manager_b', 1, 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
    // criteria rule, read, department tree grantee
    ['rep_a1', 'contact', 'gm', 1, 'ok', 'FORBIDDEN', 'FORBIDDEN'],
    ['director', 'contact', 'outsider', 1, 'ok', 'FORBIDDEN', 'FORBIDDEN'],
    ['director', 'contact', 'outsider', 2, 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
    ['gm', 'contact', 'admin', 1, 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
    ['outsider', 'contact', 'rep_a1', 1, 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
  ];

  it.each(ACCESS)('%s on a %s of %s #%i: get %s, update %s, delete %s', async (user, object, owner, n, get, update, del) => {
    const id = org.records[object][owner][n - 1];
    const ctx = await org.ctx(user);
    expect({
      get: await outcome(getRecord(ctx, object, id)),
      update: await outcome(updateRecord(ctx, object, id, { description: `rule edit by ${user}` })),
      delete: await outcome(deleteRecord(ctx, object, id)),
    }).toEqual({ get, update, delete: del });
    expect(await outcome(getRecord(await org.ctx('admin'), object, id))).toBe('ok');
  });

  it("a record leaving the criteria leaves the grantee's sight", async () => {
    const id = org.records.account.rep_a2[0];
    expect(await outcome(getRecord(await org.ctx('rep_b1'), 'account', id))).toBe('ok');
    await updateRecord(await org.ctx('admin'), 'account', id, { level: 'c' });
    expect(await outcome(getRecord(await org.ctx('rep_b1'), 'account', id))).toBe('NOT_FOUND');
    await updateRecord(await org.ctx('admin'), 'account', id, { level: 'a' });
  });

  it('over REST: 200 / 403 / 404 as the rules say', async () => {
    const api = org.api('manager_b');
    expect((await api.get(`/api/v1/records/opportunity/${org.records.opportunity.rep_a2[0]}`)).status).toBe(200);
    expectError(await api.patch(`/api/v1/records/opportunity/${org.records.opportunity.rep_a2[0]}`, { next_step: 'x' }), 403, 'FORBIDDEN');
    expectError(await api.get(`/api/v1/records/opportunity/${org.records.opportunity.gm[0]}`), 404, 'NOT_FOUND');
    const patched = await org.api('rep_b1').patch(`/api/v1/records/account/${org.records.account.outsider[0]}`, { website: 'https://example.com' });
    expect({ status: patched.status, website: patched.body.record?.website }).toEqual({ status: 200, website: 'https://example.com' });
  });
});

describe('membership and rule changes take effect on the next request', () => {
  it("a new group member gains the group's records; a removed one loses them", async () => {
    const id = org.records.contract.rep_b1[0];
    const group = (await org.sql(`SELECT id FROM groups WHERE workspace_id = $1 AND name = 'auditors'`, [org.tw.workspace.id])).rows[0].id;
    expect(await outcome(getRecord(await org.ctx('gm'), 'contract', id))).toBe('ok'); // hierarchy
    expect(await outcome(getRecord(await org.ctx('rep_a1'), 'contract', id))).toBe('NOT_FOUND');
    await org.secure('INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)', [group, org.users.rep_a1.id]);
    expect(await outcome(updateRecord(await org.ctx('rep_a1'), 'contract', id, { description: 'auditor' }))).toBe('ok');
    expect((await org.api('rep_a1').get(`/api/v1/records/contract/${id}`)).status).toBe(200);
    await org.secure('DELETE FROM group_members WHERE group_id = $1 AND user_id = $2', [group, org.users.rep_a1.id]);
    expect(await outcome(getRecord(await org.ctx('rep_a1'), 'contract', id))).toBe('NOT_FOUND');
  });

  it('deleting a rule removes what it granted', async () => {
    await org.secure(`DELETE FROM sharing_rules WHERE workspace_id = $1 AND name = 'key_accounts_to_b'`, [org.tw.workspace.id]);
    expect(sorted(await listAllIds(await org.ctx('rep_b1'), 'account'))).toEqual(sorted(org.idsOf('account', ['rep_b1'])));
    expect(await outcome(updateRecord(await org.ctx('rep_b1'), 'account', org.records.account.admin[0], { description: 'x' }))).toBe('NOT_FOUND');
  });
});
