/**
 * E-mail subscriptions to a report or a dashboard: daily at an hour, or weekly on a weekday at an
 * hour, in the workspace's time zone (table report_subscriptions). A user subscribes only to what
 * they may open now; the digest job (digest.ts) checks again at every run, as the subscriber.
 */
import { keyedError, problem } from '../core/problems';
import type { MessageKey } from '../core/i18n';
import { addDays, dayStartInstant, isoFromPg, workspaceTimeZone, clock } from '../core/time';
import { dbOf, type RecordContext } from '../data/context';
import { reportDefinition } from '../reports/saved';
import { dashboardFor } from './access';
import { applyFilters, type DashboardFilterInput } from './filters';

export type TargetKind = 'report' | 'dashboard';
export type Frequency = 'daily' | 'weekly';

export interface SubscriptionInput {
  targetKind: TargetKind;
  target: string;
  frequency: Frequency;
  /** 0-23, in the workspace's time zone. */
  hour: number;
  /** Weekly: 1 (Monday) to 7 (Sunday). */
  weekday?: number | null;
  /** Dashboards: the filters the e-mail's run applies. */
  filters?: DashboardFilterInput | null;
}

export interface Subscription extends Required<Omit<SubscriptionInput, 'weekday' | 'filters'>> {
  id: string;
  weekday: number | null;
  filters: DashboardFilterInput | null;
  nextRunAt: string;
  lastRunAt: string | null;
  /** sent | skipped (the subscriber may no longer open it: lastError says why) | failed */
  lastStatus: string | null;
  lastError: string | null;
}

/** A subscriber may keep this many subscriptions (each costs a run per period). */
const MAX_PER_USER = 50;

const bad = (key: MessageKey, params: Record<string, string | number>, pointer: string) =>
  keyedError('VALIDATION_FAILED', key, params, [problem(key, params, { pointer, field: pointer.slice(1) })]);

/** ISO weekday (1 Monday .. 7 Sunday) of a YYYY-MM-DD date. */
const isoWeekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

/** The first instant after `after` at `hour` (on `weekday` when weekly) in the workspace's time zone. */
export function nextRunAt(s: Pick<SubscriptionInput, 'frequency' | 'hour' | 'weekday'>, after: Date, timeZone = workspaceTimeZone()): Date {
  let day = clock(after, timeZone).today;
  for (let i = 0; i < 15; i++, day = addDays(day, 1)) {
    if (s.frequency === 'weekly' && isoWeekday(day) !== s.weekday) continue;
    const at = new Date(dayStartInstant(day, timeZone) + s.hour * 3_600_000);
    if (at > after) return at;
  }
  throw new Error('no next run within two weeks');
}

/** Check a subscription's schedule and that the caller may open its target now (404 otherwise). */
async function check(ctx: RecordContext, input: SubscriptionInput): Promise<void> {
  if (!['report', 'dashboard'].includes(input.targetKind)) throw bad('subscription.targetKind', {}, '/targetKind');
  if (!['daily', 'weekly'].includes(input.frequency)) throw bad('subscription.frequency', {}, '/frequency');
  if (!Number.isInteger(input.hour) || input.hour < 0 || input.hour > 23) throw bad('subscription.hour', {}, '/hour');
  if (input.frequency === 'weekly' && (!Number.isInteger(input.weekday) || input.weekday! < 1 || input.weekday! > 7)) throw bad('subscription.weekday', {}, '/weekday');
  if (input.targetKind === 'report') reportDefinition(ctx, input.target);
  else applyFilters(ctx, await dashboardFor(ctx, input.target), input.filters ?? {});
}

interface Row {
  id: string;
  target_kind: TargetKind;
  target: string;
  frequency: Frequency;
  hour: number;
  weekday: number | null;
  filters: DashboardFilterInput | null;
  next_run_at: unknown;
  last_run_at: unknown;
  last_status: string | null;
  last_error: string | null;
}

const COLUMNS = 'id, target_kind, target, frequency, hour, weekday, filters, next_run_at, last_run_at, last_status, last_error';

const toSubscription = (r: Row): Subscription => ({
  id: r.id,
  targetKind: r.target_kind,
  target: r.target,
  frequency: r.frequency,
  hour: r.hour,
  weekday: r.weekday,
  filters: r.filters,
  nextRunAt: isoFromPg(r.next_run_at)!,
  lastRunAt: isoFromPg(r.last_run_at),
  lastStatus: r.last_status,
  lastError: r.last_error,
});

/** The caller's subscriptions (optionally those to one report or dashboard). */
export async function listSubscriptions(ctx: RecordContext, target?: { targetKind: TargetKind; target: string }): Promise<Subscription[]> {
  const res = await dbOf(ctx).query<Row>(
    `SELECT ${COLUMNS} FROM report_subscriptions WHERE user_id = $1 AND workspace_id = $2 AND ($3::text IS NULL OR (target_kind = $3 AND target = $4)) ORDER BY created_at`,
    [ctx.user.id, ctx.workspace.id, target?.targetKind ?? null, target?.target ?? null],
  );
  return res.rows.map(toSubscription);
}

/** Subscribe the caller (or change their subscription to the same target). */
export async function saveSubscription(ctx: RecordContext, input: SubscriptionInput): Promise<Subscription> {
  await check(ctx, input);
  const weekday = input.frequency === 'weekly' ? input.weekday! : null;
  const next = nextRunAt({ ...input, weekday }, new Date());
  const db = dbOf(ctx);
  const count = await db.query<{ n: string }>('SELECT count(*) AS n FROM report_subscriptions WHERE user_id = $1 AND NOT (target_kind = $2 AND target = $3)', [
    ctx.user.id,
    input.targetKind,
    input.target,
  ]);
  if (Number(count.rows[0].n) >= MAX_PER_USER) throw bad('subscription.tooMany', { max: MAX_PER_USER }, '/target');
  const res = await db.query<Row>(
    `INSERT INTO report_subscriptions (workspace_id, user_id, target_kind, target, filters, frequency, hour, weekday, next_run_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (user_id, target_kind, target) DO UPDATE SET filters = EXCLUDED.filters, frequency = EXCLUDED.frequency, hour = EXCLUDED.hour,
       weekday = EXCLUDED.weekday, next_run_at = EXCLUDED.next_run_at, last_status = NULL, last_error = NULL
     RETURNING ${COLUMNS}`,
    [ctx.workspace.id, ctx.user.id, input.targetKind, input.target, input.filters ? JSON.stringify(input.filters) : null, input.frequency, input.hour, weekday, next.toISOString()],
  );
  return toSubscription(res.rows[0]);
}

/** Unsubscribe: only the caller's own subscription (someone else's is not found). */
export async function deleteSubscription(ctx: RecordContext, id: string): Promise<void> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const res = uuid ? await dbOf(ctx).query('DELETE FROM report_subscriptions WHERE id = $1 AND user_id = $2', [id, ctx.user.id]) : { rowCount: 0 };
  if (!res.rowCount) throw keyedError('NOT_FOUND', 'subscription.notFound', {}, [problem('subscription.notFound', {}, { pointer: '/id', field: 'id' })]);
}
