'use client';
/**
 * Hand every record of a departing user to a successor: counts per object first, then a background
 * job whose progress is polled every second until it is done or failed.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Popconfirm, Progress, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { AdminPage, ErrorAlert, QueryGate, SectionTitle, useInvalidateAdmin, useObjects, userOptions } from './common';

interface Counts {
  object: string;
  live: number;
  deleted: number;
}

function CountsTable({ rows, objectLabel, caption, testId }: { rows: Counts[]; objectLabel(n: string): string; caption: string; testId: string }) {
  const { tr } = useT();
  const total = rows.reduce((s, r) => ({ live: s.live + r.live, deleted: s.deleted + r.deleted }), { live: 0, deleted: 0 });
  return (
    <Table<Counts>
      rowKey="object"
      size="small"
      pagination={false}
      dataSource={rows}
      title={() => caption}
      columns={[
        { key: 'object', title: tr('admin.object'), render: (_, r) => objectLabel(r.object) },
        { key: 'live', title: tr('admin.transfer.live'), align: 'right', render: (_, r) => r.live },
        { key: 'deleted', title: tr('admin.transfer.deleted'), align: 'right', render: (_, r) => r.deleted },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>
            <strong>{tr('admin.transfer.total')}</strong>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <strong data-testid={`${testId}-live`}>{total.live}</strong>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            <strong data-testid={`${testId}-deleted`}>{total.deleted}</strong>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

/** The running job: a progress bar, then the moved counts or the error. */
function JobProgress({ jobId, objectLabel }: { jobId: string; objectLabel(n: string): string }) {
  const trpc = useTRPC();
  const { tr } = useT();
  const invalidate = useInvalidateAdmin();
  const job = useQuery({
    ...trpc.admin.job.queryOptions({ id: jobId }),
    refetchInterval: (q) => (q.state.data?.status === 'done' || q.state.data?.status === 'failed' ? false : 1000),
  });
  const data = job.data;
  const ended = data?.status === 'done' || data?.status === 'failed';
  // Once the job ends, counts and previews are stale.
  useEffect(() => {
    if (ended) void invalidate();
  }, [ended, invalidate]);
  if (job.error) return <ErrorAlert error={appErrorOf(job.error)} />;
  if (!data) return <Progress percent={0} />;
  const progress = (data.progress ?? {}) as { done?: number; total?: number };
  const done = progress.done ?? 0;
  const total = progress.total ?? 0;
  const result = data.result as { moved?: Record<string, number>; inApproval?: Record<string, number>; teams?: number } | null;
  const moved = result?.moved ?? {};
  const inApproval = Object.values(result?.inApproval ?? {}).reduce((a, b) => a + b, 0);
  return (
    <div aria-live="polite">
      <Typography.Paragraph>
        {tr('admin.transfer.status')}: <strong>{tr(`admin.job.${data.status as 'queued' | 'running' | 'done' | 'failed'}`)}</strong>
        {' · '}
        {tr('admin.transfer.doneOfTotal', { done, total })}
      </Typography.Paragraph>
      <Progress
        aria-label={tr('admin.transfer.progress')}
        percent={data.status === 'done' ? 100 : total ? Math.floor((done / total) * 100) : 0}
        status={data.status === 'failed' ? 'exception' : data.status === 'done' ? 'success' : 'active'}
      />
      {data.status === 'failed' && <Alert role="alert" type="error" showIcon title={tr('admin.transfer.failed')} description={data.error ?? undefined} />}
      {data.status === 'done' && (
        <CountsTable
          caption={tr('admin.transfer.moved')}
          objectLabel={objectLabel}
          testId="moved-total"
          rows={Object.entries(moved).map(([object, n]) => ({ object, live: n, deleted: 0 }))}
        />
      )}
      {data.status === 'done' && inApproval > 0 && <Alert type="info" showIcon title={tr('admin.transfer.inApproval', { n: inApproval })} />}
    </div>
  );
}

export function TransferPage() {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const { objects } = useObjects();
  const users = useQuery(trpc.admin.users.queryOptions());
  const [fromUserId, setFrom] = useState<string | undefined>();
  const [toUserId, setTo] = useState<string | undefined>();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<ClientAppError | null>(null);
  const preview = useQuery({ ...trpc.admin.transferPreview.queryOptions({ fromUserId: fromUserId ?? '' }), enabled: Boolean(fromUserId) });
  const start = useMutation(
    trpc.admin.startTransfer.mutationOptions({
      onSuccess: (r) => setJobId(r.jobId),
      onError: (e) => setError(appErrorOf(e)),
    }),
  );

  const title = tr('admin.transfer');
  if (!users.data) return <QueryGate title={title} error={users.error} loading={users.isLoading} />;
  const objectLabel = (name: string) => {
    const o = objects.find((x) => x.name === name);
    return o ? label(o.pluralLabel) : name;
  };
  const fromUser = users.data.find((u) => u.id === fromUserId);
  const toUser = users.data.find((u) => u.id === toUserId);
  const fieldError = (field: string) => error?.details.find((d) => d.field === field)?.message;
  const running = Boolean(jobId);

  return (
    <AdminPage title={title}>
      <Typography.Paragraph type="secondary">{tr('admin.transfer.hint')}</Typography.Paragraph>
      <Form layout="vertical" name="transfer" style={{ maxWidth: 560 }}>
        <Form.Item label={tr('admin.transfer.from')} htmlFor="transfer_from" validateStatus={fieldError('fromUserId') ? 'error' : undefined} help={fieldError('fromUserId')}>
          <Select
            id="transfer_from"
            showSearch={{ optionFilterProp: 'label' }}
            value={fromUserId}
            disabled={running}
            options={userOptions(users.data)}
            onChange={(v) => {
              setFrom(v);
              setError(null);
              if (v === toUserId) setTo(undefined);
            }}
          />
        </Form.Item>
      </Form>
      {fromUserId && (
        <>
          <SectionTitle>{tr('admin.transfer.preview', { name: fromUser?.name ?? '' })}</SectionTitle>
          {preview.error && <ErrorAlert error={appErrorOf(preview.error)} />}
          {preview.data ? (
            <CountsTable rows={preview.data} objectLabel={objectLabel} caption={tr('admin.transfer.owned')} testId="preview-total" />
          ) : (
            <Progress percent={0} showInfo={false} status="active" />
          )}
          <Form layout="vertical" name="transferTo" style={{ maxWidth: 560, marginTop: 24 }}>
            <Form.Item label={tr('admin.transfer.to')} htmlFor="transfer_to" validateStatus={fieldError('toUserId') ? 'error' : undefined} help={fieldError('toUserId')}>
              <Select
                id="transfer_to"
                showSearch={{ optionFilterProp: 'label' }}
                value={toUserId}
                disabled={running}
                options={userOptions(
                  users.data.filter((u) => u.id !== fromUserId),
                  true,
                )}
                onChange={(v) => {
                  setTo(v);
                  setError(null);
                }}
              />
            </Form.Item>
          </Form>
          <ErrorAlert error={error && error.details.every((d) => d.field !== 'fromUserId' && d.field !== 'toUserId') ? error : null} />
          <Space>
            <Popconfirm
              title={tr('admin.transfer.confirm', { from: fromUser?.name ?? '', to: toUser?.name ?? '' })}
              okText={tr('admin.transfer.start')}
              cancelText={tr('ui.cancel')}
              disabled={!toUserId || running}
              onConfirm={() => {
                setError(null);
                start.mutate({ fromUserId, toUserId: toUserId! });
              }}
            >
              <Button type="primary" disabled={!toUserId || running} loading={start.isPending}>
                {tr('admin.transfer.start')}
              </Button>
            </Popconfirm>
            {running && (
              <Button
                onClick={() => {
                  setJobId(null);
                  setTo(undefined);
                }}
              >
                {tr('admin.transfer.another')}
              </Button>
            )}
          </Space>
        </>
      )}
      {jobId && (
        <>
          <SectionTitle>{tr('admin.transfer.progress')}</SectionTitle>
          <JobProgress key={jobId} jobId={jobId} objectLabel={objectLabel} />
        </>
      )}
    </AdminPage>
  );
}
