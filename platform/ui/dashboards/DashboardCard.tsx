'use client';
/**
 * One dashboard component: its title, its chart (a click drills down to the records behind it,
 * with the dashboard filters), a link to its report, or why it shows nothing; or the viewer's
 * pending approvals.
 */
import { Alert, Card, Empty, Typography } from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import type { ReportDefinition } from '../../reports/types';
import { useT } from '../i18n';
import { useReportFields, useSavedReport } from '../reports/api';
import { fieldTypesOf } from '../reports/fieldTypes';
import { ReportChart } from '../reports/ReportChart';
import { ReportView } from '../reports/ReportView';
import styles from './dashboards.module.css';
import { drillHref } from './filters';
import type { ApprovalsComponentView, ComponentView, ReportComponentView } from './types';

/** Rows of about 160 px, less the card's title bar. */
export function chartHeight(rows: number | undefined): number {
  return Math.max(160, (rows ?? 2) * 160 - 64);
}

export function DashboardCard({ run }: { run: ComponentView }) {
  const headingId = `dash-card-${run.id}`;
  return (
    <Card
      size="small"
      role="region"
      aria-labelledby={headingId}
      style={{ height: '100%' }}
      title={
        <Typography.Title level={2} id={headingId} className={styles.cardTitle} style={{ fontSize: 15, margin: 0 }}>
          {run.title}
        </Typography.Title>
      }
      extra={run.type === 'approvals' ? <ApprovalsLink /> : <ReportLink run={run} />}
    >
      <DashboardCardBody run={run} />
    </Card>
  );
}

/** A component's figure, its approvals, or why it has none (the editor shows it smaller, `height`). */
export function DashboardCardBody({ run, height }: { run: ComponentView; height?: number }) {
  return (
    <div className={styles.chartBox}>
      {run.error ? (
        <ErrorState message={run.error.message} />
      ) : run.type === 'approvals' ? (
        <Approvals run={run} />
      ) : (
        <ReportFigure run={run} height={height ?? chartHeight(run.height)} />
      )}
    </div>
  );
}

function ReportLink({ run }: { run: ReportComponentView }) {
  const { tr } = useT();
  return (
    <Link href={`/reports/${encodeURIComponent(run.report)}`} aria-label={tr('dashui.viewReportOf', { title: run.title })}>
      {tr('dashui.viewReport')}
    </Link>
  );
}

function ApprovalsLink() {
  const { tr } = useT();
  return <Link href="/approvals">{tr('dashui.allApprovals')}</Link>;
}

function ErrorState({ message }: { message: string }) {
  const { tr } = useT();
  return <Alert type="warning" showIcon title={tr('dashui.error')} description={message} />;
}

function ReportFigure({ run, height }: { run: ReportComponentView; height: number }) {
  const { tr } = useT();
  const router = useRouter();
  const result = run.result;
  const object = run.object ?? result?.object;
  // The saved definition labels and formats the figures (a formula's percent); the field types give amounts their currency.
  const saved = useSavedReport(result ? run.report : undefined);
  const fieldsQuery = useReportFields(result ? object : undefined);
  const fields = useMemo(() => fieldTypesOf(fieldsQuery.data), [fieldsQuery.data]);
  if (!result || !object) return null;
  if (result.rowCount === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('dashui.empty')} />;
  if (saved.isLoading || fieldsQuery.isLoading) return <div style={{ height }} aria-busy />;
  const definition: ReportDefinition = saved.data ?? { object, format: result.format };
  // A table is the figure of a list of deals: the report's own rows, scrolling inside the card.
  if ((run.chart ?? definition.chart)?.type === 'table' || result.format === 'tabular')
    return (
      <div className={styles.tableBox} style={{ maxHeight: height }}>
        <ReportView definition={definition} result={result} fields={fields} />
      </div>
    );
  return (
    <>
      <ReportChart
        definition={saved.data}
        chart={run.chart}
        result={result}
        fields={fields}
        height={height}
        emptyState={false}
        onDrill={(point) => {
          const href = drillHref(object, point.drill, run.filter);
          if (href) router.push(href);
        }}
      />
      {result.truncated ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tr('dashui.truncated')}
        </Typography.Text>
      ) : null}
    </>
  );
}

function Approvals({ run }: { run: ApprovalsComponentView }) {
  const { tr, label } = useT();
  const items = run.approvals?.items ?? [];
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('dashui.noApprovals')} />;
  return (
    <>
      <ul className={styles.approvals}>
        {items.slice(0, 8).map((item) => (
          <li key={item.itemId}>
            <Link href={`/o/${encodeURIComponent(item.object)}/${encodeURIComponent(item.recordId)}`}>{item.recordName ?? label(item.objectLabel)}</Link>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {label(item.flow)} · {label(item.step)} · {item.submittedBy}
            </Typography.Text>
          </li>
        ))}
      </ul>
      {run.approvals && run.approvals.total > items.slice(0, 8).length ? (
        <Typography.Text type="secondary">{tr('dashui.approvalsMore', { count: run.approvals.total })}</Typography.Text>
      ) : null}
    </>
  );
}
