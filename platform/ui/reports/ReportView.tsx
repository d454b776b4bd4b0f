'use client';
/**
 * A report result as tables: summary (nested groups with subtotals, collapsible), matrix (rows ×
 * columns with totals, sticky headers, scrolling sideways on a phone) or tabular rows; the record
 * count and when it was computed; a banner when anything was left out, with the export links;
 * picklist values no bucket places. Every group and cell links to the records behind it.
 */
import { Alert, Empty, Segmented, Space, Table, Typography } from 'antd';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { ReportDefinition, ReportResult } from '../../reports/types';
import { useT } from '../i18n';
import { formatCell } from './cellFormat';
import { measureLabel } from './chartOption';
import { drillHref } from './drill';
import { measureFormat, type FieldTypeInfo, type MeasureFormat } from './measureFormat';
import { matrixTable, measureKeys, summaryRows, type SummaryRow } from './reportTables';
import styles from './reports.module.css';

export interface ReportViewProps {
  definition: ReportDefinition;
  result: ReportResult;
  /** A saved report's name: the export links need it. */
  name?: string;
  /** Whether the viewer holds the export right: the banner offers the export links only then, else says how to see everything. */
  exportable?: boolean;
  fields?: Record<string, FieldTypeInfo>;
}

/** The export address of a saved report. */
export function exportHref(name: string, format: 'csv' | 'xlsx'): string {
  return `/api/v1/reports/${encodeURIComponent(name)}/export?format=${format}`;
}

/** CSV and Excel links of a saved report. */
export function ExportLinks({ name }: { name: string }) {
  const { tr } = useT();
  return (
    <Space size="middle" wrap>
      <a href={exportHref(name, 'csv')} download>
        {tr('rui.exportCsv')}
      </a>
      <a href={exportHref(name, 'xlsx')} download>
        {tr('rui.exportXlsx')}
      </a>
    </Space>
  );
}

function DrillLink({ object, drill, label, children }: { object: string; drill: unknown; label: string; children: React.ReactNode }) {
  const { tr } = useT();
  const href = drillHref(object, drill);
  if (!href) return <>{children}</>;
  return (
    <Link href={href} className={styles.drill} aria-label={`${tr('rui.drillHint', { label })}: ${typeof children === 'string' ? children : ''}`.replace(/: $/, '')}>
      {children}
    </Link>
  );
}

/** The groupings' names, "Owner / Close date", from the field list when the screen has it. */
function groupingsTitle(groupings: ReportDefinition['groupings'], result: ReportResult, fields?: Record<string, FieldTypeInfo>): string {
  return (groupings ?? []).map((g) => fields?.[g.field]?.label ?? result.columns.find((c) => c.key === g.field)?.label ?? g.field).join(' / ');
}

/** Rows below which a summary opens with every group expanded. */
const EXPAND_ALL_UP_TO = 40;

function countRows(rows: SummaryRow[]): number {
  return rows.reduce((n, r) => n + 1 + (r.children ? countRows(r.children) : 0), 0);
}

type TableProps = { definition: ReportDefinition; result: ReportResult; format: MeasureFormat; measures: string[]; fields?: Record<string, FieldTypeInfo> };

function SummaryTable({ definition, result, format, measures, fields }: TableProps) {
  const { tr, locale } = useT();
  const rows = useMemo(() => summaryRows(result.groups), [result.groups]);
  const groupLabel = groupingsTitle(definition.groupings, result, fields);
  const columns = [
    {
      title: groupLabel || tr('rui.group'),
      key: 'label',
      render: (_: unknown, r: SummaryRow) => (
        <DrillLink object={result.object} drill={r.drill} label={r.label}>
          {r.label}
        </DrillLink>
      ),
    },
    ...measures.map((m) => ({
      title: measureLabel(definition, result, m, locale),
      key: m,
      align: 'right' as const,
      className: styles.num,
      render: (_: unknown, r: SummaryRow) => format.full(m, r.aggregates[m]),
    })),
  ];
  return (
    <Table<SummaryRow>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      expandable={{ defaultExpandAllRows: countRows(rows) <= EXPAND_ALL_UP_TO }}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{tr('rui.grandTotal')}</strong>
            </Table.Summary.Cell>
            {measures.map((m, i) => (
              <Table.Summary.Cell key={m} index={i + 1} align="right" className={styles.num}>
                <strong>{format.full(m, result.totals[m])}</strong>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}

function MatrixGrid({ definition, result, format, measures, fields }: TableProps) {
  const { tr, locale } = useT();
  const [measure, setMeasure] = useState(measures[0]);
  const m = measures.includes(measure) ? measure : measures[0];
  const grid = useMemo(() => matrixTable(definition, result, m), [definition, result, m]);
  const rowHead = groupingsTitle(definition.groupings, result, fields);
  const colHead = groupingsTitle(definition.columnGroupings, result, fields);
  const mLabel = measureLabel(definition, result, m, locale);
  return (
    <>
      {measures.length > 1 && (
        <Segmented
          aria-label={tr('rui.builder.measure')}
          value={m}
          onChange={(v) => setMeasure(String(v))}
          options={measures.map((k) => ({ value: k, label: measureLabel(definition, result, k, locale) }))}
          style={{ marginBottom: 8 }}
        />
      )}
      <div className={styles.tableScroll} tabIndex={0} role="region" aria-label={mLabel}>
        <table className={styles.matrix}>
          <caption className="sr-only">{mLabel}</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={grid.groups ? 2 : 1}>
                {colHead ? `${rowHead} × ${colHead}` : rowHead}
              </th>
              {grid.groups
                ? grid.groups.map((g) => (
                    <th key={g.key} scope="colgroup" colSpan={g.span} className={styles.groupHead}>
                      {g.label}
                    </th>
                  ))
                : grid.columns.map((c) => (
                    <th key={c.key} scope="col">
                      {c.label}
                    </th>
                  ))}
              <th scope="col" rowSpan={grid.groups ? 2 : 1}>
                {tr('rui.total')}
              </th>
            </tr>
            {grid.groups && (
              <tr>
                {grid.columns.map((c) => (
                  <th key={c.key} scope="col" className={c.subtotal ? styles.subtotal : undefined}>
                    {c.subtotal ? tr('rui.subtotal', { label: c.short }) : c.short}
                  </th>
                ))}
              </tr>
            )}
          </thead>
          <tbody>
            {grid.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" style={r.depth ? { paddingLeft: 10 + 16 * r.depth, fontWeight: 400 } : undefined}>
                  <DrillLink object={result.object} drill={r.drill} label={r.label}>
                    {r.label}
                  </DrillLink>
                </th>
                {r.cells.map((c, i) => (
                  <td key={grid.columns[i].key} className={grid.columns[i].subtotal ? styles.subtotal : undefined}>
                    {c.value === null ? (
                      ''
                    ) : (
                      <DrillLink object={result.object} drill={c.drill} label={`${r.label}, ${grid.columns[i].label}`}>
                        {format.full(m, c.value)}
                      </DrillLink>
                    )}
                  </td>
                ))}
                <td className={styles.total}>{format.full(m, r.total)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{tr('rui.grandTotal')}</th>
              {grid.columnTotals.map((v, i) => (
                <td key={grid.columns[i].key} className={grid.columns[i].subtotal ? styles.subtotal : undefined}>
                  {format.full(m, v)}
                </td>
              ))}
              <td>{format.full(m, grid.grandTotal)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}

function DetailRows({ result, fields }: { result: ReportResult; fields?: Record<string, FieldTypeInfo> }) {
  const { locale } = useT();
  const columns = result.columns
    .filter((c) => c.type !== 'aggregate' && c.type !== 'formula' && !c.aggregate)
    .map((c, i) => ({
      title: c.label,
      key: c.key,
      render: (_: unknown, row: Record<string, unknown>) => {
        const text = formatCell(c, row, locale, fields?.[c.key]);
        // The first column opens the record, as a list's name column does.
        return i === 0 && typeof row.$id === 'string' ? <Link href={`/o/${result.object}/${row.$id}`}>{text || row.$id}</Link> : text;
      },
    }));
  return (
    <Table
      size="small"
      rowKey={(r) => String(r.$id ?? JSON.stringify(r))}
      columns={columns}
      dataSource={result.rows}
      pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
    />
  );
}

/** The tables of a report result with its count, freshness, truncation banner and export links. */
export function ReportView({ definition, result, name, exportable = false, fields }: ReportViewProps) {
  const { tr, locale } = useT();
  const format = useMemo(() => measureFormat(definition, result, locale, fields), [definition, result, locale, fields]);
  const measures = measureKeys(definition, result);
  // Only a saved report exports, and only for a viewer with the export right (reps lack it).
  const canExport = Boolean(name && exportable);
  const number = (n: number) => new Intl.NumberFormat(locale).format(n);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(result.computedAt));
  return (
    <div>
      <Space wrap size="middle" className={styles.meta} style={{ marginBottom: 8 }}>
        <span data-testid="report-count">{tr('rui.records', { count: number(result.rowCount) })}</span>
        <span>{tr('rui.asOf', { time })}</span>
      </Space>
      {result.truncated && (
        <Alert
          type="warning"
          showIcon
          role="status"
          style={{ marginBottom: 12 }}
          title={
            result.truncatedReason === 'groups'
              ? tr(canExport ? 'rui.truncatedGroups' : 'rui.truncatedGroupsNarrow', { total: number(result.rowCount) })
              : tr(canExport ? 'rui.truncatedRows' : 'rui.truncatedRowsNarrow', { shown: number(result.rows.length), total: number(result.rowCount) })
          }
          action={canExport && name ? <ExportLinks name={name} /> : undefined}
        />
      )}
      {(result.topGroups ?? []).map((g) => (
        <Alert
          key={g.field}
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={tr('rui.topGroups', {
            field: fields?.[g.field]?.label ?? result.columns.find((c) => c.key === g.field)?.label ?? g.field,
            shown: number(g.shown),
            total: number(g.total),
          })}
        />
      ))}
      {(result.unbucketed ?? []).map((u) => (
        <Alert
          key={u.field}
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={tr('rui.unbucketed', { field: result.columns.find((c) => c.key === u.field)?.label ?? u.field, values: u.values.join(', ') })}
        />
      ))}
      {result.groups.length === 0 && result.rows.length === 0 && <Empty description={tr('rui.empty')} />}
      {definition.format === 'summary' && result.groups.length > 0 && <SummaryTable definition={definition} result={result} format={format} measures={measures} fields={fields} />}
      {definition.format === 'matrix' && result.groups.length > 0 && <MatrixGrid definition={definition} result={result} format={format} measures={measures} fields={fields} />}
      {result.rows.length > 0 && (
        <>
          {definition.format !== 'tabular' && (
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {tr('rui.detailRows')}
            </Typography.Title>
          )}
          <DetailRows result={result} fields={fields} />
        </>
      )}
    </div>
  );
}
