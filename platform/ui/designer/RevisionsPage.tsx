'use client';
/**
 * Metadata history: every revision with who, when and a readable diff, and a revert to any of them;
 * above it, the conflicts between the workspace's customisations and upgraded lower layers.
 */
import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { MessageKey } from '../../core/i18n';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { AdminPage, formatTime } from '../admin/common';
import { compactJson, DetailsAlert, useRefreshMetadata, type MetadataConflict, type Revision } from './common';

const PAGE = 50;
const ACTION_COLORS: Record<string, string> = { added: 'green', removed: 'red', changed: 'blue', archived: 'orange', restored: 'cyan' };

/** A value as compact JSON, shortened for the page (the whole value in its tooltip). */
function Value({ value }: { value: unknown }) {
  const text = compactJson(value);
  const short = text.length > 160 ? `${text.slice(0, 157)}…` : text;
  return (
    <code title={short === text ? undefined : text} style={{ wordBreak: 'break-all' }}>
      {short}
    </code>
  );
}

const SHOWN = 5;

function Changes({ revision }: { revision: Revision }) {
  const { tr } = useT();
  const [all, setAll] = useState(false);
  const shown = all ? revision.changes : revision.changes.slice(0, SHOWN);
  return (
    <div style={{ maxWidth: 560, minWidth: 280, whiteSpace: 'normal' }}>
      <ul style={{ margin: 0, paddingLeft: 16 }}>
        {shown.map((c, i) => (
          <li key={`${c.key}-${i}`} style={{ marginBottom: 4 }}>
            <Tag color={ACTION_COLORS[c.action]}>{tr(`designer.rev.action.${c.action}` as MessageKey)}</Tag>
            <code>{c.key}</code>
            {c.lines.length > 0 && (
              <ul style={{ margin: '2px 0 0', paddingLeft: 16 }}>
                {c.lines.map((l, j) => (
                  <li key={j}>
                    <code>{l.path || tr('designer.rev.wholeItem')}</code>:{' '}
                    {c.action === 'added' ? (
                      <Value value={l.after} />
                    ) : (
                      <>
                        <Value value={l.before} /> → <Value value={l.after} />
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {revision.changes.length > SHOWN && (
        <Button type="link" size="small" style={{ padding: 0 }} aria-expanded={all} onClick={() => setAll((v) => !v)}>
          {all ? tr('designer.rev.fewer') : tr('designer.rev.all', { count: revision.changes.length })}
        </Button>
      )}
    </div>
  );
}

function ConflictsCard() {
  const trpc = useTRPC();
  const { tr } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const conflicts = useQuery(trpc.designer.conflicts.queryOptions());
  const [error, setError] = useState<ClientAppError | null>(null);
  const resolve = useMutation(
    trpc.designer.resolveConflict.mutationOptions({
      onSuccess: async () => {
        setError(null);
        await refresh();
        message.success(tr('designer.conflict.resolved'));
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );
  const rows = conflicts.data ?? [];
  const where = (c: MetadataConflict) => `${c.key}${c.path.length ? ` · ${c.path.join('.')}` : ''}`;
  return (
    <Card
      size="small"
      style={{ marginBottom: 24 }}
      loading={conflicts.isLoading}
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {tr('designer.conflicts')}
        </Typography.Title>
      }
    >
      {conflicts.error && <DetailsAlert error={appErrorOf(conflicts.error)} />}
      <DetailsAlert error={error} onClose={() => setError(null)} />
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{tr('designer.conflict.none')}</Typography.Text>
      ) : (
        <Table<MetadataConflict>
          rowKey={(c) => where(c)}
          size="small"
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'item', title: tr('designer.conflict.item'), render: (_, c) => <code>{where(c)}</code> },
            { key: 'was', title: tr('designer.conflict.was'), render: (_, c) => <Value value={c.was} /> },
            { key: 'now', title: tr('designer.conflict.now'), render: (_, c) => <Value value={c.now} /> },
            { key: 'mine', title: tr('designer.conflict.mine'), render: (_, c) => <Value value={c.mine} /> },
            {
              key: 'actions',
              title: tr('admin.actions'),
              render: (_, c) => (
                <Space size="small">
                  <Button size="small" aria-label={`${tr('designer.conflict.keepMine')}: ${where(c)}`} onClick={() => resolve.mutate({ key: c.key, path: c.path, take: 'mine' })}>
                    {tr('designer.conflict.keepMine')}
                  </Button>
                  <Button
                    size="small"
                    aria-label={`${tr('designer.conflict.takeTheirs')}: ${where(c)}`}
                    onClick={() => resolve.mutate({ key: c.key, path: c.path, take: 'theirs' })}
                  >
                    {tr('designer.conflict.takeTheirs')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

export function RevisionsPage() {
  const trpc = useTRPC();
  const { tr } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [error, setError] = useState<ClientAppError | null>(null);
  const pages = useQueries({ queries: cursors.map((before) => trpc.designer.revisions.queryOptions({ before, limit: PAGE })) });
  const rows = pages.flatMap((p) => p.data ?? []);
  const last = pages[pages.length - 1];
  const more = Boolean(last?.data && last.data.length === PAGE);
  const loadError = pages.find((p) => p.error)?.error;
  const current = rows[0]?.number;
  const revert = useMutation(
    trpc.designer.revert.mutationOptions({
      onSuccess: async (r, v) => {
        setError(null);
        setCursors([undefined]);
        await refresh();
        message.success(r.revision === null ? tr('designer.rev.nothing') : tr('designer.rev.reverted', { number: v.revision }));
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );
  const revertButton = (number: number, text: string) => (
    <Popconfirm
      title={tr('designer.rev.confirm', { number })}
      description={tr('designer.rev.confirmHint')}
      okText={tr('designer.rev.revert')}
      cancelText={tr('ui.cancel')}
      onConfirm={() => revert.mutate({ revision: number })}
    >
      <Button size="small" loading={revert.isPending && revert.variables?.revision === number}>
        {text}
      </Button>
    </Popconfirm>
  );
  return (
    <AdminPage title={tr('designer.revisions')}>
      <ConflictsCard />
      <Typography.Title level={2} style={{ fontSize: 16, margin: '0 0 12px' }}>
        {tr('designer.rev.list')}
      </Typography.Title>
      {loadError && <DetailsAlert error={appErrorOf(loadError)} />}
      <DetailsAlert error={error} onClose={() => setError(null)} />
      <Table<Revision>
        rowKey="number"
        size="middle"
        dataSource={rows}
        loading={pages.some((p) => p.isFetching)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('designer.rev.none')} /> }}
        columns={[
          { key: 'number', title: tr('designer.rev.number'), render: (_, r) => r.number },
          { key: 'at', title: tr('admin.time'), render: (_, r) => formatTime(r.at) },
          { key: 'who', title: tr('designer.rev.who'), render: (_, r) => r.userName ?? tr('designer.rev.system') },
          { key: 'summary', title: tr('designer.rev.summary'), render: (_, r) => r.summary },
          { key: 'changes', title: tr('designer.rev.changes'), render: (_, r) => <Changes revision={r} /> },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, r) => (r.number === current ? <Tag>{tr('designer.rev.current')}</Tag> : revertButton(r.number, tr('designer.rev.revertTo'))),
          },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        {more && <Button onClick={() => setCursors((c) => [...c, rows[rows.length - 1].number])}>{tr('admin.loadMore')}</Button>}
        {!more && rows.length > 0 && revertButton(0, tr('designer.rev.revertAll'))}
      </Space>
    </AdminPage>
  );
}
