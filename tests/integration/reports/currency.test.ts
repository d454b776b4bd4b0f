/**
 * Amounts in several currencies are never added up, whether or not the engine left its
 * mixed-currency guard out (it does while every record holds the field's own currency, probed
 * through a partial index): one record in dollars makes its group's sum and the total blank, and
 * the other groups keep their sums.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createRecord, updateRecord } from '../../../platform/data';
import { runReport } from '../../../platform/reports/run';
import type { ReportDefinition } from '../../../platform/reports/types';
import { createSecOrg, SEES, type SecOrg } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
beforeAll(async () => {
  org = await createSecOrg('repcurrency');
});

const byStage: ReportDefinition = {
  object: 'opportunity',
  format: 'summary',
  groupings: [{ field: 'stage' }],
  aggregates: [{ fn: 'sum', field: 'amount' }, { fn: 'max', field: 'amount' }, { fn: 'count' }],
};

describe('amounts in several currencies', () => {
  it('has a partial index of the records in another currency, empty while all are in yuan', async () => {
    const { rows } = await org.sql(`SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = 'opportunity_amount_other_currency'`, [org.tw.workspace.schema]);
    expect(rows[0]?.indexdef).toContain(`WHERE (amount_currency <> 'CNY'::text)`);
  });

  it('adds up one currency, and leaves blank the group and total where a dollar amount joins them', async () => {
    const admin = await org.ctx('admin');
    const n = SEES.admin.length;
    const before = await runReport(admin, byStage, { fresh: true });
    expect(before.totals).toEqual({ sum_amount: 30_000 * n, max_amount: 20_000, count: 2 * n });
    const deal = await createRecord(admin, 'opportunity', { name: 'Dollar deal', stage: 'discovery', amount: 1_000, amount_currency: 'USD', close_date: '2026-06-30' });
    const after = await runReport(admin, byStage, { fresh: true });
    expect(after.groups.map((g) => [g.key, g.aggregates])).toEqual([
      ['discovery', { sum_amount: null, max_amount: null, count: n + 1 }],
      ['closed_won', { sum_amount: 10_000 * n, max_amount: 10_000, count: n }],
    ]);
    expect(after.totals).toEqual({ sum_amount: null, max_amount: null, count: 2 * n + 1 });
    // Back to yuan: the sums come back.
    await updateRecord(admin, 'opportunity', String(deal.id), { amount_currency: 'CNY' });
    const back = await runReport(admin, byStage, { fresh: true });
    expect(back.totals).toEqual({ sum_amount: 30_000 * n + 1_000, max_amount: 20_000, count: 2 * n + 1 });
  });
});
