/**
 * The bounds of a `during` leaf, computed once from the context's today, zone and fiscal start:
 * evaluate.ts compares with them in memory and compile.ts binds them as parameters, so both give
 * the same answer by construction. A date field compares with dates; a datetime field with the
 * instants the zone's days start at.
 */
import { dayStartInstant, periodBounds } from '../../core/periods';
import { clock } from '../../core/time';
import type { ConditionContext, ConditionLeaf } from './types';

/** [from, to) of a `during` leaf: YYYY-MM-DD for a date field, ISO instants for a datetime field. */
export function duringBounds(leaf: ConditionLeaf, ctx: ConditionContext): { from: string; to: string } {
  const at = ctx.today && ctx.timeZone ? { today: ctx.today, timeZone: ctx.timeZone } : clock(undefined, ctx.timeZone);
  const today = ctx.today ?? at.today;
  const { from, to } = periodBounds(String(leaf.value), { today }, ctx.fiscalYearStartMonth ?? 1);
  if (leaf.valueKind !== 'datetime') return { from, to };
  return { from: new Date(dayStartInstant(from, at.timeZone)).toISOString(), to: new Date(dayStartInstant(to, at.timeZone)).toISOString() };
}
