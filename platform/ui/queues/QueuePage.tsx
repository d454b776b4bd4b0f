'use client';
/**
 * Queues: the records waiting in a queue the signed-in user works, oldest first, each taken with
 * "Take" (someone quicker gets it: the row says so) or handed to a user with "Assign to…". Selected
 * rows are taken together. Narrow screens show a list instead of the table.
 */
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Grid, List, Select, Space, Table, Typography } from 'antd';
import { useId, useState } from 'react';
import { AdminPage } from '../admin/common';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { RecordLink } from '../RecordLink';
import { useTRPC } from '../trpc';
import { AssignDialog } from './AssignDialog';

interface Row {
  id: string;
  name: string;
  waitingSince: string;
  values: Record<string, unknown>;
}
interface Outcome {
  taken: string[];
  failed: { id: string; message: string }[];
}

export function QueuePage({ initial }: { initial?: string }) {
  const trpc = useTRPC();
  const { message } = App.useApp();
  const { tr, label, locale } = useT();
  const narrow = !Grid.useBreakpoint().md;
  const pickerId = useId();
  const mine = useQuery(trpc.queues.mine.queryOptions());
  const [chosen, setChosen] = useState<string | undefined>(initial);
  const queue = chosen ?? mine.data?.[0]?.name;
  const waiting = useInfiniteQuery(
    trpc.queues.waiting.infiniteQueryOptions({ queue: queue ?? '' }, { enabled: Boolean(queue), getNextPageParam: (last) => last.next ?? undefined }),
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [assigning, setAssigning] = useState<string[] | null>(null);
  const [report, setReport] = useState<{ ok: number; failed: { name: string; message: string }[] } | null>(null);
  const rows: Row[] = (waiting.data?.pages ?? []).flatMap((p) => p.items);
  const columns = waiting.data?.pages[0]?.columns ?? [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  const done = async (res: Outcome) => {
    setReport({ ok: res.taken.length, failed: res.failed.map((f) => ({ name: names.get(f.id) ?? f.id, message: f.message })) });
    if (res.taken.length) message.success(tr('queueUi.done', { count: res.taken.length }));
    setSelected([]);
    setAssigning(null);
    await waiting.refetch();
  };
  const onError = (e: unknown) => setReport({ ok: 0, failed: [{ name: '', message: appErrorOf(e)?.message ?? String(e) }] });
  const take = useMutation(trpc.queues.take.mutationOptions({ onSuccess: done, onError }));
  const assign = useMutation(trpc.queues.assign.mutationOptions({ onSuccess: done, onError }));
  const object = waiting.data?.pages[0]?.queue.object ?? '';
  const show = (r: Row, c: (typeof columns)[number]) => {
    const v = r.values[c.name];
    if (v === null || v === undefined || v === '') return '';
    return c.options ? label(c.options.find((o) => o.value === v)?.label) || String(v) : String(v);
  };
  const since = (iso: string) => new Date(iso).toLocaleString(locale);
  const actions = (r: Row) => (
    <Space size="small" wrap>
      <Button
        size="small"
        type="primary"
        loading={take.isPending}
        onClick={() => take.mutate({ queue: queue!, ids: [r.id] })}
        aria-label={tr('queueUi.takeOne', { record: r.name })}
      >
        {tr('queueUi.take')}
      </Button>
      <Button size="small" onClick={() => setAssigning([r.id])} aria-label={tr('queueUi.assignOne', { record: r.name })}>
        {tr('queueUi.assign')}
      </Button>
    </Space>
  );
  const err = appErrorOf(mine.error) ?? appErrorOf(waiting.error);
  return (
    <AdminPage title={tr('queueUi.title')}>
      {err && <Alert role="alert" type="error" title={err.message} style={{ marginBottom: 12 }} />}
      {mine.data && mine.data.length === 0 ? (
        <Empty description={tr('queueUi.none')} />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <label htmlFor={pickerId}>{tr('queueUi.queue')}</label>
            <Select
              id={pickerId}
              style={{ minWidth: 220 }}
              value={queue}
              onChange={(v) => {
                setChosen(v);
                setSelected([]);
                setReport(null);
              }}
              options={(mine.data ?? []).map((q) => ({ value: q.name, label: label(q.label) }))}
            />
            <Button disabled={!selected.length} onClick={() => take.mutate({ queue: queue!, ids: selected })}>
              {tr('queueUi.takeSelected', { count: selected.length })}
            </Button>
            <Button disabled={!selected.length} onClick={() => setAssigning(selected)}>
              {tr('queueUi.assignSelected', { count: selected.length })}
            </Button>
          </Space>
          {report && (report.failed.length > 0 || report.ok > 0) && (
            <Alert
              role="status"
              showIcon
              closable={{ onClose: () => setReport(null) }}
              style={{ marginBottom: 12 }}
              type={report.failed.length ? 'warning' : 'success'}
              title={tr('queueUi.report', { ok: report.ok, failed: report.failed.length })}
              description={
                report.failed.length > 0 && (
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {report.failed.map((f, i) => (
                      <li key={i}>{f.name ? `${f.name}: ${f.message}` : f.message}</li>
                    ))}
                  </ul>
                )
              }
            />
          )}
          {narrow ? (
            <List<Row>
              loading={waiting.isLoading}
              dataSource={rows}
              locale={{ emptyText: tr('queueUi.empty') }}
              renderItem={(r) => (
                <List.Item key={r.id} style={{ display: 'block' }}>
                  <RecordLink object={object} recordId={r.id}>
                    {r.name}
                  </RecordLink>
                  <Typography.Text style={{ color: '#595959', fontSize: 12, display: 'block', margin: '4px 0 6px' }}>
                    {[...columns.map((c) => show(r, c)).filter(Boolean), tr('queueUi.since', { when: since(r.waitingSince) })].join(' · ')}
                  </Typography.Text>
                  {actions(r)}
                </List.Item>
              )}
            />
          ) : (
            <Table<Row>
              size="small"
              rowKey="id"
              loading={waiting.isLoading}
              dataSource={rows}
              pagination={false}
              locale={{ emptyText: tr('queueUi.empty') }}
              rowSelection={{
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                getCheckboxProps: (r) => ({ 'aria-label': tr('queueUi.select', { record: r.name }) }),
              }}
              columns={[
                {
                  key: 'name',
                  title: tr('queueUi.col.record'),
                  render: (_, r) => (
                    <RecordLink object={object} recordId={r.id}>
                      {r.name}
                    </RecordLink>
                  ),
                },
                ...columns.map((c) => ({ key: c.name, title: label(c.label), render: (_: unknown, r: Row) => show(r, c) })),
                { key: 'since', title: tr('queueUi.col.since'), render: (_, r) => since(r.waitingSince) },
                { key: 'actions', title: tr('queueUi.col.actions'), render: (_, r) => actions(r) },
              ]}
            />
          )}
          {waiting.hasNextPage && (
            <Button style={{ marginTop: 8 }} onClick={() => waiting.fetchNextPage()} loading={waiting.isFetchingNextPage}>
              {tr('queueUi.more')}
            </Button>
          )}
        </>
      )}
      {assigning && (
        <AssignDialog
          count={assigning.length}
          pending={assign.isPending}
          onCancel={() => setAssigning(null)}
          onOk={(user) => assign.mutate({ queue: queue!, ids: assigning, user })}
        />
      )}
    </AdminPage>
  );
}
