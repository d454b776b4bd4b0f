'use client';
/** Who is signed in now (with "end session"), and the sign-in log below it. */
import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { App, Button, Popconfirm, Table, Tag } from 'antd';
import { useState } from 'react';
import type { MessageKey } from '../../core/i18n';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { AdminPage, ErrorAlert, formatTime, SectionTitle, useInvalidateAdmin } from './common';
import { browserOf, LoadMore, nextBefore } from './logs';

function OnlineSessions() {
  const trpc = useTRPC();
  const { tr } = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidateAdmin();
  const sessions = useQuery(trpc.admin.sessions.queryOptions());
  const end = useMutation(
    trpc.admin.endSession.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        message.success(tr('admin.session.ended'));
      },
      onError: (e) => message.error(appErrorOf(e)?.message),
    }),
  );
  type Row = NonNullable<typeof sessions.data>[number];
  return (
    <>
      <ErrorAlert error={appErrorOf(sessions.error)} />
      <Table<Row>
        rowKey="id"
        size="small"
        pagination={false}
        loading={sessions.isFetching}
        dataSource={sessions.data ?? []}
        locale={{ emptyText: tr('admin.none') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'user', title: tr('admin.session.user'), render: (_, s) => `${s.user.name} (${s.user.email})` },
          { key: 'created', title: tr('admin.session.signedInAt'), render: (_, s) => formatTime(s.createdAt) },
          { key: 'seen', title: tr('admin.session.lastSeen'), render: (_, s) => formatTime(s.lastSeenAt) },
          { key: 'ip', title: tr('admin.session.ip'), render: (_, s) => s.ip },
          { key: 'browser', title: tr('admin.session.browser'), render: (_, s) => <span title={s.userAgent ?? undefined}>{browserOf(s.userAgent)}</span> },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, s) => (
              <Popconfirm
                title={tr('admin.session.confirmEnd', { name: s.user.name })}
                okText={tr('admin.session.end')}
                cancelText={tr('ui.cancel')}
                onConfirm={() => end.mutate({ id: s.id })}
              >
                <Button size="small" danger aria-label={`${tr('admin.session.end')}: ${s.user.name}`}>
                  {tr('admin.session.end')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </>
  );
}

const REASONS: Record<string, MessageKey> = {
  ok: 'admin.login.reason.ok',
  unknown_user: 'admin.login.reason.unknown_user',
  locked: 'admin.login.reason.locked',
  bad_password: 'admin.login.reason.bad_password',
  bad_password_locked: 'admin.login.reason.bad_password_locked',
  inactive: 'admin.login.reason.inactive',
};

function LoginLog() {
  const trpc = useTRPC();
  const { tr } = useT();
  const [befores, setBefores] = useState<(string | undefined)[]>([undefined]);
  const pages = useQueries({ queries: befores.map((before) => trpc.admin.loginEvents.queryOptions({ before })) });
  const rows = pages.flatMap((p) => p.data ?? []);
  const error = pages.find((p) => p.error)?.error;
  type Row = (typeof rows)[number];
  return (
    <>
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
          { key: 'email', title: tr('admin.user.email'), render: (_, r) => r.email },
          { key: 'ip', title: tr('admin.session.ip'), render: (_, r) => r.ip },
          { key: 'browser', title: tr('admin.session.browser'), render: (_, r) => <span title={r.userAgent ?? undefined}>{browserOf(r.userAgent)}</span> },
          { key: 'success', title: tr('admin.login.success'), render: (_, r) => (r.success ? <Tag color="green">{tr('ui.yes')}</Tag> : <Tag color="red">{tr('ui.no')}</Tag>) },
          { key: 'reason', title: tr('admin.login.reason'), render: (_, r) => (REASONS[r.reason] ? tr(REASONS[r.reason]) : r.reason) },
        ]}
      />
      <LoadMore before={nextBefore(pages)} loading={pages.some((p) => p.isFetching)} onMore={(b) => setBefores((bs) => [...bs, b])} />
    </>
  );
}

export function SessionsPage() {
  const { tr } = useT();
  return (
    <AdminPage title={tr('admin.sessions')}>
      <SectionTitle>{tr('admin.session.online')}</SectionTitle>
      <OnlineSessions />
      <SectionTitle>{tr('admin.login.log')}</SectionTitle>
      <LoginLog />
    </AdminPage>
  );
}
