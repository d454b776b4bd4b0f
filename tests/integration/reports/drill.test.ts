/**
 * Drill-down lands on exactly the records behind a figure: each group's condition, carried in the
 * list page's address as the report screens build it, read back as the list reads it, counts the
 * same records as the group (as the viewer, through the list's own filter and access).
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { describeObject } from '../../../platform/api/describe';
import { objectOf } from '../../../platform/data/context';
import { listTotals } from '../../../platform/data/totals';
import { runReport } from '../../../platform/reports/run';
import type { ReportDefinition, ReportGroup } from '../../../platform/reports/types';
import { toCondition } from '../../../platform/ui/list/filterState';
import { readListUrl } from '../../../platform/ui/list/listUrl';
import { drillHref } from '../../../platform/ui/reports/drill';
import type { FieldInfo } from '../../../platform/ui/types';
import { createSecOrg, type SecOrg } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
beforeAll(async () => {
  org = await createSecOrg('reports_drill');
});

/** The leaf groups of a summary, each with its count. */
const leaves = (groups: ReportGroup[]): ReportGroup[] => groups.flatMap((g) => (g.groups?.length ? leaves(g.groups) : [g]));

/** What the list page shows for a drill-down address: its problems and its record count. */
async function listAt(who: 'admin' | 'manager_a' | 'rep_a1', href: string) {
  const ctx = await org.ctx(who);
  const params = new URL(href, 'http://x').searchParams;
  const fields = describeObject(objectOf(ctx, 'opportunity')).fields as unknown as FieldInfo[];
  const { state, problems } = readListUrl((k) => params.get(k), fields, []);
  const totals = await listTotals(ctx, 'opportunity', { filter: toCondition(state.filter) });
  return { problems, count: totals.count };
}

// As the builder saves it: the filter builder's "all", then owner and close month.
const wonByRepByMonth: ReportDefinition = {
  object: 'opportunity',
  format: 'summary',
  filter: { all: [{ field: 'stage', op: 'eq', value: 'closed_won' }] },
  groupings: [{ field: 'owner' }, { field: 'close_date', bucket: 'month' }],
  aggregates: [{ fn: 'sum', field: 'amount' }, { fn: 'count' }],
  chart: { type: 'bar' },
};

describe('drill-down from a report to the list', () => {
  it.each(['admin', 'manager_a', 'rep_a1'] as const)('%s: every rep-and-month bar opens a list of exactly its records', async (who) => {
    const result = await runReport(await org.ctx(who), wonByRepByMonth);
    const bars = leaves(result.groups);
    expect(bars.length).toBeGreaterThan(0);
    for (const bar of bars) {
      const list = await listAt(who, drillHref('opportunity', bar.drill)!);
      expect(list.problems).toEqual([]);
      expect(list.count).toBe(bar.aggregates.count);
    }
  });

  it('a stage slice and an amount range open their records too', async () => {
    const result = await runReport(await org.ctx('admin'), {
      object: 'opportunity',
      format: 'summary',
      groupings: [{ field: 'stage' }, { field: 'amount', bucket: 'range', ranges: [0, 15000] }],
      aggregates: [{ fn: 'count' }],
    });
    const groups = [...result.groups, ...leaves(result.groups)];
    expect(groups.length).toBeGreaterThan(2);
    for (const g of groups) {
      const list = await listAt('admin', drillHref('opportunity', g.drill)!);
      expect(list.problems).toEqual([]);
      expect(list.count).toBe(g.aggregates.count);
    }
  });

  it.each(['admin', 'rep_a1'] as const)('%s: a group through a parent field (account industry, owner department) opens exactly its records', async (who) => {
    await org.sql(`UPDATE ${org.tw.workspace.schema}.account SET industry = 'it' WHERE id = ANY($1::uuid[])`, [[org.records.account.rep_a1[0], org.records.account.manager_b[0]]]);
    const result = await runReport(
      await org.ctx(who),
      { object: 'opportunity', format: 'summary', groupings: [{ field: 'account.industry' }, { field: 'owner.department' }], aggregates: [{ fn: 'count' }] },
      { fresh: true },
    );
    const groups = [...result.groups, ...leaves(result.groups)];
    expect(result.groups.map((g) => g.label)).toContain('IT and internet');
    for (const g of groups) {
      const href = drillHref('opportunity', g.drill);
      expect(href).not.toBeNull();
      const list = await listAt(who, href!);
      expect(list.problems).toEqual([]);
      expect(list.count).toBe(g.aggregates.count);
    }
  });
});
