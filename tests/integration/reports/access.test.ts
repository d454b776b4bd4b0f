/**
 * A grouped report adds up the viewer's records as disjoint branches (owned, shared, each criteria
 * rule): a record reached by several grants counts once, and the figures equal the list's.
 *
 *   rep_b1 owns two deals; a criteria rule gives dept_b every won deal (#1, 10,000 each, rep_b1's own
 *   included); manager_a's won deal is also shared with rep_b1 by hand, and so is their open one.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runReport } from '../../../platform/reports/run';
import { addShare } from '../../../platform/security/shares';
import { createSecOrg, listAllIds, ORG_USERS, SEES, type SecOrg } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
beforeAll(async () => {
  org = await createSecOrg('repaccess');
  await org.sql(
    `INSERT INTO sharing_rules (workspace_id, object, name, label, kind, condition, grantee_type, grantee_id, access)
     VALUES ($1, 'opportunity', 'won_to_b', 'Won to B', 'criteria', $2, 'department', $3, 'read')`,
    [org.tw.workspace.id, JSON.stringify({ field: 'stage', op: 'eq', value: 'closed_won' }), org.departments.dept_b],
  );
  await org.secure('SELECT 1');
  const admin = await org.ctx('admin');
  for (const id of org.records.opportunity.manager_a) await addShare(admin, 'opportunity', id, { userId: org.users.rep_b1.id, access: 'read', reason: 'manual' });
});

describe('report access as disjoint branches', () => {
  it('counts each record once however many grants reach it, as the list does', async () => {
    const rep = await org.ctx('rep_b1');
    const expected = new Set([...org.idsOf('opportunity', SEES.rep_b1), ...org.idsOf('opportunity', ORG_USERS, 1), ...org.idsOf('opportunity', ['manager_a'])]);
    const won = org.idsOf('opportunity', ORG_USERS, 1).length;
    const open = expected.size - won;
    expect(new Set(await listAllIds(rep, 'opportunity'))).toEqual(expected);
    const result = await runReport(rep, {
      object: 'opportunity',
      format: 'summary',
      groupings: [{ field: 'stage' }],
      aggregates: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }],
    });
    expect(result.groups.map((g) => [g.key, g.aggregates])).toEqual([
      ['discovery', { count: open, sum_amount: 20_000 * open }],
      ['closed_won', { count: won, sum_amount: 10_000 * won }],
    ]);
    expect(result.rowCount).toBe(expected.size);
  });
});
