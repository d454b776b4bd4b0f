/**
 * Group order and top N (top reps by won amount), a matrix with two column groupings (first-level
 * subtotals that equal a hand computation), and each formula's format carried in the result and
 * read by the subscription e-mail.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { summarise } from '../../../platform/dashboards/digest';
import { createRecord } from '../../../platform/data';
import { bucketKind } from '../../../platform/metadata/kinds/bucket';
import { runReport } from '../../../platform/reports/run';
import { reportFields } from '../../../platform/reports/service';
import type { ReportDefinition, ReportGroup } from '../../../platform/reports/types';
import { createSecOrg, type OrgUser, type SecOrg } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
/** Won deals added to the fixture's (each user: won 10,000 and open 20,000 in discovery, closing 2026-06-30). */
const EXTRA: [OrgUser, number, string][] = [
  ['rep_a1', 50_000, '2026-09-15'],
  ['rep_b1', 30_000, '2026-09-15'],
  ['manager_a', 5_000, '2026-06-30'],
];

beforeAll(async () => {
  org = await createSecOrg('report_order');
  const admin = await org.ctx('admin');
  for (const [who, amount, close] of EXTRA) {
    await createRecord(admin, 'opportunity', {
      name: `Extra ${who}`,
      stage: 'closed_won',
      amount,
      close_date: close,
      owner: org.users[who].id,
      account: org.records.account[who][0],
    });
  }
});

const wonByRep = (grouping: Partial<NonNullable<ReportDefinition['groupings']>[number]>): ReportDefinition => ({
  object: 'opportunity',
  format: 'summary',
  filter: { field: 'stage', op: 'eq', value: 'closed_won' },
  groupings: [{ field: 'owner', ...grouping }],
  aggregates: [{ fn: 'count' }, { fn: 'sum', field: 'amount', name: 'won' }],
});
const names = (groups: ReportGroup[]) => groups.map((g) => g.label);
const user = (who: OrgUser) => org.users[who].name;

describe('group order', () => {
  it('top 3 reps by won amount: biggest first, the rest counted but left out, totals over everyone', async () => {
    const result = await runReport(await org.ctx('admin'), wonByRep({ sort: 'value_desc', sortBy: 'won', top: 3 }));
    expect(result.groups.map((g) => [g.label, g.aggregates.won])).toEqual([
      [user('rep_a1'), 60_000],
      [user('rep_b1'), 40_000],
      [user('manager_a'), 15_000],
    ]);
    expect(result.totals).toEqual({ count: 12, won: 9 * 10_000 + 85_000 });
    expect(result.topGroups).toEqual([{ field: 'owner', shown: 3, total: 9 }]);
    expect(result.truncated).toBe(false);
  });

  it('ascending by a figure, by key descending, and ties by key', async () => {
    const ctx = await org.ctx('manager_a');
    const asc = await runReport(ctx, wonByRep({ sort: 'value_asc', sortBy: 'won' }));
    // rep_a2 has 10,000; manager_a 15,000; rep_a1 60,000.
    expect(names(asc.groups)).toEqual([user('rep_a2'), user('manager_a'), user('rep_a1')]);
    expect(asc.topGroups).toBeUndefined();
    const byCount = await runReport(ctx, wonByRep({ sort: 'value_desc' }));
    // By the first aggregate (count): manager_a and rep_a1 have two deals, tied, then by name.
    expect(byCount.groups.map((g) => g.aggregates.count)).toEqual([2, 2, 1]);
    expect(names(byCount.groups)).toEqual([...[user('manager_a'), user('rep_a1')].sort(), user('rep_a2')]);
    const desc = await runReport(ctx, { ...wonByRep({}), groupings: [{ field: 'close_date', bucket: 'quarter', sort: 'key_desc' }] });
    expect(desc.groups.map((g) => g.key)).toEqual(['2026-07-01', '2026-04-01']);
  });

  it('a rep sees only their own groups, in order, whatever the top', async () => {
    const result = await runReport(await org.ctx('rep_b1'), wonByRep({ sort: 'value_desc', sortBy: 'won', top: 3 }));
    expect(result.groups.map((g) => [g.label, g.aggregates.won])).toEqual([[user('rep_b1'), 40_000]]);
    expect(result.topGroups).toBeUndefined();
  });

  it('refuses ordering by a figure the report does not have, naming the grouping', async () => {
    await expect(runReport(await org.ctx('admin'), wonByRep({ sort: 'value_desc', sortBy: 'nothing' }))).rejects.toMatchObject({
      status: 422,
      details: [expect.objectContaining({ pointer: '/groupings/0/sortBy' })],
    });
    await expect(runReport(await org.ctx('admin'), wonByRep({ top: 0 }))).rejects.toMatchObject({ status: 422 });
  });
});

describe('a matrix with two column groupings', () => {
  const matrix: ReportDefinition = {
    object: 'opportunity',
    format: 'matrix',
    groupings: [{ field: 'owner.department' }],
    columnGroupings: [{ field: 'stage' }, { field: 'close_date', bucket: 'quarter' }],
    aggregates: [{ fn: 'sum', field: 'amount', name: 'amount' }],
  };

  it('carries first-level subtotals per row and over all rows that equal a hand computation', async () => {
    const result = await runReport(await org.ctx('admin'), matrix);
    const deptA = result.groups.find((g) => g.key === org.departments.dept_a)!;
    // dept_a: manager_a, rep_a1, rep_a2 won 10,000 each in Q2, plus rep_a1's 50,000 in Q3 and manager_a's 5,000 in Q2; 20,000 each open.
    const cells = deptA.cells!.map((c) => [c.key, c.aggregates.amount, (c.groups ?? []).map((q) => [q.key, q.aggregates.amount])]);
    expect(cells).toEqual([
      ['discovery', 60_000, [['2026-04-01', 60_000]]],
      [
        'closed_won',
        85_000,
        [
          ['2026-04-01', 35_000],
          ['2026-07-01', 50_000],
        ],
      ],
    ]);
    expect(deptA.aggregates.amount).toBe(145_000);
    const columns = result.columnTotals!.map((c) => [c.key, c.aggregates.amount, (c.groups ?? []).map((q) => [q.key, q.aggregates.amount])]);
    expect(columns).toEqual([
      ['discovery', 9 * 20_000, [['2026-04-01', 9 * 20_000]]],
      [
        'closed_won',
        9 * 10_000 + 85_000,
        [
          ['2026-04-01', 9 * 10_000 + 5_000],
          ['2026-07-01', 80_000],
        ],
      ],
    ]);
    expect(result.totals.amount).toBe(9 * 30_000 + 85_000);
    // Every row's first-level subtotal is the sum of its second-level cells.
    for (const row of result.groups) for (const c of row.cells!) expect((c.groups ?? []).reduce((s, q) => s + (q.aggregates.amount ?? 0), 0)).toBe(c.aggregates.amount);
  });

  it('orders every row’s cells as the column totals are ordered, and cuts them to the same top', async () => {
    const result = await runReport(await org.ctx('admin'), {
      ...matrix,
      columnGroupings: [
        { field: 'stage', sort: 'value_desc', top: 1 },
        { field: 'close_date', bucket: 'quarter' },
      ],
    });
    // Discovery has 180,000, closed won 175,000: only discovery stays, in every row.
    expect(result.columnTotals!.map((c) => c.key)).toEqual(['discovery']);
    for (const row of result.groups) expect(row.cells!.map((c) => c.key)).toEqual(['discovery']);
    expect(result.topGroups).toEqual([{ field: 'stage', shown: 1, total: 2 }]);
    expect(result.totals.amount).toBe(9 * 30_000 + 85_000);
  });
});

describe('formula formats', () => {
  const rates: ReportDefinition = {
    object: 'opportunity',
    format: 'summary',
    groupings: [{ field: 'stage' }],
    aggregates: [
      { fn: 'count', name: 'all' },
      { fn: 'count', name: 'won', filter: { field: 'stage', op: 'eq', value: 'closed_won' } },
      { fn: 'sum', field: 'amount', name: 'amount' },
    ],
    formulas: [
      { name: 'conversion', label: { en: 'Conversion', zh: '转化率' }, expression: 'won / all', format: 'percent' },
      { name: 'rate_per_deal', label: { en: 'Average deal', zh: '平均单笔' }, expression: 'amount / all', format: 'currency' },
      { name: 'deals', label: { en: 'Deals' }, expression: 'all' },
    ],
  };

  it('the result says how each formula reads, in the viewer’s language', async () => {
    const ctx = { ...(await org.ctx('rep_a1')), locale: 'zh-CN' as const };
    const result = await runReport(ctx, rates);
    expect(result.columns.filter((c) => c.type === 'formula').map((c) => [c.key, c.label, c.format])).toEqual([
      ['conversion', '转化率', 'percent'],
      ['rate_per_deal', '平均单笔', 'currency'],
      ['deals', 'Deals', 'number'],
    ]);
  });

  it('the subscription e-mail prints a percent formula as a percent whatever its name, and no other', async () => {
    const result = await runReport(await org.ctx('rep_a1'), rates);
    // rep_a1: won 10,000 and 50,000, open 20,000: 2 of 3 won, 80,000 over 3 deals. The old guess by name
    // printed rate_per_deal as a percent and conversion as 0.67.
    const part = summarise('Rates', result, 'en', 'conversion');
    expect(part.totals).toEqual([
      { label: 'Count', value: '3' },
      { label: 'Count', value: '2' },
      { label: 'Sum of Amount', value: '80,000' },
      { label: 'Conversion', value: '66.7%' },
      { label: 'Average deal', value: '26,666.67' },
      { label: 'Deals', value: '3' },
    ]);
    expect(part.top).toEqual([
      { label: 'Closed won', value: '100%' },
      { label: 'Discovery', value: '0%' },
    ]);
    const zh = summarise('Rates', await runReport({ ...(await org.ctx('rep_a1')), locale: 'zh-CN' }, rates), 'zh-CN', 'conversion');
    expect(zh.totals.find((t) => t.label === '转化率')?.value).toBe('66.7%');
  });
});

describe('the builder’s warning about unbucketed picklist values', () => {
  it('each picklist field names, per bucket definition, the values none of its buckets places', async () => {
    const actor = { pool: org.pool, workspace: org.tw.workspace, userId: org.users.admin.id };
    await bucketKind.verbs.save(actor, {
      object: 'opportunity',
      name: 'phase',
      field: 'stage',
      label: { en: 'Phase', zh: '阶段分组' },
      buckets: [{ name: 'closed', label: { en: 'Closed', zh: '已关闭' }, values: ['closed_won', 'closed_lost'] }],
    });
    const stage = reportFields(await org.ctx('admin'), 'opportunity').find((f) => f.path === 'stage')!;
    expect(stage.buckets).toEqual(['phase']);
    expect(stage.unbucketed?.phase).toEqual(expect.arrayContaining(['discovery', 'proposal']));
    expect(stage.unbucketed?.phase).not.toContain('closed_won');
    expect(reportFields(await org.ctx('admin'), 'opportunity').find((f) => f.path === 'source')?.unbucketed).toBeUndefined();
  });
});
