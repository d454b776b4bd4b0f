/**
 * Dashboards (`dashboard:workspace.<name>`, metadata/dashboards, schema dashboard.schema.json): a
 * grid of components, each a saved report (kind `report`) with its chart, or the viewer's pending
 * approvals, and the filters a viewer may apply to all of them. Like apps, dashboards hang on the
 * workspace. The runtime (platform/dashboards) reads them from `meta.documents.get('dashboard')`.
 */
import dashboardSchema from '../../../metadata/schema/dashboard.schema.json' with { type: 'json' };
import { documentNamed, removeDocument, saveDocument } from '../documents';
import type { DashboardDefinition, DashboardReportComponent } from '../generated/dashboard';
import type { BuildContext, DocumentKind, KindDoc } from './types';

/** The object every dashboard document names. */
export const DASHBOARD_OWNER = 'workspace';

/** What a dashboard needs of a saved report (the `report` kind's document). */
interface ReportDoc {
  object: string;
  name: string;
  groupings?: { field: string }[];
  aggregates?: { fn: string; field?: string; name?: string }[];
  formulas?: { name: string }[];
}

/** Saved reports by name (names are unique per workspace); undefined while no `report` kind is registered. */
function reportsByName(ctx: BuildContext): Map<string, ReportDoc> | undefined {
  const built = ctx.built.get('report');
  if (!built) return undefined;
  const out = new Map<string, ReportDoc>();
  for (const docs of built.values()) for (const d of docs as ReportDoc[]) out.set(d.name, d);
  return out;
}

/** The names a chart may measure: each aggregate's name (default `fn_field`, or `count`) and each formula's. */
export function measuresOf(report: ReportDoc): string[] {
  const aggregates = (report.aggregates ?? []).map((a) => a.name ?? (a.field ? `${a.fn}_${a.field}` : a.fn));
  return [...aggregates, ...(report.formulas ?? []).map((f) => f.name)];
}

function checkReportComponent(c: DashboardReportComponent, at: string, file: string, ctx: BuildContext, reports: Map<string, ReportDoc> | undefined): void {
  if (!reports) return;
  const report = reports.get(c.report);
  if (!report) return ctx.err(file, `${at}/report`, 'dashboard.report', { report: c.report });
  const obj = ctx.objects.get(report.object);
  if (!obj) return;
  if (c.dateField) {
    const f = obj.fieldMap.get(c.dateField);
    if (!f || (f.type !== 'date' && f.type !== 'datetime')) ctx.err(file, `${at}/dateField`, 'dashboard.dateField', { field: c.dateField, object: report.object });
  }
  const measures = measuresOf(report);
  if (c.chart?.measure && measures.length && !measures.includes(c.chart.measure)) {
    ctx.err(file, `${at}/chart/measure`, 'dashboard.measure', { measure: c.chart.measure, report: c.report });
  }
}

function build(docs: KindDoc<DashboardDefinition>[], ctx: BuildContext): Map<string, DashboardDefinition[]> {
  const reports = reportsByName(ctx);
  const kept: DashboardDefinition[] = [];
  for (const { file, def } of docs) {
    if (kept.some((d) => d.name === def.name)) ctx.err(file, '/name', 'dashboard.duplicate', { name: def.name });
    const ids = new Set<string>();
    def.components.forEach((c, i) => {
      const at = `/components/${i}`;
      if (ids.has(c.id)) ctx.err(file, `${at}/id`, 'dashboard.componentTwice', { id: c.id });
      ids.add(c.id);
      if (c.type !== 'approvals') checkReportComponent(c, at, file, ctx, reports);
    });
    const offered = new Set<string>();
    (def.filters ?? []).forEach((f, i) => {
      if (offered.has(f.type)) ctx.err(file, `/filters/${i}/type`, 'dashboard.filterTwice', { filter: f.type });
      offered.add(f.type);
      if (f.default !== undefined && f.type !== 'date') ctx.err(file, `/filters/${i}/default`, 'dashboard.filterDefault', {});
    });
    kept.push(def);
  }
  kept.sort((a, b) => a.name.localeCompare(b.name));
  return new Map(kept.length ? [[DASHBOARD_OWNER, kept]] : []);
}

export const dashboardKind: DocumentKind<DashboardDefinition> = {
  name: 'dashboard',
  folder: 'dashboards',
  schemaName: 'dashboard',
  schema: dashboardSchema,
  label: { en: 'dashboard', zh: '仪表板' },
  key: (d) => `dashboard:${DASHBOARD_OWNER}.${d.name}`,
  // After reports (whose names the components use).
  buildOrder: 95,
  build,
  verbs: {
    save: (actor, dashboard, mode) => saveDocument(actor, dashboardKind.key(dashboard), dashboard, `Saved dashboard ${dashboard.name}`, mode, undefined, { workspaceLevel: true }),
    remove: (actor, object, name) => removeDocument(actor, `dashboard:${object}.${name}`, `Deleted dashboard ${name}`, documentNamed(dashboardKind.label, object, name)),
  },
};
