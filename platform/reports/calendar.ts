/** The workspace calendar a report buckets dates by: its time zone and the first month of its fiscal year. */
import { clock } from '../core/time';
import type { RecordContext } from '../data/context';
import type { Calendar } from './compile';

/** The calendar of the caller's workspace. The fiscal year starts in January until the workspace setting exists. */
export async function calendarOf(_ctx: RecordContext): Promise<Calendar> {
  return { timeZone: clock().timeZone, fiscalStartMonth: 1 };
}
