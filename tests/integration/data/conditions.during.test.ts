/**
 * Relative dates (op `during`) answer the same in memory, in the browser and in SQL for every
 * period, with a fixed clock just past a quarter boundary in Asia/Shanghai: 2026-03-31T16:30:00Z is
 * already 1 April there, so "this quarter" is Q2 for a date field and, for a datetime field, starts
 * at 2026-03-31T16:00:00Z. Also a fiscal year starting in April, and lists filtered by `during`
 * through tRPC and REST (the real clock: the answer is checked against periodBounds of today).
 */
import vm from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeObject } from '../../../platform/api/describe';
import { FIXED_PERIODS, periodBounds } from '../../../platform/core/periods';
import { Params } from '../../../platform/core/sql';
import { clock } from '../../../platform/core/time';
import { qualified } from '../../../platform/core/identifiers';
import { createRecord } from '../../../platform/data';
import type { RecordContext } from '../../../platform/data/context';
import type { RecordData } from '../../../platform/data/values';
import { compileCondition } from '../../../platform/rules/conditions/compile';
import { evaluateCondition } from '../../../platform/rules/conditions/evaluate';
import { parseCondition } from '../../../platform/rules/conditions/parse';
import type { ConditionContext } from '../../../platform/rules/conditions/types';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';
import { listAll } from './dataset';

const AT = { today: '2026-04-01', timeZone: 'Asia/Shanghai' }; // 2026-03-31T16:30:00Z
const PERIODS = [...FIXED_PERIODS, 'last_1_days', 'last_30_days', 'next_30_days', 'last_90_days', 'next_365_days'];
// Dates on both sides of every boundary the fixed clock is near.
const DATES = [
  '2025-03-31',
  '2025-04-01',
  '2025-12-31',
  '2026-01-01',
  '2026-03-02',
  '2026-03-03',
  '2026-03-29',
  '2026-03-30',
  '2026-03-31',
  '2026-04-01',
  '2026-04-02',
  '2026-04-05',
  '2026-04-06',
  '2026-04-12',
  '2026-04-13',
  '2026-04-30',
  '2026-05-01',
  '2026-06-30',
  '2026-07-01',
  '2026-09-30',
  '2026-10-01',
  '2026-12-31',
  '2027-01-01',
  '2027-03-31',
  '2027-04-01',
  '2028-01-01',
];
// Instants around Shanghai midnights (UTC+8): 16:00Z is the next day's start there.
const INSTANTS = DATES.flatMap((d) => {
  const dayBefore = new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return [`${dayBefore}T15:59:59.999Z`, `${dayBefore}T16:00:00.000Z`, `${d}T03:00:00.000Z`];
});

let tw: TestWorkspace;
let ctx: RecordContext;
const rows: Record<'opportunity' | 'activity', RecordData[]> = { opportunity: [], activity: [] };
let shownFor: (fields: string, conditions: string, records: string, userId: string | null, when: string) => string;

beforeAll(async () => {
  tw = await createTestWorkspace('during');
  ctx = await tw.ctx();
  const account = await createRecord(ctx, 'account', { name: 'Boundary Ltd' });
  for (const close_date of DATES) await createRecord(ctx, 'opportunity', { name: `Deal ${close_date}`, account: account.id, close_date, stage: 'discovery' });
  for (const start_at of INSTANTS) await createRecord(ctx, 'activity', { subject: `Call ${start_at}`, type: 'call', status: 'planned', start_at });
  rows.opportunity = await listAll(ctx, 'opportunity');
  rows.activity = await listAll(ctx, 'activity');
  const out = await build({
    entryPoints: [`${import.meta.dirname}/conditionsBrowser.ts`],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'browserBuild',
    write: false,
    logLevel: 'silent',
    define: { 'process.env': '{}' },
  });
  const context = vm.createContext({});
  vm.runInContext(out.outputFiles[0].text, context);
  shownFor = vm.runInContext('browserBuild.shownFor', context);
}, 120_000);

/** Names of the records each way selects, with the fixed clock and a fiscal start month. */
async function threeWays(object: 'opportunity' | 'activity', field: string, period: string, fiscalYearStartMonth: number) {
  const obj = ctx.meta.objects.get(object)!;
  const filter = { field, op: 'during', value: period };
  const parsed = parseCondition(filter, obj);
  expect(parsed.errors).toEqual([]);
  const when: ConditionContext = { userId: tw.admin.id, ...AT, fiscalYearStartMonth };
  const params = new Params();
  const sql = `SELECT "t"."name" FROM ${qualified(tw.workspace.schema, object)} AS "t" WHERE "t"."deleted_at" IS NULL AND ${compileCondition(parsed.condition!, params, when, 't')}`;
  const fromSql = (await ctx.pool.query<{ name: string }>(sql, params.values)).rows.map((r) => r.name).sort();
  const memory = rows[object]
    .filter((r) => evaluateCondition(parsed.condition!, r, when))
    .map((r) => r.name as string)
    .sort();
  const fields = JSON.stringify(describeObject(obj).fields);
  const [shown] = JSON.parse(shownFor(fields, JSON.stringify([filter]), JSON.stringify(rows[object]), tw.admin.id, JSON.stringify({ ...AT, fiscalYearStartMonth }))) as string[][];
  const browser = rows[object]
    .filter((r) => shown.includes(r.id as string))
    .map((r) => r.name as string)
    .sort();
  return { memory, browser, sql: fromSql };
}

describe('during: memory, browser and SQL agree on every period', () => {
  it.each(
    PERIODS.flatMap(
      (p) =>
        [
          [p, 1],
          [p, 4],
        ] as const,
    ),
  )('%s (fiscal year from month %i)', async (period, fiscal) => {
    for (const [object, field] of [
      ['opportunity', 'close_date'],
      ['activity', 'start_at'],
    ] as const) {
      const r = await threeWays(object, field, period, fiscal);
      expect({ memory: r.memory, browser: r.browser }, `${object}.${field}`).toEqual({ memory: r.sql, browser: r.sql });
    }
  });
});

describe('the quarter boundary in Asia/Shanghai', () => {
  it('just after 16:00 UTC on 31 March, this quarter is Q2 for dates', async () => {
    const { sql } = await threeWays('opportunity', 'close_date', 'this_quarter', 1);
    expect(sql).toEqual([
      'Deal 2026-04-01',
      'Deal 2026-04-02',
      'Deal 2026-04-05',
      'Deal 2026-04-06',
      'Deal 2026-04-12',
      'Deal 2026-04-13',
      'Deal 2026-04-30',
      'Deal 2026-05-01',
      'Deal 2026-06-30',
    ]);
    expect((await threeWays('opportunity', 'close_date', 'last_quarter', 1)).sql).toEqual([
      'Deal 2026-01-01',
      'Deal 2026-03-02',
      'Deal 2026-03-03',
      'Deal 2026-03-29',
      'Deal 2026-03-30',
      'Deal 2026-03-31',
    ]);
  });

  it('and for datetimes starts at Shanghai midnight, 16:00 UTC the day before', async () => {
    const { sql } = await threeWays('activity', 'start_at', 'this_quarter', 1);
    expect(sql).toContain('Call 2026-03-31T16:00:00.000Z');
    expect(sql).not.toContain('Call 2026-03-31T15:59:59.999Z');
    expect(sql).toContain('Call 2026-06-30T15:59:59.999Z');
    expect(sql).not.toContain('Call 2026-06-30T16:00:00.000Z');
    expect((await threeWays('activity', 'start_at', 'today', 1)).sql).toEqual(['Call 2026-03-31T16:00:00.000Z', 'Call 2026-04-01T03:00:00.000Z', 'Call 2026-04-01T15:59:59.999Z']);
  });

  it('a fiscal year starting in April: FY2027 begins on 1 April, and last fiscal year ended the day before', async () => {
    expect((await threeWays('opportunity', 'close_date', 'this_fiscal_year', 4)).sql).toEqual(
      DATES.filter((d) => d >= '2026-04-01' && d < '2027-04-01')
        .map((d) => `Deal ${d}`)
        .sort(),
    );
    expect((await threeWays('opportunity', 'close_date', 'last_fiscal_year', 4)).sql).toEqual([
      'Deal 2025-04-01',
      'Deal 2025-12-31',
      'Deal 2026-01-01',
      'Deal 2026-03-02',
      'Deal 2026-03-03',
      'Deal 2026-03-29',
      'Deal 2026-03-30',
      'Deal 2026-03-31',
    ]);
    expect((await threeWays('opportunity', 'close_date', 'this_fiscal_quarter', 4)).sql).toEqual((await threeWays('opportunity', 'close_date', 'this_quarter', 1)).sql);
  });

  it('last 30 days are the 30 days ending today; next 30 days start today', async () => {
    expect((await threeWays('opportunity', 'close_date', 'last_30_days', 1)).sql).toEqual([
      'Deal 2026-03-03',
      'Deal 2026-03-29',
      'Deal 2026-03-30',
      'Deal 2026-03-31',
      'Deal 2026-04-01',
    ]);
    expect((await threeWays('opportunity', 'close_date', 'next_30_days', 1)).sql).toEqual([
      'Deal 2026-04-01',
      'Deal 2026-04-02',
      'Deal 2026-04-05',
      'Deal 2026-04-06',
      'Deal 2026-04-12',
      'Deal 2026-04-13',
      'Deal 2026-04-30',
    ]);
  });
});

describe('lists filtered by during', () => {
  it('select the records in the period as of today, through the record service', async () => {
    const { from, to } = periodBounds('this_year', clock());
    const mine = await createRecord(ctx, 'opportunity', { name: 'Closing today', account: rows.opportunity[0].account, close_date: clock().today, stage: 'discovery' });
    const listed = await listAll(ctx, 'opportunity', { filter: { field: 'close_date', op: 'during', value: 'this_year' } });
    expect(listed.map((r) => r.id)).toContain(mine.id);
    expect(listed.every((r) => (r.close_date as string) >= from && (r.close_date as string) < to)).toBe(true);
  });

  it('refuse an unknown period, naming the value', async () => {
    await expect(listAll(ctx, 'opportunity', { filter: { field: 'close_date', op: 'during', value: 'this_decade' } })).rejects.toMatchObject({
      code: 'INVALID_FILTER',
      details: [expect.objectContaining({ pointer: '/filter/value' })],
    });
    await expect(listAll(ctx, 'opportunity', { filter: { field: 'amount', op: 'during', value: 'this_month' } })).rejects.toMatchObject({
      details: [expect.objectContaining({ pointer: '/filter/op' })],
    });
  });
});
