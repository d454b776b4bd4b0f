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
import { AddComponentDialog } from './AddComponentDialog';
import { useReportList } from '../reports/api';
import { reportTitle } from '../reports/ReportPage';
import { useDashboard, useSaveDashboard } from './api';
import { DashboardCard } from './DashboardCard';
import { DashboardEditor } from './DashboardEditor';
import styles from './dashboards.module.css';
import { FilterBar } from './FilterBar';
import { SubscribeButton } from '../subscriptions/SubscribeButton';
import { filtersQuery, readFilters } from './filters';
import { addComponent, gridSpan, inOrder, numbered } from './layout';
import type { ComponentView, DashboardComponent } from './types';

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
  const reports = useReportList();
  const answer = query.data;
  const runs = useMemo(() => new Map<string, ComponentView>((answer?.components ?? []).map((c) => [c.id, c])), [answer]);
  const reportLabels = useMemo(() => new Map((reports.data ?? []).map((r) => [r.name, reportTitle(r.label, label)])), [reports.data, label]);
  const asOf = oldest(answer?.components ?? []);

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
    if (!answer || !draft?.length) return;
    save.mutate(
      { name: answer.dashboard.name, components: numbered(draft) },
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
              {answer?.label || '\u00a0'}
            </Typography.Title>
          )}
          {heading && answer ? <Typography.Text type="secondary">{answer.label}</Typography.Text> : null}
          {!heading && answer?.description ? <Typography.Text type="secondary">{answer.description}</Typography.Text> : null}
        </div>
        {draft ? (
          <Space wrap>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
              {tr('dashui.add')}
            </Button>
            <Button onClick={() => setDraft(null)}>{tr('dashui.cancel')}</Button>
            <Button type="primary" loading={save.isPending} disabled={draft.length === 0} onClick={onSave}>
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
            {answer ? <SubscribeButton targetKind="dashboard" target={answer.dashboard.name} title={answer.label} filters={filters as Record<string, unknown>} /> : null}
            {answer?.canEdit ? (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setDraft(inOrder(answer.dashboard.components))}>
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
          {answer ? (
            <FilterBar offered={answer.dashboard.filters} applied={answer.filters} filters={filters} onChange={(next) => router.push(`${pathname}${filtersQuery(next)}`)} />
          ) : null}
          <ol className={styles.grid} aria-busy={query.isLoading}>
            {answer
              ? inOrder(answer.components).map((run) => (
                  <li key={run.id} className={styles.item} style={gridSpan(run) as React.CSSProperties}>
                    <DashboardCard run={run} />
                  </li>
                ))
              : [2, 2, 2, 2].map((width, i) => (
                  <li key={i} className={styles.item} style={gridSpan({ width }) as React.CSSProperties}>
                    <Card size="small">
                      <Skeleton active paragraph={{ rows: 5 }} />
                    </Card>
                  </li>
                ))}
          </ol>
        </>
      )}
    </>
  );
}

/** The oldest figures on the page: "as of" must not claim more freshness than the stalest card has. */
function oldest(runs: ComponentView[]): string | null {
  const times = runs.map((r) => (r.type === 'approvals' ? undefined : r.result?.computedAt)).filter((t): t is string => Boolean(t));
  return times.length ? times.reduce((a, b) => (a < b ? a : b)) : null;
}
