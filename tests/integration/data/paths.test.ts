/**
 * List filters through a lookup path (`account.industry`, `owner.department`) as different users:
 * the parent is read with the viewer's own access, so a parent they cannot see never matches a
 * value (it reads as empty, as in reports); a parent field hidden from them is refused with its
 * pointer; paging, totals and REST `filter` behave as with the object's own fields.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createRecord, listRecords } from '../../../platform/data';
import { listTotals } from '../../../platform/data/totals';
import { runReport } from '../../../platform/reports/run';
import type { ReportGroup } from '../../../platform/reports/types';
import { createSecOrg, listAllIds, restListAllIds, sorted, type SecOrg } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
/** rep_a1's opportunity on rep_b1's account (which rep_a1 cannot see). */
let crossing: string;
const it_ = { field: 'account.industry', op: 'eq', value: 'it' };

beforeAll(async () => {
  org = await createSecOrg('listpaths');
  await org.sql(`UPDATE ${org.tw.workspace.schema}.account SET industry = 'it' WHERE id = ANY($1::uuid[])`, [[org.records.account.rep_a1[0], org.records.account.rep_b1[0]]]);
  const admin = await org.ctx('admin');
  crossing = String(
    (
      await createRecord(admin, 'opportunity', {
        name: 'Crossing',
        account: org.records.account.rep_b1[0],
        owner: org.users.rep_a1.id,
        stage: 'discovery',
        close_date: '2026-07-01',
        amount: 5,
      })
    ).id,
  );
  const set = await org.sql(`SELECT id FROM permission_sets WHERE workspace_id = $1 AND name = 'sales_rep'`, [org.tw.workspace.id]);
  await org.secure(
    `INSERT INTO permission_set_fields (permission_set_id, object, field, can_read, can_edit) VALUES ($1, 'account', 'annual_revenue', false, false) ON CONFLICT (permission_set_id, object, field) DO UPDATE SET can_read = false, can_edit = false`,
    [set.rows[0].id],
  );
});

const failure = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code: string; details: { pointer?: string }[] }) => ({ code: e.code, pointers: e.details.map((d) => d.pointer) }),
  );

describe('list filters through lookup paths', () => {
  it('a parent the viewer cannot see never matches its value', async () => {
    const admin = await listAllIds(await org.ctx('admin'), 'opportunity', { filter: it_ });
    expect(sorted(admin)).toEqual(sorted([...org.idsOf('opportunity', ['rep_a1', 'rep_b1']), crossing]));
    // rep_a1 owns the crossing deal but may not read its account: it is not an IT deal to them.
    const rep = await listAllIds(await org.ctx('rep_a1'), 'opportunity', { filter: it_ }, 1);
    expect(sorted(rep)).toEqual(sorted(org.idsOf('opportunity', ['rep_a1'])));
  });

  it('lists exactly the records of the report group it drills from, empty parents included', async () => {
    const ctx = await org.ctx('rep_a1');
    const result = await runReport(ctx, { object: 'opportunity', format: 'summary', groupings: [{ field: 'account.industry' }], aggregates: [{ fn: 'count' }] }, { fresh: true });
    const groups: ReportGroup[] = result.groups;
    expect(groups.map((g) => [g.label, g.aggregates.count])).toEqual([
      ['IT and internet', 2],
      ['(empty)', 1],
    ]);
    for (const g of groups) {
      const { records } = await listRecords(ctx, 'opportunity', { filter: g.drill });
      expect(records.length).toBe(g.aggregates.count);
    }
    const empty = await listRecords(ctx, 'opportunity', { filter: { field: 'account.industry', op: 'is_empty' } });
    expect(empty.records.map((r) => r.id)).toEqual([crossing]);
    const notIt = await listRecords(ctx, 'opportunity', { filter: { not: it_ } });
    expect(notIt.records.map((r) => r.id)).toEqual([crossing]);
  });

  it('filters by the owner department (a user attribute)', async () => {
    const filter = { field: 'owner.department', op: 'eq', value: org.departments.dept_a };
    const ids = await listAllIds(await org.ctx('admin'), 'opportunity', { filter, sort: '-amount' }, 2);
    expect(sorted(ids)).toEqual(sorted([...org.idsOf('opportunity', ['manager_a', 'rep_a1', 'rep_a2']), crossing]));
    expect((await listTotals(await org.ctx('manager_a'), 'opportunity', { filter })).count).toBe(7);
  });

  it('refuses a parent field hidden from the viewer, with its pointer', async () => {
    const hidden = {
      all: [
        { field: 'stage', op: 'ne', value: 'x' },
        { field: 'account.annual_revenue', op: 'gt', value: 0 },
      ],
    };
    expect(await failure(listRecords(await org.ctx('rep_a1'), 'opportunity', { filter: hidden }))).toEqual({ code: 'INVALID_FILTER', pointers: ['/filter/all/1/field'] });
    expect(await failure(listRecords(await org.ctx('rep_a1'), 'opportunity', { filter: { field: 'account.nope', op: 'eq', value: 1 } }))).toMatchObject({
      pointers: ['/filter/field'],
    });
    // A manager reads the field, so the same filter works for them.
    expect((await listRecords(await org.ctx('manager_a'), 'opportunity', { filter: hidden })).records.length).toBe(6);
  });

  it('REST filter takes a path, and refuses a hidden one as a 400 naming it', async () => {
    const q = `filter=${encodeURIComponent(JSON.stringify(it_))}`;
    const rep = await restListAllIds(org.api('rep_a1'), 'opportunity', q, 1);
    expect(rep).toEqual({ status: 200, ids: expect.any(Array) });
    expect(sorted(rep.ids)).toEqual(sorted(org.idsOf('opportunity', ['rep_a1'])));
    const totals = await org.api('admin').get(`/api/v1/records/opportunity/totals?${q}`);
    expect(totals.body.count).toBe(5);
    const bad = await org.api('rep_a1').get(`/api/v1/records/opportunity?filter=${encodeURIComponent(JSON.stringify({ field: 'account.annual_revenue', op: 'gt', value: 1 }))}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ pointer: '/filter/field' });
  });
});
