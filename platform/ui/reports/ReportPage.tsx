'use client';
/**
 * A saved report: its title, chart and tables, run as the viewer; Export, Edit and Clone; and a
 * slot for the actions other screens bring (Subscribe, Add to dashboard).
 */
import { CopyOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Dropdown, Skeleton } from 'antd';
import { useMemo } from 'react';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { NavButton } from '../NavButton';
import { SubscribeButton } from '../subscriptions/SubscribeButton';
import { useReportFields, useReportList, useReportRun, useSavedReport } from './api';
import { fieldTypesOf } from './fieldTypes';
import { PageHeader } from './PageHeader';
import { ReportChart } from './ReportChart';
import { exportHref, ReportView } from './ReportView';
import styles from './reports.module.css';

/** The title of a saved report in the viewer's language (the list may already have picked it). */
export function reportTitle(l: { en: string; zh?: string } | string | undefined, pick: (l: { en: string; zh: string }) => string): string {
  if (!l) return '';
  return typeof l === 'string' ? l : pick({ en: l.en, zh: l.zh ?? '' });
}

export function ReportPage({ name, actions }: { name: string; actions?: React.ReactNode }) {
  const { tr, label } = useT();
  const saved = useSavedReport(name);
  const run = useReportRun(name);
  const list = useReportList();
  const listed = list.data?.find((r) => r.name === name);
  const editable = listed?.editable ?? false;
  // Exporting needs the export right; without it the button would only lead to a refusal.
  const exportable = listed?.exportable ?? false;
  const fieldsQuery = useReportFields(saved.data?.object);
  const fields = useMemo(() => fieldTypesOf(fieldsQuery.data), [fieldsQuery.data]);
  const error = appErrorOf(saved.error ?? run.error);
  const title = reportTitle(saved.data?.label, label) || name;
  const exportMenu = {
    items: (['csv', 'xlsx'] as const).map((f) => ({ key: f, label: <a href={exportHref(name, f)}>{tr(f === 'csv' ? 'rui.exportCsv' : 'rui.exportXlsx')}</a> })),
  };
  return (
    <Card>
      <PageHeader
        title={title}
        actions={
          saved.data && (
            <>
              {actions}
              <SubscribeButton targetKind="report" target={name} title={title} />
              {exportable && (
                <Dropdown menu={exportMenu} trigger={['click']}>
                  <Button icon={<DownloadOutlined aria-hidden />}>{tr('rui.export')}</Button>
                </Dropdown>
              )}
              {editable && (
                <NavButton href={`/reports/${encodeURIComponent(name)}/edit`} icon={<EditOutlined aria-hidden />}>
                  {tr('rui.edit')}
                </NavButton>
              )}
              <NavButton href={`/reports/new?from=${encodeURIComponent(name)}`} icon={<CopyOutlined aria-hidden />}>
                {tr('rui.clone')}
              </NavButton>
            </>
          )
        }
      />
      {error && <Alert type="error" showIcon title={tr('rui.loadFailed', { message: error.message })} />}
      {!error && (!saved.data || !run.data) && <Skeleton active />}
      {saved.data && run.data && (
        <div className={styles.reportBody}>
          <ReportChart definition={saved.data} result={run.data} fields={fields} emptyState={false} />
          <ReportView definition={saved.data} result={run.data} name={name} exportable={exportable} fields={fields} />
        </div>
      )}
    </Card>
  );
}
