/**
 * A second run within a minute is remembered, per viewer; a write through the record service, a
 * notice from another server, a share, or a new day makes the next run compute again.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createRecord, updateRecord } from '../../../platform/data';
import { getPool } from '../../../platform/db/pool';
import { runReport } from '../../../platform/reports/run';
import type { ReportDefinition } from '../../../platform/reports/types';
import { hearing, REPORTS_CHANNEL } from '../../../platform/reports/versions';
import { addShare } from '../../../platform/security/shares';
import { createSecOrg, type SecOrg } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
beforeAll(async () => {
  org = await createSecOrg('repcache');
  const pool = getPool(org.tw.url);
  for (let i = 0; i < 100 && !hearing(pool); i++) await new Promise((r) => setTimeout(r, 20));
  expect(hearing(pool)).toBe(true);
});

const def: ReportDefinition = { object: 'opportunity', format: 'summary', groupings: [{ field: 'stage' }], aggregates: [{ fn: 'sum', field: 'amount', name: 'amount' }] };

/** Run until `check` holds (a notice arrives asynchronously), at most a second. */
async function eventually(run: () => Promise<{ cached?: boolean; totals: Record<string, number | null> }>, check: (r: Awaited<ReturnType<typeof run>>) => boolean) {
  let r = await run();
  for (let i = 0; i < 50 && !check(r); i++) {
    await new Promise((res) => setTimeout(res, 20));
    r = await run();
  }
  return r;
}

describe('report result cache', () => {
  it('remembers a run for the same viewer only', async () => {
    const manager = await org.ctx('manager_a');
    const first = await runReport(manager, def);
    expect(first.cached).toBeUndefined();
    const second = await runReport(await org.ctx('manager_a'), def);
    expect(second).toEqual({ ...first, cached: true });
    const other = await runReport(await org.ctx('manager_b'), def);
    expect(other.cached).toBeUndefined();
    expect(other.totals).not.toEqual(first.totals);
    expect((await runReport(manager, def, { fresh: true })).cached).toBeUndefined();
  });

  it('computes again after a write through the record service', async () => {
    const rep = await org.ctx('rep_a1');
    const before = await runReport(rep, def);
    expect((await runReport(rep, def)).cached).toBe(true);
    await createRecord(rep, 'opportunity', { name: 'New deal', stage: 'discovery', amount: 5_000, close_date: '2026-07-01' });
    const after = await runReport(rep, def);
    expect(after.cached).toBeUndefined();
    expect(after.totals.amount).toBe((before.totals.amount ?? 0) + 5_000);
  });

  it('a report filtered by a parent field computes again after a write to the parent', async () => {
    const rep = await org.ctx('rep_a1');
    const byLevel: ReportDefinition = { ...def, filter: { field: 'account.level', op: 'eq', value: 'c' } };
    const before = await runReport(rep, byLevel);
    expect((await runReport(rep, byLevel)).cached).toBe(true);
    await updateRecord(rep, 'account', org.records.account.rep_a1[0], { level: 'c' });
    const after = await runReport(rep, byLevel);
    expect(after.cached).toBeUndefined();
    expect(after.rowCount).toBeGreaterThan(before.rowCount);
  });

  it('computes again when another server says it wrote (a notice at commit)', async () => {
    const rep = await org.ctx('rep_b1');
    const before = await runReport(rep, def);
    await org.sql(`UPDATE "${org.tw.workspace.schema}"."opportunity" SET amount = amount + 1 WHERE owner = $1`, [org.users.rep_b1.id]);
    expect((await runReport(rep, def)).cached).toBe(true);
    await org.sql('SELECT pg_notify($1, $2)', [REPORTS_CHANNEL, `${org.tw.workspace.id}:opportunity`]);
    const after = await eventually(
      () => runReport(rep, def),
      (r) => !r.cached,
    );
    expect(after.totals.amount).toBe((before.totals.amount ?? 0) + 2);
  });

  it('one notice naming several objects moves each of them', async () => {
    const rep = await org.ctx('rep_b1');
    const accounts: ReportDefinition = { object: 'account', format: 'summary', groupings: [{ field: 'level' }], aggregates: [{ fn: 'count' }] };
    await runReport(rep, def);
    await runReport(rep, accounts);
    expect((await runReport(rep, def)).cached).toBe(true);
    expect((await runReport(rep, accounts)).cached).toBe(true);
    await org.sql('SELECT pg_notify($1, $2)', [REPORTS_CHANNEL, `${org.tw.workspace.id}:account,opportunity`]);
    expect(
      (
        await eventually(
          () => runReport(rep, accounts),
          (r) => !r.cached,
        )
      ).cached,
    ).toBeUndefined();
    expect((await runReport(rep, def)).cached).toBeUndefined();
  });

  it('a share moves the grantee on', async () => {
    const rep = await org.ctx('rep_a2');
    const before = await runReport(rep, def);
    await addShare(await org.ctx('admin'), 'opportunity', org.records.opportunity.rep_b1[1], { userId: org.users.rep_a2.id, access: 'read', reason: 'manual' });
    const after = await eventually(
      () => runReport(rep, def),
      (r) => !r.cached,
    );
    expect(after.totals.amount).toBeGreaterThan(before.totals.amount ?? 0);
  });
});
