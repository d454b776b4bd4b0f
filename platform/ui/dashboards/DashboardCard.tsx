'use client';
/** One dashboard component: its title, its chart (a click drills down to the records), a link to its report, or why it shows nothing. */
import { Alert, Card, Empty, Typography } from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ReportChart as ChartOptions } from '../../reports/types';
import { useT } from '../i18n';
import { ReportChart } from '../reports/ReportChart';
import styles from './dashboards.module.css';
import { drillHref } from './filters';
import type { DashboardComponentRun } from './types';

export function DashboardCard({ run, chart }: { run: DashboardComponentRun; chart?: ChartOptions }) {
  const { tr } = useT();
  const router = useRouter();
  const result = run.result;
  const headingId = `dash-card-${run.id}`;
  return (
    <Card
      size="small"
      role="region"
      aria-labelledby={headingId}
      title={
        <Typography.Title level={2} id={headingId} className={styles.cardTitle}>
          {run.title}
        </Typography.Title>
      }
      extra={
        <Link href={`/reports/${encodeURIComponent(run.report)}`} aria-label={tr('dashui.viewReportOf', { title: run.title })}>
          {tr('dashui.viewReport')}
        </Link>
      }
    >
      <div className={styles.chartBox}>
        {run.error ? (
          <Alert type="warning" showIcon title={tr('dashui.error')} description={run.error.message} />
        ) : !result ? null : result.rowCount === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('dashui.empty')} />
        ) : (
          <>
            <ReportChart result={result} chart={chart} onDrill={(group) => router.push(drillHref(result.object, group.drill, run.filter))} />
            {result.truncated ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {tr('dashui.truncated')}
              </Typography.Text>
            ) : null}
          </>
        )}
      </div>
    </Card>
  );
}
