/** REST for reports: the visible reports, running a definition or a saved report, and export as CSV or XLSX (streamed). */
import { AppError } from '../../core/errors';
import { pickLabel, t } from '../../core/i18n';
import { parseJsonOrThrow } from '../../core/json';
import type { RecordContext } from '../../data/context';
import { csvStream, reportTable, xlsxStream } from '../../reports/export';
import { runReport } from '../../reports/run';
import { reportDefinition } from '../../reports/saved';
import { listReports } from '../../reports/service';
import type { ReportDefinition } from '../../reports/types';
import { json, readJsonObject } from './handler';

type NameParams = { name: string };

/** `?filter=` as a condition (400 naming /filter when it is not JSON). */
function queryFilter(req: Request, ctx: RecordContext): unknown {
  const raw = new URL(req.url).searchParams.get('filter');
  return raw ? parseJsonOrThrow(raw, ctx.locale, { code: 'INVALID_FILTER', at: '/filter', syntaxKey: 'filter.malformed' }) : undefined;
}

/** `?rowLimit=` (digits only; the engine checks the range). */
function queryRowLimit(req: Request): number | undefined {
  const raw = new URL(req.url).searchParams.get('rowLimit');
  return raw !== null && /^\d{1,6}$/.test(raw) ? Number(raw) : raw === null ? undefined : -1;
}

/** GET /reports: the reports the caller may see. */
export async function listReportsHandler(_req: Request, ctx: RecordContext) {
  return json({ reports: listReports(ctx) });
}

/** POST /reports/run: a report definition in the body, run as the caller. */
export async function runDefinitionHandler(req: Request, ctx: RecordContext) {
  const body = await readJsonObject(req, ctx.locale);
  return json(await runReport(ctx, body as unknown as ReportDefinition));
}

/** GET /reports/{name}: a saved report's document. */
export async function getReportHandler(_req: Request, ctx: RecordContext, p: NameParams) {
  return json({ report: reportDefinition(ctx, p.name) });
}

/** GET /reports/{name}/run?filter=&rowLimit=: a saved report, with extra conditions. */
export async function runSavedHandler(req: Request, ctx: RecordContext, p: NameParams) {
  const def = reportDefinition(ctx, p.name);
  return json(await runReport(ctx, def, { extraFilter: queryFilter(req, ctx), rowLimit: queryRowLimit(req) }));
}

/** GET /reports/{name}/export?format=csv|xlsx&filter=: every row (or the grouped table), streamed; needs the export right. */
export async function exportHandler(req: Request, ctx: RecordContext, p: NameParams) {
  const format = new URL(req.url).searchParams.get('format') ?? 'csv';
  const def = reportDefinition(ctx, p.name);
  if (format !== 'csv' && format !== 'xlsx') {
    const message = t(ctx.locale, 'report.export.format');
    throw new AppError('BAD_REQUEST', message, [{ code: 'report.export.format', pointer: '/format', message }]);
  }
  if (!ctx.security.perms.system.exportData) {
    const message = t(ctx.locale, 'report.export.forbidden');
    throw new AppError('FORBIDDEN', message, [{ code: 'right.exportData', message }]);
  }
  const table = await reportTable(ctx, def, queryFilter(req, ctx));
  const label = pickLabel(def.label, ctx.locale);
  const disposition = `attachment; filename="${def.name}.${format}"; filename*=UTF-8''${encodeURIComponent(`${label}.${format}`)}`;
  const headers = { 'content-disposition': disposition, 'cache-control': 'no-store' };
  if (format === 'csv') return new Response(csvStream(table), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
  return new Response(xlsxStream(table, label), { headers: { ...headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
}
