/**
 * A report as a file: CSV (UTF-8 with a byte-order mark, so Excel reads Chinese) or XLSX, both
 * streamed. Tabular reports (and reports with detail columns) give every detail row, read through a
 * cursor, never capped; summary and matrix reports give the grouped table (one line per group of
 * every level, then the total), with up to EXPORT_GROUP_CAP groups, more refused rather than cut.
 * Labels and values are in the viewer's language; fields they may not read are refused as in a run.
 */
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../core/errors';
import { pickLabel, t } from '../core/i18n';
import type { RecordContext } from '../data/context';
import { pathType } from './paths';
import { planReport, runReport, streamReportRows } from './run';
import type { ReportDefinition, ReportGroup, ReportResult } from './types';

/** Group rows a grouped export may hold; above this it is refused (422) instead of being cut short. */
export const EXPORT_GROUP_CAP = 100_000;

export interface ExportTable {
  header: string[];
  rows: AsyncIterable<unknown[]>;
}

/** The table a report exports, as the caller may see it. */
export async function reportTable(ctx: RecordContext, def: ReportDefinition, extraFilter?: unknown): Promise<ExportTable> {
  const { plan } = planReport(ctx, def, { extraFilter });
  if (def.format === 'tabular' || plan.columns.length) {
    const header: string[] = [];
    const keys: string[] = [];
    for (const p of plan.columns) {
      header.push(pickLabel(p.label, ctx.locale));
      keys.push(p.path);
      if (pathType(p) === 'currency') {
        header.push(`${pickLabel(p.label, ctx.locale)} (${t(ctx.locale, 'report.currency')})`);
        keys.push(`${p.path}$currency`);
      }
    }
    const source = streamReportRows(ctx, def, { extraFilter });
    return {
      header,
      rows: (async function* () {
        for await (const r of source) yield keys.map((k) => r[k] ?? null);
      })(),
    };
  }
  const result = await runReport(ctx, def, { extraFilter, groupCap: EXPORT_GROUP_CAP });
  if (result.truncated)
    throw new AppError('VALIDATION_FAILED', t(ctx.locale, 'report.export.tooMany', { max: EXPORT_GROUP_CAP }), [
      { code: 'report.export.tooMany', message: t(ctx.locale, 'report.export.tooMany', { max: EXPORT_GROUP_CAP }) },
    ]);
  return groupedTable(
    ctx,
    plan.groupings.map((g) => pickLabel(g.path.label, ctx.locale)),
    result,
  );
}

/** Summary: one line per group (its labels down to its level, blanks below) with its figures; matrix: one line per row group with each column group's figures. */
function groupedTable(ctx: RecordContext, groupingLabels: string[], result: ReportResult): ExportTable {
  const measures = result.columns.filter((c) => c.type === 'aggregate' || c.type === 'formula');
  const total = t(ctx.locale, 'report.total');
  const lines: unknown[][] = [];
  const blank = (n: number) => Array<string>(Math.max(0, n)).fill('');
  if (result.format === 'matrix') {
    const leaves: { path: string[]; keys: unknown[] }[] = [];
    const walk = (gs: ReportGroup[], path: string[], keys: unknown[]) =>
      gs.forEach((g) => (g.groups?.length ? walk(g.groups, [...path, g.label], [...keys, g.key]) : leaves.push({ path: [...path, g.label], keys: [...keys, g.key] })));
    walk(result.columnTotals ?? [], [], []);
    const header = [...groupingLabels, ...leaves.flatMap((l) => measures.map((m) => `${l.path.join(' / ')} · ${m.label}`)), ...measures.map((m) => `${total} · ${m.label}`)];
    const cellOf = (cells: ReportGroup[] | undefined, keys: unknown[]): ReportGroup | undefined => {
      let at: ReportGroup | undefined;
      let list = cells;
      for (const k of keys) {
        at = list?.find((c) => c.key === k);
        list = at?.groups;
      }
      return at;
    };
    const rows = (gs: ReportGroup[], path: string[]) => {
      for (const g of gs) {
        const labels = [...path, g.label];
        lines.push([
          ...labels,
          ...blank(groupingLabels.length - labels.length),
          ...leaves.flatMap((l) => measures.map((m) => cellOf(g.cells, l.keys)?.aggregates[m.key] ?? null)),
          ...measures.map((m) => g.aggregates[m.key] ?? null),
        ]);
        if (g.groups && g.groups !== g.cells) rows(g.groups, labels);
      }
    };
    rows(result.groups, []);
    lines.push([
      total,
      ...blank(groupingLabels.length - 1),
      ...leaves.flatMap((l) => measures.map((m) => cellOf(result.columnTotals, l.keys)?.aggregates[m.key] ?? null)),
      ...measures.map((m) => result.totals[m.key] ?? null),
    ]);
    return { header, rows: fromArray(lines) };
  }
  const rows = (gs: ReportGroup[], path: string[]) => {
    for (const g of gs) {
      const labels = [...path, g.label];
      lines.push([...labels, ...blank(groupingLabels.length - labels.length), ...measures.map((m) => g.aggregates[m.key] ?? null)]);
      if (g.groups) rows(g.groups, labels);
    }
  };
  rows(result.groups, []);
  lines.push([total, ...blank(groupingLabels.length - 1), ...measures.map((m) => result.totals[m.key] ?? null)]);
  return { header: [...groupingLabels, ...measures.map((m) => m.label)], rows: fromArray(lines) };
}

async function* fromArray(lines: unknown[][]): AsyncIterable<unknown[]> {
  yield* lines;
}

/** CSV text, streamed: the byte-order mark, the header, then the rows as they are read. */
export function csvStream(table: ExportTable): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  async function* lines() {
    yield encoder.encode(`\uFEFF${stringify([table.header])}`);
    let batch: unknown[][] = [];
    for await (const row of table.rows) {
      batch.push(row.map((v) => (v === null || v === undefined ? '' : v)));
      if (batch.length >= 500) {
        yield encoder.encode(stringify(batch));
        batch = [];
      }
    }
    if (batch.length) yield encoder.encode(stringify(batch));
  }
  return Readable.toWeb(Readable.from(lines())) as unknown as ReadableStream<Uint8Array>;
}

/** An XLSX workbook of one sheet, written row by row by exceljs's streaming writer. */
export function xlsxStream(table: ExportTable, sheetName: string): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  // Sheet names may not hold []:*?/\ and are at most 31 characters.
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Report');
  (async () => {
    sheet.addRow(table.header).commit();
    for await (const row of table.rows) sheet.addRow(row.map((v) => (v === null || v === undefined ? null : v))).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}
