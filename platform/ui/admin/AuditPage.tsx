'use client';
/** The audit log: who did what to which item, newest first, with "load more". */
import { useQueries, useQuery } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import { useState } from 'react';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { AdminPage, ErrorAlert, formatTime, useObjects } from './common';
import { LoadMore, nextBefore } from './logs';

export function AuditPage() {
  const trpc = useTRPC();
  const { tr } = useT();
  const { system } = useObjects();
  // Names come from the organisation, which only user managers may read; others see ids.
  const org = useQuery({ ...trpc.admin.org.queryOptions(), enabled: Boolean(system?.manageUsers) });
  const [befores, setBefores] = useState<(string | undefined)[]>([undefined]);
  const pages = useQueries({ queries: befores.map((before) => trpc.admin.auditEvents.queryOptions({ before })) });
  const rows = pages.flatMap((p) => p.data ?? []);
  const error = pages.find((p) => p.error)?.error;
  const names = new Map<string, string>([
    ...(org.data?.users ?? []).map((u) => [u.id, u.name] as [string, string]),
    ...(org.data?.roles ?? []).map((r) => [r.id, r.label] as [string, string]),
    ...(org.data?.departments ?? []).map((d) => [d.id, d.label] as [string, string]),
    ...(org.data?.groups ?? []).map((g) => [g.id, g.label] as [string, string]),
    ...(org.data?.permissionSets ?? []).map((s) => [s.id, s.label] as [string, string]),
  ]);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? id) : '');
  type Row = (typeof rows)[number];

  return (
    <AdminPage title={tr('admin.audit')}>
      <ErrorAlert error={appErrorOf(error)} />
      <Table<Row>
        rowKey="id"
        size="small"
        pagination={false}
        loading={pages.some((p) => p.isFetching)}
        dataSource={rows}
        locale={{ emptyText: tr('admin.none') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'at', title: tr('admin.time'), render: (_, r) => formatTime(r.at) },
          { key: 'who', title: tr('admin.audit.who'), render: (_, r) => nameOf(r.userId) },
          { key: 'action', title: tr('admin.audit.action'), render: (_, r) => <Typography.Text code>{r.action}</Typography.Text> },
          { key: 'target', title: tr('admin.audit.target'), render: (_, r) => [r.targetType, nameOf(r.targetId)].filter(Boolean).join(' · ') },
          {
            key: 'details',
            title: tr('admin.audit.details'),
            render: (_, r) =>
              r.details == null ? (
                ''
              ) : (
                <Typography.Text code style={{ display: 'inline-block', maxWidth: 520, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
                  {JSON.stringify(r.details)}
                </Typography.Text>
              ),
          },
        ]}
      />
      <LoadMore before={nextBefore(pages)} loading={pages.some((p) => p.isFetching)} onMore={(b) => setBefores((bs) => [...bs, b])} />
    </AdminPage>
  );
}
