/**
 * The report engine runs as the viewer: totals are the sums of exactly the records the viewer can
 * see (hand-computed from the security fixture), a field the viewer may not read is refused wherever
 * the definition uses it, groups carry labels and drill-down conditions, and truncation is said.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { isAppError } from '../../../platform/core/errors';
import { runReport } from '../../../platform/reports/run';
import type { ReportDefinition } from '../../../platform/reports/types';
import { createSecOrg, SEES, type SecOrg } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
beforeAll(async () => {
  org = await createSecOrg('reports');
});

/** In the fixture each user owns a won opportunity of 10,000 (#1) and an open one of 20,000 in discovery (#2), closing 2026-06-30. */
const byStage: ReportDefinition = {
  object: 'opportunity',
  format: 'summary',
  groupings: [{ field: 'stage' }],
  aggregates: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }],
};

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return { status: e.status, code: e.code, pointers: e.details.map((d) => d.pointer) };
    throw e;
  }
  throw new Error('expected a failure');
}

describe('report totals as the viewer', () => {
  it.each(['admin', 'manager_a', 'rep_a1'] as const)('%s: each stage and the total sum exactly the opportunities they can see', async (who) => {
    const n = SEES[who].length;
    const result = await runReport(await org.ctx(who), byStage);
    expect(result.groups.map((g) => [g.key, g.label, g.aggregates])).toEqual([
      ['discovery', 'Discovery', { count: n, sum_amount: 20_000 * n }],
      ['closed_won', 'Closed won', { count: n, sum_amount: 10_000 * n }],
    ]);
    expect(result.totals).toEqual({ count: 2 * n, sum_amount: 30_000 * n });
    expect(result.rowCount).toBe(2 * n);
    expect(result.truncated).toBe(false);
    expect(result.groups[0].drill).toEqual({ field: 'stage', op: 'eq', value: 'discovery' });
    expect(result.columns.map((c) => [c.key, c.label])).toEqual([
      ['count', 'Count'],
      ['sum_amount', 'Sum of Amount'],
    ]);
  });

  it('groups by owner with names and by close month, nested, with the report filter in every drill', async () => {
    const ctx = await org.ctx('manager_a');
    const result = await runReport(ctx, {
      object: 'opportunity',
      format: 'summary',
      filter: { field: 'stage', op: 'eq', value: 'closed_won' },
      groupings: [{ field: 'owner' }, { field: 'close_date', bucket: 'month' }],
      aggregates: [{ fn: 'sum', field: 'amount', name: 'won' }],
    });
    expect(result.groups.map((g) => g.label)).toEqual(['manager_a', 'rep_a1', 'rep_a2'].map((u) => org.users[u as 'rep_a1'].name).sort());
    const first = result.groups[0];
    expect(first.groups).toHaveLength(1);
    expect(first.groups![0]).toMatchObject({ key: '2026-06-01', label: '2026-06', aggregates: { won: 10_000 } });
    expect(first.groups![0].drill).toEqual({
      all: [
        { field: 'stage', op: 'eq', value: 'closed_won' },
        { field: 'owner', op: 'eq', value: first.key },
        { field: 'close_date', op: 'between', value: ['2026-06-01', '2026-06-30'] },
      ],
    });
    expect(result.totals).toEqual({ won: 30_000 });
  });

  it('labels in Chinese for a Chinese viewer', async () => {
    const ctx = { ...(await org.ctx('rep_a1')), locale: 'zh-CN' as const };
    const result = await runReport(ctx, { object: 'opportunity', format: 'summary', groupings: [{ field: 'close_date', bucket: 'quarter' }], aggregates: [{ fn: 'count' }] });
    expect(result.groups.map((g) => g.label)).toEqual(['2026年第2季度']);
    expect(result.columns[0].label).toBe('计数');
  });

  it('refuses a field the viewer may not read in columns, groupings, filters and aggregates, naming each', async () => {
    const hidden: ReportDefinition = {
      object: 'contract',
      format: 'summary',
      columns: ['name', 'cost'],
      filter: { field: 'cost', op: 'gt', value: 0 },
      groupings: [{ field: 'status' }, { field: 'cost', bucket: 'range', ranges: [0, 50_000] }],
      aggregates: [{ fn: 'count' }, { fn: 'sum', field: 'cost' }],
    };
    expect(await failure(runReport(await org.ctx('rep_a1'), hidden))).toEqual({
      status: 422,
      code: 'VALIDATION_FAILED',
      pointers: ['/columns/1', '/groupings/1/field', '/filter/field', '/aggregates/1/field'],
    });
    const manager = await runReport(await org.ctx('manager_a'), hidden);
    expect(manager.totals.sum_cost).toBe(3 * 30_000 + 3 * 60_000);
  });

  it('tabular: the first rows and the exact count, truncation said', async () => {
    const ctx = await org.ctx('director');
    const def: ReportDefinition = { object: 'opportunity', format: 'tabular', columns: ['name', 'amount', 'stage', 'owner', 'account'], sort: ['amount:desc'], rowLimit: 4 };
    const result = await runReport(ctx, def);
    expect(result.rowCount).toBe(12);
    expect(result.rows).toHaveLength(4);
    expect(result.truncated).toBe(true);
    expect(result.truncatedReason).toBe('rows');
    expect(result.rows[0]).toMatchObject({ amount: 20_000, amount$currency: 'CNY', stage: 'Discovery' });
    expect(typeof result.rows[0].owner).toBe('string');
    expect(String(result.rows[0].account)).toMatch(/^Account /);
    const all = await runReport(ctx, { ...def, rowLimit: 100 });
    expect(all).toMatchObject({ rowCount: 12, truncated: false });
    expect(all.rows).toHaveLength(12);
  });

  it('matrix: cells, row totals, column totals and the grand total agree', async () => {
    const n = SEES.gm.length;
    const result = await runReport(await org.ctx('gm'), {
      object: 'opportunity',
      format: 'matrix',
      groupings: [{ field: 'owner.department' }],
      columnGroupings: [{ field: 'stage' }],
      aggregates: [{ fn: 'sum', field: 'amount', name: 'amount' }],
    });
    expect(result.totals).toEqual({ amount: 30_000 * n });
    expect(result.columnTotals!.map((c) => [c.key, c.aggregates.amount])).toEqual([
      ['discovery', 20_000 * n],
      ['closed_won', 10_000 * n],
    ]);
    const rowSum = result.groups.reduce((s, g) => s + (g.aggregates.amount ?? 0), 0);
    expect(rowSum).toBe(30_000 * n);
    for (const row of result.groups) {
      expect(row.cells!.reduce((s, c) => s + (c.aggregates.amount ?? 0), 0)).toBe(row.aggregates.amount);
      expect(row.groups).toBe(row.cells);
    }
    const deptA = result.groups.find((g) => g.key === org.departments.dept_a)!;
    expect(deptA.label).toBe('dept_a');
    expect(deptA.cells!.map((c) => c.aggregates.amount)).toEqual([60_000, 30_000]);
    // A department drills as the owners in it, which the list page reads.
    const drill = deptA.cells![0].drill as { all: [{ field: string; op: string; value: string[] }, unknown] };
    expect(drill.all[1]).toEqual({ field: 'stage', op: 'eq', value: 'discovery' });
    expect({ ...drill.all[0], value: [...drill.all[0].value].sort() }).toEqual({
      field: 'owner',
      op: 'in',
      value: [org.users.manager_a.id, org.users.rep_a1.id, org.users.rep_a2.id].sort(),
    });
  });

  it('checks the definition with pointers: limits, aggregates against types, formulas, chart', async () => {
    const ctx = await org.ctx('admin');
    const bad = {
      object: 'opportunity',
      format: 'summary',
      groupings: [{ field: 'stage' }, { field: 'owner' }, { field: 'source' }, { field: 'account' }],
      aggregates: [{ fn: 'sum', field: 'name' }, { fn: 'avg' }],
      formulas: [{ name: 'rate', label: { en: 'Rate' }, expression: 'nothing / 2' }],
      chart: { type: 'bar', measure: 'missing' },
    } as ReportDefinition;
    expect((await failure(runReport(ctx, bad))).pointers).toEqual(['/groupings', '/aggregates/0/fn', '/aggregates/1/field', '/formulas/0/expression', '/chart/measure']);
    expect((await failure(runReport(ctx, { object: 'nothing', format: 'tabular' }))).pointers).toEqual(['/object']);
  });

  it('formulas over aggregates per group and for the totals; division by zero is blank', async () => {
    const result = await runReport(await org.ctx('rep_a1'), {
      object: 'opportunity',
      format: 'summary',
      groupings: [{ field: 'stage' }],
      aggregates: [
        { fn: 'count', name: 'all' },
        { fn: 'count', name: 'won', filter: { field: 'stage', op: 'eq', value: 'closed_won' } },
      ],
      formulas: [{ name: 'win_rate', label: { en: 'Win rate' }, expression: 'won / (all - 1)', format: 'percent' }],
    });
    expect(result.totals).toEqual({ all: 2, won: 1, win_rate: 1 });
    expect(result.groups.map((g) => g.aggregates)).toEqual([
      { all: 1, won: 0, win_rate: null },
      { all: 1, won: 1, win_rate: null },
    ]);
  });
});
