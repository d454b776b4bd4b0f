/**
 * REST for dashboards: `GET /api/v1/dashboards` (the dashboards the caller may open, and which is
 * their home) and `GET /api/v1/dashboards/{name}` (a run as the caller with each component's
 * result or error). Filters are query parameters: `period` (or `date`: a period, or `all` for no
 * date range), `from`/`to` (YYYY-MM-DD), `owner` (a user id or `$me`), `department`, `role`.
 * Subscriptions: `GET`/`POST /api/v1/subscriptions`, `DELETE /api/v1/subscriptions/{id}`.
 */
import { AppError } from '../../core/errors';
import { t } from '../../core/i18n';
import type { RecordContext } from '../../data/context';
import { mayEdit, visibleDashboards } from '../../dashboards/access';
import type { DashboardFilterInput } from '../../dashboards/filters';
import { homeDashboard } from '../../dashboards/home';
import { runDashboard } from '../../dashboards/run';
import { deleteSubscription, listSubscriptions, saveSubscription, type SubscriptionInput } from '../../dashboards/subscriptions';
import { json, readJsonObject } from './handler';

const PARAMS = new Set(['period', 'date', 'from', 'to', 'owner', 'department', 'role']);

/** The filters a query string asks for; an unknown parameter is a 400 naming it. */
export function filtersFromQuery(q: URLSearchParams, ctx: RecordContext): DashboardFilterInput {
  for (const key of q.keys()) {
    if (!PARAMS.has(key)) {
      const message = t(ctx.locale, 'dashboard.badFilter', { filter: key });
      throw new AppError('BAD_REQUEST', message, [{ code: 'dashboard.badFilter', pointer: `/query/${key}`, field: key, message }]);
    }
  }
  const out: DashboardFilterInput = {};
  const date = q.get('date') ?? q.get('period');
  if (date !== null) out.date = date === 'all' || date === '' ? null : date;
  if (q.has('from') || q.has('to')) out.date = { from: q.get('from') || null, to: q.get('to') || null };
  for (const key of ['owner', 'department', 'role'] as const) if (q.has(key)) out[key] = q.get(key) || null;
  return out;
}

export async function listDashboardsHandler(_req: Request, ctx: RecordContext) {
  const [list, home] = await Promise.all([visibleDashboards(ctx), homeDashboard(ctx)]);
  return json({
    dashboards: list.map((d) => ({
      name: d.name,
      label: d.label,
      ...(d.description ? { description: d.description } : {}),
      ...(d.folder ? { folder: d.folder } : {}),
      visibility: d.visibility ?? 'public',
      canEdit: mayEdit(ctx, d),
      components: d.components.length,
    })),
    home: home?.name ?? null,
  });
}

export async function getDashboardHandler(req: Request, ctx: RecordContext, p: { name: string }) {
  const filters = filtersFromQuery(new URL(req.url).searchParams, ctx);
  return json(await runDashboard(ctx, p.name, filters));
}

/** `GET /api/v1/subscriptions`: the caller's subscriptions. */
export async function listSubscriptionsHandler(_req: Request, ctx: RecordContext) {
  return json({ subscriptions: await listSubscriptions(ctx) });
}

/** `POST /api/v1/subscriptions`: subscribe (or change the subscription to the same report or dashboard). */
export async function saveSubscriptionHandler(req: Request, ctx: RecordContext) {
  const body = await readJsonObject(req, ctx.locale);
  const input = {
    targetKind: body.targetKind,
    target: body.target,
    frequency: body.frequency,
    hour: body.hour,
    weekday: body.weekday ?? null,
    filters: body.filters ?? null,
  } as SubscriptionInput;
  if (typeof input.target !== 'string' || !/^[a-z][a-z0-9_]{0,62}$/.test(input.target)) {
    const message = t(ctx.locale, 'subscription.targetKind');
    throw new AppError('VALIDATION_FAILED', message, [{ code: 'subscription.targetKind', pointer: '/target', field: 'target', message }]);
  }
  if (input.filters !== null && (typeof input.filters !== 'object' || Array.isArray(input.filters))) {
    const message = t(ctx.locale, 'dashboard.badFilter', { filter: 'filters' });
    throw new AppError('VALIDATION_FAILED', message, [{ code: 'dashboard.badFilter', pointer: '/filters', field: 'filters', message }]);
  }
  return json(await saveSubscription(ctx, input), 201);
}

/** `DELETE /api/v1/subscriptions/{id}`: unsubscribe. */
export async function deleteSubscriptionHandler(_req: Request, ctx: RecordContext, p: { id: string }) {
  await deleteSubscription(ctx, p.id);
  return new Response(null, { status: 204 });
}
