/**
 * Run a dashboard as its viewer: every report component through the report engine (the viewer's
 * access predicate and field-level security, the engine's cache) with the dashboard filters added,
 * at most three at once, each component's failure kept to itself.
 */
import { AppError, isAppError } from '../core/errors';
import { pickLabel, t, type Locale } from '../core/i18n';
import { localizeError } from '../core/problems';
import { approvalInbox } from '../approvals/read';
import type { RecordContext } from '../data/context';
import type { DashboardDefinition, DashboardReportComponent } from '../metadata/generated/dashboard';
import type { ObjectModel } from '../metadata/model';
import { reportDefinition, runReport } from '../reports/run';
import type { ReportDefinition } from '../reports/types';
import { dashboardFor, mayEdit } from './access';
import { applyFilters, componentCondition, type AppliedFilters, type DashboardFilterInput } from './filters';
import type { ComponentError, ComponentView, DashboardView } from './types';

/** Reports of one request running at once: a dashboard must not take the whole pool. */
const PARALLEL = 3;
/** Pending approvals shown on a dashboard (the inbox has the rest). */
const APPROVALS_SHOWN = 10;

/** The API's error shape for a component, in the viewer's language; unexpected errors are logged and hidden. */
export function componentError(e: unknown, locale: Locale): ComponentError {
  const err = isAppError(e) ? localizeError(e, locale) : new AppError('INTERNAL', t(locale, 'internal'));
  if (!isAppError(e)) console.error('[dashboards] component failed:', e);
  return { code: err.code, message: err.message, details: err.details.map(({ code, message, pointer, field }) => ({ code, message, pointer, field })) };
}

const isDateType = (obj: ObjectModel, field: string) => ['date', 'datetime'].includes(obj.fieldMap.get(field)?.type ?? '');

/** The field the date range filters: the component's, else the report's first date grouping, else close_date, else created_at. */
export function dateFieldOf(c: DashboardReportComponent, report: ReportDefinition, obj: ObjectModel | undefined): string {
  if (c.dateField) return c.dateField;
  const grouped = [...(report.groupings ?? []), ...(report.columnGroupings ?? [])].find((g) => obj && !g.field.includes('.') && isDateType(obj, g.field));
  if (grouped) return grouped.field;
  return obj && isDateType(obj, 'close_date') ? 'close_date' : 'created_at';
}

/** Run `tasks` with at most `limit` at once, keeping their order. */
async function bounded<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return out;
}

/** The components in display order (`order`, then as listed). */
function ordered(def: DashboardDefinition) {
  return def.components.map((c, i) => ({ c, i })).sort((a, b) => (a.c.order ?? a.i * 10) - (b.c.order ?? b.i * 10) || a.i - b.i);
}

async function runReportComponent(
  ctx: RecordContext,
  c: DashboardReportComponent,
  applied: AppliedFilters,
  base: { id: string; width: number; height: number; order: number },
): Promise<ComponentView> {
  const view: ComponentView = { ...base, type: 'report', report: c.report, title: c.title ? pickLabel(c.title, ctx.locale) : c.report };
  try {
    const report = await reportDefinition(ctx, c.report);
    const obj = ctx.meta.objects.get(report.object);
    const label = (report as { label?: { en: string; zh?: string } }).label;
    view.title = pickLabel(c.title ?? (label ? { en: label.en, zh: label.zh ?? '' } : undefined), ctx.locale) || c.report;
    view.object = report.object;
    view.chart = c.chart ? { ...report.chart, ...c.chart } : report.chart;
    const dateField = applied.date !== null ? dateFieldOf(c, report, obj) : undefined;
    if (dateField) view.dateField = dateField;
    const filter = componentCondition(ctx, applied, dateField ? { field: dateField, type: obj?.fieldMap.get(dateField)?.type ?? 'date' } : undefined);
    if (filter !== undefined) view.filter = filter;
    view.result = await runReport(ctx, report, filter !== undefined ? { extraFilter: filter } : undefined);
  } catch (e) {
    view.error = componentError(e, ctx.locale);
  }
  return view;
}

/** Run the dashboard `name` as the viewer with their filters (absent ones take the dashboard's defaults). */
export async function runDashboard(ctx: RecordContext, name: string, input?: DashboardFilterInput, preloaded?: DashboardDefinition): Promise<DashboardView> {
  const def = preloaded ?? (await dashboardFor(ctx, name));
  const applied = applyFilters(ctx, def, input);
  const tasks = ordered(def).map(({ c, i }) => {
    const base = { id: c.id, width: c.width ?? 2, height: c.height ?? 2, order: c.order ?? i * 10 };
    if (c.type === 'approvals') {
      return async (): Promise<ComponentView> => {
        const title = c.title ? pickLabel(c.title, ctx.locale) : t(ctx.locale, 'dashboard.componentTitle.approvals');
        try {
          const inbox = await approvalInbox(ctx, { limit: APPROVALS_SHOWN });
          return { ...base, type: 'approvals', title, approvals: { items: inbox.items, total: inbox.total } };
        } catch (e) {
          return { ...base, type: 'approvals', title, error: componentError(e, ctx.locale) };
        }
      };
    }
    return () => runReportComponent(ctx, c, applied, base);
  });
  // Inside a caller's transaction every query shares its one connection: run one at a time.
  const components = await bounded(tasks, ctx.tx ? 1 : PARALLEL);
  return {
    dashboard: def,
    label: pickLabel(def.label, ctx.locale),
    description: def.description ? pickLabel(def.description, ctx.locale) : '',
    filters: applied,
    canEdit: mayEdit(ctx, def),
    components,
    ranAt: new Date().toISOString(),
  };
}
