'use client';
/**
 * A dashboard as the viewer sees it: its components run with the viewer's own data and the
 * dashboard filters (kept in the address), each a card with its chart; "as of" and refresh; and,
 * for those who may save it, the arrangement edited in place (Save / Cancel).
 */
import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Skeleton, Space, Typography } from 'antd';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useDashboard, useReports, useSaveDashboard } from './api';
import { AddComponentDialog } from './AddComponentDialog';
import { DashboardCard } from './DashboardCard';
import { DashboardEditor } from './DashboardEditor';
import styles from './dashboards.module.css';
import { FilterBar } from './FilterBar';
import { filtersQuery, readFilters } from './filters';
import { addComponent, widthOf } from './layout';
import type { DashboardComponent, DashboardComponentRun } from './types';

export interface DashboardViewProps {
  name: string;
  /** The home page's greeting instead of the dashboard's name as the page heading. */
  heading?: React.ReactNode;
}

export function DashboardView({ name, heading }: DashboardViewProps) {
  const { tr, label, locale } = useT();
  const { message } = App.useApp();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = useMemo(() => readFilters((k) => params.get(k)), [params]);
  const query = useDashboard(name, filters);
  const save = useSaveDashboard();
  const [draft, setDraft] = useState<DashboardComponent[] | null>(null);
  const [adding, setAdding] = useState(false);
  const reports = useReports(draft !== null);
  const answer = query.data;
  const runs = useMemo(() => new Map<string, DashboardComponentRun>((answer?.components ?? []).map((c) => [c.id, c])), [answer]);
  const reportLabels = useMemo(() => new Map((reports.data ?? []).map((r) => [r.name, r.label])), [reports.data]);
  const asOf = oldest(answer?.components ?? []);
  const title = answer ? label(answer.dashboard.label) : '';

  if (query.error) {
    const err = appErrorOf(query.error);
    return (
      <Alert
        type="error"
        role="alert"
        showIcon
        title={err?.code === 'NOT_FOUND' ? tr('dashui.notFound') : err?.message}
        action={<Link href="/dashboards">{tr('dashui.allDashboards')}</Link>}
      />
    );
  }
  const onSave = () => {
    if (!answer || !draft) return;
    save.mutate(
      { ...answer.dashboard, components: draft },
      {
        onSuccess: () => {
          message.success(tr('dashui.saved'));
          setDraft(null);
        },
        onError: (e) => message.error(appErrorOf(e)?.message),
      },
    );
  };
  return (
    <>
      <header className={styles.header}>
        <div style={{ minWidth: 0 }}>
          {heading ?? (
            <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
              {title || '\u00a0'}
            </Typography.Title>
          )}
          {heading && title ? <Typography.Text type="secondary">{title}</Typography.Text> : null}
        </div>
        {draft ? (
          <Space wrap>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
              {tr('dashui.add')}
            </Button>
            <Button onClick={() => setDraft(null)}>{tr('dashui.cancel')}</Button>
            <Button type="primary" loading={save.isPending} onClick={onSave}>
              {tr('dashui.save')}
            </Button>
          </Space>
        ) : (
          <Space wrap>
            {asOf ? (
              <Typography.Text type="secondary" suppressHydrationWarning>
                {tr('dashui.asOf', { time: new Date(asOf).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' }) })}
              </Typography.Text>
            ) : null}
            <Button icon={<ReloadOutlined aria-hidden />} loading={query.isFetching} onClick={() => void query.refetch()}>
              {tr('dashui.refresh')}
            </Button>
            {answer?.canEdit ? (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setDraft(answer.dashboard.components)}>
                {tr('dashui.edit')}
              </Button>
            ) : null}
          </Space>
        )}
      </header>
      {draft ? (
        <>
          <Typography.Paragraph type="secondary">{tr('dashui.editHint')}</Typography.Paragraph>
          <DashboardEditor value={draft} runs={runs} reportLabels={reportLabels} onChange={setDraft} />
          <AddComponentDialog
            open={adding}
            onClose={() => setAdding(false)}
            onAdd={(report) => {
              setDraft(addComponent(draft, report));
              setAdding(false);
            }}
          />
        </>
      ) : (
        <>
          <FilterBar filters={filters} onChange={(next) => router.push(`${pathname}${filtersQuery(next)}`)} />
          <ol className={styles.grid} aria-busy={query.isLoading}>
            {answer
              ? answer.dashboard.components.map((c) => {
                  const run = runs.get(c.id);
                  return (
                    <li key={c.id} className={`${styles.item} ${styles[`w${widthOf(c)}`]}`}>
                      {run ? <DashboardCard run={run} chart={run.result ? (c.chart ?? undefined) : undefined} /> : null}
                    </li>
                  );
                })
              : [2, 2, 2, 2].map((w, i) => (
                  <li key={i} className={`${styles.item} ${styles[`w${w}`]}`}>
                    <Card size="small">
                      <Skeleton active paragraph={{ rows: 5 }} />
                    </Card>
                  </li>
                ))}
          </ol>
          {answer && answer.dashboard.components.length === 0 ? <Alert type="info" showIcon title={tr('dashui.emptyLayout')} /> : null}
        </>
      )}
    </>
  );
}

/** The oldest figures on the page: "as of" must not claim more freshness than the stalest card has. */
function oldest(runs: DashboardComponentRun[]): string | null {
  const times = runs.map((r) => r.result?.computedAt).filter((t): t is string => Boolean(t));
  return times.length ? times.reduce((a, b) => (a < b ? a : b)) : null;
}
