/**
 * REST for dashboards: `GET /api/v1/dashboards` (the dashboards the caller may open, and which is
 * their home) and `GET /api/v1/dashboards/{name}` (a run as the caller with each component's
 * result or error). Filters are query parameters: `period` (or `date`: a period, or `all` for no
 * date range), `from`/`to` (YYYY-MM-DD), `owner` (a user id or `$me`), `department`, `role`.
 */
import { AppError } from '../../core/errors';
import { t } from '../../core/i18n';
import type { RecordContext } from '../../data/context';
import { mayEdit, visibleDashboards } from '../../dashboards/access';
import type { DashboardFilterInput } from '../../dashboards/filters';
import { homeDashboard } from '../../dashboards/home';
import { runDashboard } from '../../dashboards/run';
import { json } from './handler';

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
