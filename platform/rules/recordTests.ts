/**
 * Record tests (a condition or a formula that must be true), as validation rules, stage gates and
 * approval entry conditions and step criteria use them, judged on a record in memory.
 */
import type pg from 'pg';
import { clock } from '../core/time';
import type { RecordContext } from '../data/context';
import { loadRelated, type Env } from '../data/env';
import type { RecordData } from '../data/values';
import type { ObjectModel, RecordTest } from '../metadata/model';
import { evaluateCondition } from './conditions/evaluate';
import { evaluateFormula } from './formula';

/** Whether a value counts as not filled in (null, empty text, empty list). */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** The same stored value (blank and null alike). */
export const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Whether the record in `env` meets the test. */
export function holds(test: RecordTest, env: Env): boolean {
  if (test.kind === 'condition') {
    return evaluateCondition(test.condition, env.record, { userId: env.userId, today: env.at.today, timeZone: env.at.timeZone, fiscalYearStartMonth: env.fiscalYearStartMonth });
  }
  return evaluateFormula(test.formula, { record: env.record, prior: env.prior, related: env.related, ...env.at }) === true;
}

/**
 * Whether a stored record (with its formula values) meets a test: an approval flow's entry
 * condition or a step's criteria. Loads only the related records the formula reads.
 */
export async function recordMeets(client: pg.PoolClient, ctx: RecordContext, full: ObjectModel, record: RecordData, test: RecordTest): Promise<boolean> {
  const formulas = test.kind === 'formula' ? [test.formula] : [];
  const related = formulas.length ? await loadRelated(client, ctx.workspace.schema, ctx.security.fullMeta, full, record, formulas) : {};
  return holds(test, { record, prior: null, related, at: clock(), userId: ctx.user.id, fiscalYearStartMonth: ctx.workspace.fiscalYearStartMonth });
}
