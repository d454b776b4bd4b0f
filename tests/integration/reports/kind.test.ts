/**
 * The `report` and `bucket` kinds (cross-checks with pointers, a package round trip), picklist
 * buckets with unbucketed values flagged, groups truncated with the reason said, and fifty users
 * running reports at once on a pool of ten.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { AppError } from '../../../platform/core/errors';
import { getPool } from '../../../platform/db/pool';
import { bucketKind } from '../../../platform/metadata/kinds/bucket';
import { reportKind } from '../../../platform/metadata/kinds/report';
import { exportPackage, installPackage, packageFromFiles } from '../../../platform/packages/packages';
import { GROUP_CAP } from '../../../platform/reports/compile';
import { runReport } from '../../../platform/reports/run';
import type { SavedReport } from '../../../platform/reports/saved';
import { createTestWorkspace } from '../../support/workspace';
import { createSecOrg, SEES, type SecOrg } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
const actor = () => ({ pool: org.pool, workspace: org.tw.workspace, userId: org.users.admin.id });
beforeAll(async () => {
  org = await createSecOrg('repkind');
});

const phases = {
  object: 'opportunity',
  name: 'phase',
  field: 'stage',
  label: { en: 'Phase', zh: '阶段分组' },
  buckets: [
    { name: 'early', label: { en: 'Early', zh: '前期' }, values: ['discovery', 'qualification'] },
    { name: 'closed', label: { en: 'Closed', zh: '已关闭' }, values: ['closed_won', 'closed_lost'] },
  ],
};

async function problems(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.details.map((d) => `${d.file ?? ''}#${d.pointer}`);
    throw e;
  }
  return [];
}

describe('report and bucket kinds', () => {
  it('cross-checks a report: unknown field and path, grouping limits, aggregate against type, formula, chart measure, each with its pointer', async () => {
    const bad = {
      object: 'opportunity',
      name: 'broken',
      label: { en: 'Broken', zh: '坏' },
      format: 'matrix',
      columns: ['nothing'],
      groupings: [{ field: 'stage' }, { field: 'owner' }, { field: 'source' }],
      columnGroupings: [{ field: 'account.nothing' }],
      aggregates: [{ fn: 'sum', field: 'stage' }],
      formulas: [{ name: 'f', label: { en: 'F' }, expression: 'missing * 2' }],
      chart: { type: 'bar', measure: 'absent' },
    } as unknown as SavedReport;
    expect(await problems(reportKind.verbs.save(actor(), bad))).toEqual(
      expect.arrayContaining([
        'reports/opportunity.broken.json#/columns/0',
        'reports/opportunity.broken.json#/groupings',
        'reports/opportunity.broken.json#/columnGroupings/0/field',
        'reports/opportunity.broken.json#/aggregates/0/fn',
        'reports/opportunity.broken.json#/formulas/0/expression',
        'reports/opportunity.broken.json#/chart/measure',
      ]),
    );
    expect(await problems(bucketKind.verbs.save(actor(), { ...phases, name: 'bad', field: 'name', buckets: [{ ...phases.buckets[0], values: ['discovery'] }] }))).toEqual([
      'buckets/opportunity.bad.json#/field',
    ]);
    expect(
      await problems(bucketKind.verbs.save(actor(), { ...phases, name: 'bad', buckets: [{ ...phases.buckets[0], values: ['nope', 'discovery'] }, phases.buckets[0]] })),
    ).toEqual(['buckets/opportunity.bad.json#/buckets/0/values/0', 'buckets/opportunity.bad.json#/buckets/1/values/0']);
  });

  it('groups by a picklist bucket, with the values no bucket places flagged and grouped as Unbucketed', async () => {
    await bucketKind.verbs.save(actor(), phases);
    const report = {
      object: 'opportunity',
      name: 'by_phase',
      label: { en: 'By phase', zh: '按阶段分组' },
      folder: { en: 'Sales', zh: '销售' },
      visibility: 'public',
      format: 'summary',
      groupings: [{ field: 'stage', bucket: 'phase' }],
      aggregates: [{ fn: 'count' }],
    } as SavedReport;
    await reportKind.verbs.save(actor(), report);
    const admin = await org.ctx('admin');
    const { table } = { table: `"${org.tw.workspace.schema}"."opportunity"` };
    await org.sql(`UPDATE ${table} SET stage = 'proposal' WHERE id = $1`, [org.records.opportunity.rep_a1[1]]);
    const r = await runReport(admin, report, { fresh: true });
    const n = SEES.admin.length;
    expect(r.groups.map((g) => [g.key, g.label, g.aggregates.count])).toEqual([
      ['early', 'Early', n - 1],
      ['closed', 'Closed', n],
      ['__unbucketed', 'Unbucketed', 1],
    ]);
    expect(r.unbucketed).toEqual([{ field: 'stage', values: expect.arrayContaining(['proposal', 'negotiation', 'bid_tender']) }]);
    expect(r.groups[2].drill).toEqual({
      all: [
        { field: 'stage', op: 'is_not_empty' },
        { field: 'stage', op: 'not_in', value: ['discovery', 'qualification', 'closed_won', 'closed_lost'] },
      ],
    });
    const zh = await runReport({ ...admin, locale: 'zh-CN' }, report, { fresh: true });
    expect(zh.groups.map((g) => g.label)).toEqual(['前期', '已关闭', '未分组']);
  });

  it('a package round trip keeps reports and buckets byte for byte', async () => {
    const opts = { name: 'reports_pkg', version: '1.0.0', label: { en: 'Reports', zh: '报表' } };
    const files = await exportPackage(org.pool, org.tw.workspace.id, opts);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['buckets/opportunity.phase.json', 'reports/opportunity.by_phase.json']));
    const fresh = await createTestWorkspace('repkind2');
    expect((await installPackage({ pool: getPool(fresh.url), workspace: fresh.workspace, userId: fresh.admin.id }, packageFromFiles(files))).action).toBe('installed');
    const again = await exportPackage(getPool(fresh.url), fresh.workspace.id, opts);
    for (const f of ['buckets/opportunity.phase.json', 'reports/opportunity.by_phase.json']) expect(again[f], f).toBe(files[f]);
  });

  it(`truncates groups beyond ${GROUP_CAP} and says so; rowCount stays exact`, async () => {
    const table = `"${org.tw.workspace.schema}"."opportunity"`;
    const owner = org.users.outsider.id;
    await org.sql(
      `INSERT INTO ${table} ("name", "owner", "created_by", "updated_by", "stage", "amount", "close_date") SELECT 'Bulk ' || g, $1, $1, $1, 'discovery', g, DATE '2026-01-01' + g FROM generate_series(1, $2::int) AS g`,
      [owner, GROUP_CAP + 10],
    );
    const r = await runReport(
      await org.ctx('outsider'),
      { object: 'opportunity', format: 'summary', groupings: [{ field: 'close_date', bucket: 'day' }], aggregates: [{ fn: 'count' }] },
      { fresh: true },
    );
    expect(r.truncated).toBe(true);
    expect(r.truncatedReason).toBe('groups');
    expect(r.rowCount).toBe(GROUP_CAP + 10 + 2);
    expect(r.totals.count).toBe(GROUP_CAP + 12);
    expect(r.groups.length).toBeLessThan(GROUP_CAP + 12);
  });

  it('fifty users running reports at once do not exhaust the pool', async () => {
    const who = ['rep_a1', 'rep_a2', 'rep_b1', 'manager_a', 'manager_b'] as const;
    const ctxs = await Promise.all(Array.from({ length: 50 }, (_, i) => org.ctx(who[i % who.length])));
    const results = await Promise.all(
      ctxs.map((ctx, i) =>
        runReport(
          ctx,
          {
            object: 'opportunity',
            format: 'summary',
            groupings: [{ field: 'account.level' }, { field: 'close_date', bucket: 'month' }],
            aggregates: [{ fn: 'sum', field: 'amount' }],
            rowLimit: 10 + i,
          },
          { fresh: true },
        ),
      ),
    );
    expect(results).toHaveLength(50);
    for (const [i, r] of results.entries()) expect(r.rowCount, who[i % who.length]).toBeGreaterThan(0);
  });
});
