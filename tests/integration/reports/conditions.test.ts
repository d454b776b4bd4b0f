/**
 * The report engine with the condition language's relative dates, lookup paths and related-record
 * conditions: a quarter boundary in Asia/Shanghai, "accounts without a won opportunity", parents
 * the viewer cannot see reading as empty, and a fiscal year starting in April.
 */
import { afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { isAppError } from '../../../platform/core/errors';
import { createRecord } from '../../../platform/data';
import { clearReportCache } from '../../../platform/reports/cache';
import { runReport } from '../../../platform/reports/run';
import type { ReportDefinition } from '../../../platform/reports/types';
import { createSecOrg, SEES, type SecOrg } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
let late: string;
let early: string;
beforeAll(async () => {
  org = await createSecOrg('repcond');
  const ctx = await org.ctx('rep_a1');
  // Closing on either side of the Q1/Q2 boundary; made at either side of Shanghai's midnight.
  early = String((await createRecord(ctx, 'opportunity', { name: 'Q1 deal', stage: 'proposal', amount: 1_000, close_date: '2026-03-31' })).id);
  late = String((await createRecord(ctx, 'opportunity', { name: 'Q2 deal', stage: 'proposal', amount: 2_000, close_date: '2026-04-01' })).id);
  const table = `"${org.tw.workspace.schema}"."opportunity"`;
  await org.sql(`UPDATE ${table} SET created_at = '2026-03-31T15:59:00Z' WHERE id = $1`, [early]);
  await org.sql(`UPDATE ${table} SET created_at = '2026-03-31T16:01:00Z' WHERE id = $1`, [late]);
});

afterEach(() => {
  vi.useRealTimers();
  clearReportCache();
});

const proposals = { field: 'stage', op: 'eq', value: 'proposal' };

describe('reports with relative dates, paths and related records', () => {
  it('this quarter just past the Q1/Q2 boundary in Asia/Shanghai, and quarters of a date-time by the local day', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-31T16:30:00Z'), toFake: ['Date'] });
    const ctx = await org.ctx('rep_a1');
    const thisQuarter = await runReport(ctx, {
      object: 'opportunity',
      format: 'tabular',
      columns: ['name'],
      filter: { all: [proposals, { field: 'close_date', op: 'during', value: 'this_quarter' }] },
    });
    expect(thisQuarter.rows.map((r) => r.name)).toEqual(['Q2 deal']);
    const lastQuarter = await runReport(ctx, {
      object: 'opportunity',
      format: 'tabular',
      columns: ['name'],
      filter: { all: [proposals, { field: 'close_date', op: 'during', value: 'last_quarter' }] },
    });
    expect(lastQuarter.rows.map((r) => r.name)).toEqual(['Q1 deal']);
    const byCreated = await runReport(ctx, {
      object: 'opportunity',
      format: 'summary',
      filter: proposals,
      groupings: [{ field: 'created_at', bucket: 'quarter' }],
      aggregates: [{ fn: 'sum', field: 'amount', name: 'amount' }],
    });
    expect(byCreated.groups.map((g) => [g.key, g.label, g.aggregates.amount])).toEqual([
      ['2026-01-01', 'Q1 2026', 1_000],
      ['2026-04-01', 'Q2 2026', 2_000],
    ]);
    expect(byCreated.groups[1].drill).toEqual({ all: [proposals, { field: 'created_at', op: 'between', value: ['2026-03-31T16:00:00.000Z', '2026-06-30T15:59:59.999Z'] }] });
  });

  it('a fiscal year starting in April buckets and names fiscal quarters from the workspace setting', async () => {
    const ctx = await org.ctx('rep_a1');
    ctx.workspace = { ...ctx.workspace, fiscalYearStartMonth: 4 };
    const r = await runReport(ctx, {
      object: 'opportunity',
      format: 'summary',
      filter: proposals,
      groupings: [{ field: 'close_date', bucket: 'fiscal_quarter' }],
      aggregates: [{ fn: 'count' }],
    });
    expect(r.groups.map((g) => [g.key, g.label])).toEqual([
      // Named by the year the fiscal year ends in, as conditions and the settings page name it.
      ['2026-01-01', 'FY2026 Q4'],
      ['2026-04-01', 'FY2027 Q1'],
    ]);
    const zh = await runReport(
      { ...ctx, locale: 'zh-CN' },
      { object: 'opportunity', format: 'summary', filter: proposals, groupings: [{ field: 'close_date', bucket: 'fiscal_year' }], aggregates: [{ fn: 'count' }] },
    );
    expect(zh.groups.map((g) => g.label)).toEqual(['2026财年', '2027财年']);
  });

  it('"without": accounts without a won opportunity, as each viewer sees them', async () => {
    const def: ReportDefinition = {
      object: 'account',
      format: 'summary',
      filter: { without: { object: 'opportunity', field: 'account', where: { field: 'stage', op: 'eq', value: 'closed_won' } } },
      groupings: [{ field: 'level' }],
      aggregates: [{ fn: 'count' }],
    };
    for (const who of ['admin', 'manager_a', 'rep_b1'] as const) {
      const r = await runReport(await org.ctx(who), def);
      // Each user's account #2 (level b) has no opportunity at all; #1 (level a) has a won one.
      expect(r.groups.map((g) => [g.key, g.aggregates.count])).toEqual([['b', SEES[who].length]]);
    }
    const withWon = await runReport(await org.ctx('manager_a'), {
      ...def,
      filter: { with: { object: 'opportunity', field: 'account', where: { field: 'stage', op: 'eq', value: 'closed_won' } } },
    });
    expect(withWon.totals.count).toBe(SEES.manager_a.length);
  });

  it('lookup paths in filters and groupings; a parent the viewer cannot see reads as empty, never as its values', async () => {
    const admin = await org.ctx('admin');
    // rep_a1's deal on rep_b1's account: rep_a1 sees the deal, not the account.
    await createRecord(admin, 'opportunity', {
      name: 'Cross deal',
      stage: 'negotiation',
      amount: 7_000,
      close_date: '2026-08-01',
      owner: org.users.rep_a1.id,
      account: org.records.account.rep_b1[0],
    });
    const def: ReportDefinition = {
      object: 'opportunity',
      format: 'summary',
      filter: { field: 'stage', op: 'eq', value: 'negotiation' },
      groupings: [{ field: 'account.level' }, { field: 'account' }],
      aggregates: [{ fn: 'sum', field: 'amount', name: 'amount' }],
    };
    const rep = await runReport(await org.ctx('rep_a1'), def);
    expect(rep.groups.map((g) => [g.key, g.label, g.aggregates.amount])).toEqual([[null, '(empty)', 7_000]]);
    expect(rep.groups[0].groups!.map((g) => [g.key, g.label])).toEqual([[org.records.account.rep_b1[0], '(no access)']]);
    const byAdmin = await runReport(admin, def);
    expect(byAdmin.groups.map((g) => [g.key, g.label])).toEqual([['a', 'A (key account)']]);
    expect(byAdmin.groups[0].groups![0].label).toBe('Account rep_b1 #1');
    const filtered = await runReport(await org.ctx('manager_a'), {
      object: 'opportunity',
      format: 'summary',
      filter: { field: 'account.level', op: 'eq', value: 'a' },
      groupings: [{ field: 'owner.department' }],
      aggregates: [{ fn: 'count' }],
    });
    expect(filtered.groups.map((g) => [g.label, g.aggregates.count])).toEqual([['dept_a', 6]]);
    try {
      await runReport(await org.ctx('rep_a1'), {
        object: 'contract',
        format: 'summary',
        filter: { field: 'account.name', op: 'eq', value: 'x' },
        groupings: [{ field: 'account.nothing' }],
      });
      throw new Error('expected a failure');
    } catch (e) {
      expect(isAppError(e) && e.details.map((d) => d.pointer)).toEqual(['/groupings/0/field']);
    }
  });
});
