/**
 * Roll-up summaries stay right after every child write (insert, update, delete, restore,
 * re-parent), in the same transaction, and under concurrent child writes to one parent. A roll-up
 * added by an admin is computed for existing records at once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRecord, deleteRecord, getRecord, restoreRecord, updateRecord } from '../../../platform/data';
import type { RecordContext } from '../../../platform/data/context';
import { getPool } from '../../../platform/db/pool';
import * as designer from '../../../platform/metadata/designer';
import type { FieldDef } from '../../../platform/fields/types';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';

let tw: TestWorkspace;
let ctx: RecordContext;

beforeAll(async () => {
  tw = await createTestWorkspace('rollup');
  ctx = await tw.ctx();
});

/** What the roll-up should be, straight from the child table. */
async function truth(account: string): Promise<{ won: number; open: number }> {
  const res = await getPool(tw.url).query(
    `SELECT COALESCE(sum(amount) FILTER (WHERE forecast_category = 'closed'), 0)::float AS won,
            count(*) FILTER (WHERE forecast_category NOT IN ('closed', 'omitted'))::int AS open
       FROM "${tw.workspace.schema}"."opportunity" WHERE account = $1 AND deleted_at IS NULL`,
    [account],
  );
  return res.rows[0];
}

async function rollups(account: string) {
  const a = await getRecord(ctx, 'account', account);
  return { won: a.won_amount as number, open: a.open_opportunities as number };
}

/** A won opportunity (through the process: a quote first, then closed won). */
async function won(account: string, amount: number) {
  const o = await createRecord(ctx, 'opportunity', { name: `Won ${amount}`, close_date: '2027-01-01', account, amount });
  await createRecord(ctx, 'quote', { opportunity: o.id, amount });
  return updateRecord(ctx, 'opportunity', String(o.id), { stage: 'closed_won' });
}

describe('account won amount and open opportunities', () => {
  it('follow inserts, updates, deletes, restores and re-parenting', async () => {
    const a = String((await createRecord(ctx, 'account', { name: 'Parent A' })).id);
    const b = String((await createRecord(ctx, 'account', { name: 'Parent B' })).id);
    expect(await rollups(a)).toEqual({ won: 0, open: 0 });
    const open = await createRecord(ctx, 'opportunity', { name: 'Open', close_date: '2027-01-01', account: a, amount: 100 });
    expect(await rollups(a)).toEqual({ won: 0, open: 1 });
    const w1 = await won(a, 1000);
    const w2 = await won(a, 250.5);
    expect(await rollups(a)).toEqual({ won: 1250.5, open: 1 });
    await updateRecord(ctx, 'opportunity', String(w2.id), { amount: 300 });
    expect(await rollups(a)).toEqual({ won: 1300, open: 1 });
    // Re-parent: both accounts change.
    await updateRecord(ctx, 'opportunity', String(w1.id), { account: b });
    expect(await rollups(a)).toEqual({ won: 300, open: 1 });
    expect(await rollups(b)).toEqual({ won: 1000, open: 0 });
    await deleteRecord(ctx, 'opportunity', String(w2.id));
    expect(await rollups(a)).toEqual({ won: 0, open: 1 });
    await restoreRecord(ctx, 'opportunity', String(w2.id));
    expect(await rollups(a)).toEqual({ won: 300, open: 1 });
    await updateRecord(ctx, 'opportunity', String(open.id), { account: null });
    expect(await rollups(a)).toEqual({ won: 300, open: 0 });
    expect(await rollups(a)).toEqual(await truth(a));
    expect(await rollups(b)).toEqual(await truth(b));
  });

  it('a refused child write leaves the roll-up as it was', async () => {
    const a = String((await createRecord(ctx, 'account', { name: 'Parent C' })).id);
    const o = await createRecord(ctx, 'opportunity', { name: 'X', close_date: '2027-01-01', account: a });
    await expect(updateRecord(ctx, 'opportunity', String(o.id), { stage: 'closed_won' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await rollups(a)).toEqual({ won: 0, open: 1 });
  });

  it('are right after many concurrent child writes to one parent', async () => {
    const a = String((await createRecord(ctx, 'account', { name: 'Busy parent' })).id);
    const others = await Promise.all([1, 2, 3].map(async (i) => String((await createRecord(ctx, 'account', { name: `Other ${i}` })).id)));
    const opps = await Promise.all(Array.from({ length: 12 }, (_, i) => won(a, 100 + i)));
    // Twelve writers at once, each with its own context and connection: amount changes, moves away and back, deletes.
    await Promise.all(
      opps.map(async (o, i) => {
        const c = await tw.ctx();
        const id = String(o.id);
        if (i % 4 === 0) await updateRecord(c, 'opportunity', id, { amount: 1000 + i });
        else if (i % 4 === 1) await updateRecord(c, 'opportunity', id, { account: others[i % 3] });
        else if (i % 4 === 2) await deleteRecord(c, 'opportunity', id);
        else {
          await updateRecord(c, 'opportunity', id, { account: others[0] });
          await updateRecord(c, 'opportunity', id, { account: a, amount: 7 });
        }
      }),
    );
    expect(await rollups(a)).toEqual(await truth(a));
    for (const o of others) expect(await rollups(o)).toEqual(await truth(o));
    expect((await rollups(a)).won).toBeGreaterThan(0);
  });
});

describe('a roll-up added by an admin', () => {
  it('is computed for existing records in the same change, and kept current afterwards', async () => {
    const a = String((await createRecord(ctx, 'account', { name: 'Counted' })).id);
    for (const amount of [5, 15, 25]) await createRecord(ctx, 'opportunity', { name: `D${amount}`, close_date: '2027-01-01', account: a, amount });
    const field = {
      name: 'largest_deal',
      type: 'rollup',
      label: { en: 'Largest deal', zh: '最大商机' },
      summary: { object: 'opportunity', via: 'account', fn: 'max', field: 'amount' },
    } as unknown as FieldDef;
    await designer.saveField({ pool: getPool(tw.url), workspace: tw.workspace, userId: tw.admin.id }, 'account', field, 'create');
    ctx = await tw.ctx();
    expect((await getRecord(ctx, 'account', a)).largest_deal).toBe(25);
    await createRecord(ctx, 'opportunity', { name: 'D99', close_date: '2027-01-01', account: a, amount: 99 });
    expect((await getRecord(ctx, 'account', a)).largest_deal).toBe(99);
    // A roll-up cannot be typed into.
    await expect(updateRecord(ctx, 'account', a, { largest_deal: 1 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('with a wrong definition is refused, naming what is wrong', async () => {
    const bad = {
      name: 'bad_sum',
      type: 'rollup',
      label: { en: 'Bad', zh: '坏' },
      summary: { object: 'opportunity', via: 'account', fn: 'sum', field: 'name' },
    } as unknown as FieldDef;
    await expect(designer.saveField({ pool: getPool(tw.url), workspace: tw.workspace, userId: tw.admin.id }, 'account', bad, 'create')).rejects.toMatchObject({
      code: 'METADATA_INVALID',
      details: [expect.objectContaining({ code: 'rollup.field' })],
    });
  });

  it('with a relative date in its filter is refused: the stored total would go stale', async () => {
    const stale = {
      name: 'closing_this_month',
      type: 'rollup',
      label: { en: 'Closing this month', zh: '本月成交' },
      summary: { object: 'opportunity', via: 'account', fn: 'count', filter: { field: 'close_date', op: 'during', value: 'this_month' } },
    } as unknown as FieldDef;
    await expect(designer.saveField({ pool: getPool(tw.url), workspace: tw.workspace, userId: tw.admin.id }, 'account', stale, 'create')).rejects.toMatchObject({
      code: 'METADATA_INVALID',
      details: [expect.objectContaining({ code: 'rollup.filterDuring', pointer: expect.stringMatching(/\/summary\/filter$/) })],
    });
  });
});
