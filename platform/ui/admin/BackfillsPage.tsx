'use client';
/** Data upgrades: the backfills an upgrade started, with a progress bar while they run (polled). */
import { useQuery } from '@tanstack/react-query';
import { Progress, Table, Tag, Typography } from 'antd';
import type { MessageKey } from '../../core/i18n';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { AdminPage, ErrorAlert, formatTime } from './common';

const STATUS_COLOR: Record<string, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };

export function BackfillsPage() {
  const trpc = useTRPC();
  const { tr, label, locale } = useT();
  // Poll while something is unfinished; a finished list is left alone.
  const list = useQuery({
    ...trpc.admin.backfills.queryOptions(),
    refetchInterval: (q) => (q.state.data?.some((b) => b.status !== 'done') ? 2000 : false),
  });
  type Row = NonNullable<typeof list.data>[number];
  const number = (n: number) => n.toLocaleString(locale);
  return (
    <AdminPage title={tr('admin.backfills')}>
      <Typography.Paragraph type="secondary">{tr('admin.backfill.intro')}</Typography.Paragraph>
      <ErrorAlert error={appErrorOf(list.error)} />
      <Table<Row>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isLoading}
        dataSource={list.data ?? []}
        locale={{ emptyText: tr('admin.none') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'object', title: tr('admin.backfill.object'), render: (_, b) => (b.objectLabel ? label(b.objectLabel) : b.object) },
          { key: 'field', title: tr('admin.backfill.field'), render: (_, b) => (b.fieldLabel ? label(b.fieldLabel) : b.field) },
          {
            key: 'status',
            title: tr('admin.backfill.status'),
            render: (_, b) => (
              <Tag color={STATUS_COLOR[b.status]} title={b.error ?? undefined}>
                {tr(`admin.backfill.${b.status}` as MessageKey)}
              </Tag>
            ),
          },
          {
            key: 'progress',
            title: tr('admin.backfill.progress'),
            render: (_, b) => {
              const total = b.totalRows ?? 0;
              const percent = b.status === 'done' ? 100 : total ? Math.min(99, Math.floor((b.doneRows / total) * 100)) : 0;
              const text = tr('admin.backfill.rows', { done: number(b.doneRows), total: b.totalRows === null ? '…' : number(total) });
              return (
                <div style={{ minWidth: 220 }}>
                  <Progress percent={percent} size="small" status={b.status === 'failed' ? 'exception' : b.status === 'running' ? 'active' : undefined} aria-label={text} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {text}
                  </Typography.Text>
                </div>
              );
            },
          },
          { key: 'started', title: tr('admin.backfill.started'), render: (_, b) => formatTime(b.createdAt) },
          { key: 'finished', title: tr('admin.backfill.finished'), render: (_, b) => formatTime(b.finishedAt) },
        ]}
      />
    </AdminPage>
  );
}
