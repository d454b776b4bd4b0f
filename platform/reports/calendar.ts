/** The workspace calendar a report buckets dates by: its time zone and the first month of its fiscal year. */
import { clock } from '../core/time';
import type { RecordContext } from '../data/context';
import type { Calendar } from './compile';

/** The calendar of the caller's workspace (the fiscal year start is a workspace setting). */
export async function calendarOf(ctx: RecordContext): Promise<Calendar> {
  return { timeZone: clock().timeZone, fiscalStartMonth: ctx.workspace.fiscalYearStartMonth ?? 1 };
}
