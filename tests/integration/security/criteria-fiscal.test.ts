/** A sharing rule's criteria with `during` a fiscal period follow the workspace's fiscal year start, as lists and reports do. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createRecord } from '../../../platform/data';
import { addDays, clock, periodBounds } from '../../../platform/core/time';
import { createSecOrg, type SecOrg } from './org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
/** A date inside this fiscal year (starting in July) but outside this calendar year. */
let day: string;
let deal: string;

beforeAll(async () => {
  org = await createSecOrg('crit_fiscal');
  const fiscal = periodBounds('this_fiscal_year', clock(), 7);
  const calendar = periodBounds('this_year', clock());
  const last = addDays(fiscal.to, -1);
  day = fiscal.from < calendar.from ? fiscal.from : last;
  expect(day >= calendar.from && day < calendar.to).toBe(false);
  deal = String(
    (await createRecord(await org.ctx('admin'), 'opportunity', { name: 'Fiscal deal', owner: org.users.rep_a1.id, stage: 'discovery', close_date: day, amount: 1 })).id,
  );
  await org.secure(
    `INSERT INTO sharing_rules (workspace_id, object, name, label, kind, condition, grantee_type, grantee_id, access)
     VALUES ($1, 'opportunity', 'this_fy_to_b', 'This FY to B', 'criteria', $2, 'role', $3, 'read')`,
    [org.tw.workspace.id, JSON.stringify({ field: 'close_date', op: 'during', value: 'this_fiscal_year' }), org.roles.rep_b],
  );
});

describe('sharing criteria and the fiscal year', () => {
  it('shares a deal closing this fiscal year only once the year starts in July', async () => {
    const api = org.api('rep_b1');
    expect((await api.get(`/api/v1/records/opportunity/${deal}`)).status).toBe(404);
    await org.secure(`UPDATE workspaces SET fiscal_year_start_month = 7 WHERE id = $1`, [org.tw.workspace.id]);
    expect((await api.get(`/api/v1/records/opportunity/${deal}`)).status).toBe(200);
    const list = await api.get(`/api/v1/records/opportunity?filter=${encodeURIComponent(JSON.stringify({ field: 'close_date', op: 'eq', value: day }))}`);
    expect(list.body.records.map((r: { id: string }) => r.id)).toEqual([deal]);
  });
});
