/**
 * Write steps: the record service runs the installed, ordered list of steps phase by phase, so a
 * capability plugs in with a step and no change to platform/data (as assignment and duplicate
 * checks will). And platform/data itself imports no capability.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WRITE_STEPS } from '../../../platform/capabilities';
import { AppError } from '../../../platform/core/errors';
import type { RecordContext } from '../../../platform/data/context';
import { createRecord, deleteRecord, getRecord, restoreRecord, updateRecord } from '../../../platform/data';
import { bulkInsert } from '../../../platform/data/bulk';
import { withTransaction } from '../../../platform/db/pool';
import { installWriteSteps, type WritePhase, type WriteStep } from '../../../platform/data/steps';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';

let tw: TestWorkspace;
let ctx: RecordContext;
const seen: string[] = [];
let committedSeen: boolean | null = null;

/** A step that only notes when it ran. */
const note = (phase: WritePhase): WriteStep => ({
  name: `test.${phase}`,
  phase,
  modes: ['create', 'update', 'delete', 'restore'],
  run: (_c, _cl, w) => {
    seen.push(`${w.mode}:${phase}`);
  },
});

/** Like an assignment rule: fills in a value before validation. */
const fillStep: WriteStep = {
  name: 'test.fill',
  phase: 'beforeValidation',
  modes: ['create'],
  run: (_c, _cl, w) => {
    if (w.input.name === 'fill me') w.input.website = 'https://filled.example';
  },
};

/** Like a duplicate check: a problem reported together with the validation rules'. */
const checkStep: WriteStep = {
  name: 'test.check',
  phase: 'validate',
  modes: ['create', 'update'],
  run: (_c, _cl, w) => {
    if (w.record.name === 'Duplicate Co') w.errors.push({ field: 'name', pointer: '/name', code: 'duplicate', message: 'duplicate' });
  },
};

/** After commit: another connection sees the record. */
const committedStep: WriteStep = {
  name: 'test.committed',
  phase: 'afterCommit',
  modes: ['create'],
  async run(c, _cl, w) {
    if (w.input.name !== 'After commit') return;
    committedSeen = ((await c.pool.query(`SELECT 1 FROM "${c.workspace.schema}"."account" WHERE "id" = $1`, [w.id])).rowCount ?? 0) > 0;
  },
};

beforeAll(async () => {
  tw = await createTestWorkspace('steps');
  ctx = await tw.ctx();
  const phases: WritePhase[] = ['input', 'locked', 'beforeValidation', 'validate', 'beforeWrite', 'afterWrite', 'afterCommit'];
  // Shuffled phases: the list's order within a phase counts, the phases run in their own order.
  installWriteSteps([...WRITE_STEPS, ...[...phases].reverse().map(note), fillStep, checkStep, committedStep]);
});

afterAll(() => installWriteSteps(WRITE_STEPS));

describe('write steps', () => {
  it('run phase by phase for every kind of write', async () => {
    seen.length = 0;
    const rec = await createRecord(ctx, 'account', { name: 'Steps Co' });
    await updateRecord(ctx, 'account', rec.id as string, { name: 'Steps Co 2' });
    await deleteRecord(ctx, 'account', rec.id as string);
    await restoreRecord(ctx, 'account', rec.id as string);
    expect(seen).toEqual([
      'create:input',
      'create:beforeValidation',
      'create:validate',
      'create:afterWrite',
      'create:afterCommit',
      'update:locked',
      'update:beforeValidation',
      'update:validate',
      'update:afterWrite',
      'update:afterCommit',
      'delete:locked',
      'delete:beforeWrite',
      'delete:afterWrite',
      'delete:afterCommit',
      'restore:afterWrite',
      'restore:afterCommit',
    ]);
  });

  it('let a capability fill in values and refuse a write with the other checks, nothing written', async () => {
    expect((await createRecord(ctx, 'account', { name: 'fill me' })).website).toBe('https://filled.example');
    const e = await createRecord(ctx, 'account', { name: 'Duplicate Co' }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('VALIDATION_FAILED');
    expect((e as AppError).details).toEqual([expect.objectContaining({ field: 'name', code: 'duplicate' })]);
    const rows = await ctx.pool.query(`SELECT 1 FROM "${tw.workspace.schema}"."account" WHERE "name" = 'Duplicate Co'`);
    expect(rows.rowCount).toBe(0);
  });

  it('run after commit once the record is visible to others', async () => {
    await createRecord(ctx, 'account', { name: 'After commit' });
    expect(committedSeen).toBe(true);
  });
});

describe('bulk loads', () => {
  it("fill in the process as of each row's own time and keep roll-ups, without the checking steps", async () => {
    const account = await createRecord(ctx, 'account', { name: 'Bulk Co' });
    await withTransaction(ctx.pool, (client) =>
      bulkInsert(ctx, client, 'opportunity', [
        { values: { name: 'Seeded deal', account: account.id, close_date: '2025-03-01' }, createdAt: '2025-01-02T03:04:05.000Z' },
        { values: { name: 'Duplicate Co', account: account.id, close_date: '2025-03-01' }, createdAt: '2025-02-02T00:00:00.000Z' },
      ]),
    );
    const rows = await ctx.pool.query(
      `SELECT "stage", "probability"::float AS "probability", "stage_changed_at" FROM "${tw.workspace.schema}"."opportunity" WHERE "name" = 'Seeded deal'`,
    );
    expect(rows.rows[0]).toMatchObject({ stage: 'discovery', probability: 10 });
    expect(new Date(rows.rows[0].stage_changed_at).toISOString()).toBe('2025-01-02T03:04:05.000Z');
    expect((await getRecord(ctx, 'account', account.id as string)).open_opportunities).toBe(2);
  });
});

describe('platform/data', () => {
  it('imports no capability (they plug in through the steps list)', () => {
    const dir = path.resolve(import.meta.dirname, '../../../platform/data');
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) =>
        /from '\.\.\/(process|approvals|automation|capabilities)\b|from '\.\.\/rules\/(rollups|validation|recordTests)'/.test(readFileSync(path.join(dir, f), 'utf8')),
      );
    expect(offenders).toEqual([]);
  });
});
