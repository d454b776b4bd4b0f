'use client';
/**
 * Web form submissions for admins: filter by form and status (with counts), newest first, page on;
 * each failed one shows its problems by field and opens "fix and retry", which sends the corrected
 * values through the same path as a visitor's and links the record it creates.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import type { MessageKey } from '../../core/i18n';
import { AdminPage } from '../admin/common';
import { DetailsAlert } from '../designer/common';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC, useTRPCClient } from '../trpc';

type Status = 'received' | 'processed' | 'failed' | 'spam';
interface Row {
  id: string;
  form: string;
  object: string;
  status: Status;
  body: Record<string, unknown>;
  values: Record<string, unknown> | null;
  errors: { field?: string; code: string; message: string }[] | null;
  recordId: string | null;
  attempts: number;
  receivedAt: string;
}

const COLORS: Record<Status, string> = { received: 'default', processed: 'green', failed: 'red', spam: 'orange' };
/** antd's preset tag text is too light on its tint for WCAG AA: the darker shade of each. */
const TEXT: Record<Status, string | undefined> = { received: undefined, processed: '#237804', failed: '#a8071a', spam: '#ad4e00' };
const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === undefined || v === null ? '' : String(v));

export function SubmissionsPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { tr, label, locale } = useT();
  const params = useSearchParams();
  const [form, setForm] = useState<string | undefined>(params.get('form') ?? undefined);
  const [status, setStatus] = useState<Status | 'any'>((params.get('status') as Status) ?? 'any');
  const [fixing, setFixing] = useState<Row | null>(null);
  const forms = useQuery(trpc.webforms.forms.queryOptions());
  const input = { form, status: status === 'any' ? undefined : status };
  const list = useInfiniteQuery({
    queryKey: ['webforms.submissions', input],
    initialPageParam: undefined as { receivedAt: string; id: string } | undefined,
    queryFn: ({ pageParam }) => client.webforms.submissions.query({ ...input, after: pageParam }),
    getNextPageParam: (last) => (last.rows.length === 50 ? { receivedAt: last.rows[49].receivedAt, id: last.rows[49].id } : undefined),
  });
  const rows = (list.data?.pages.flatMap((p) => p.rows) ?? []) as Row[];
  const counts = list.data?.pages[0]?.counts;
  const formLabel = (name: string) => label(forms.data?.find((f) => f.name === name)?.label) || name;
  const statusLabel = (s: Status | 'any') => tr(`webForm.status.${s}` as MessageKey);
  const fmt = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <AdminPage title={tr('webForm.submissions.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={tr('webForm.s.form')}
          style={{ minWidth: 200 }}
          value={form ?? ''}
          onChange={(v: string) => setForm(v || undefined)}
          options={[{ value: '', label: tr('webForm.s.all') }, ...(forms.data ?? []).map((f) => ({ value: f.name, label: label(f.label) }))]}
        />
        <Segmented<Status | 'any'>
          aria-label={tr('webForm.s.status')}
          value={status}
          onChange={setStatus}
          options={(['any', 'failed', 'processed', 'spam', 'received'] as const).map((s) => ({
            value: s,
            label: s === 'any' || !counts ? statusLabel(s) : `${statusLabel(s)} (${counts[s]})`,
          }))}
        />
      </Space>
      <Table<Row>
        rowKey="id"
        size="middle"
        dataSource={rows}
        loading={list.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: tr('webForm.s.none') }}
        columns={[
          { key: 'at', title: tr('webForm.s.received'), render: (_, r) => fmt.format(new Date(r.receivedAt)) },
          { key: 'form', title: tr('webForm.s.form'), render: (_, r) => formLabel(r.form) },
          {
            key: 'status',
            title: tr('webForm.s.status'),
            render: (_, r) => (
              <Tag color={COLORS[r.status]} style={{ color: TEXT[r.status] }}>
                {statusLabel(r.status)}
              </Tag>
            ),
          },
          {
            key: 'values',
            title: tr('webForm.s.values'),
            render: (_, r) => (
              <Typography.Text ellipsis={{ tooltip: true }} style={{ maxWidth: 320 }}>
                {Object.entries(r.values ?? r.body)
                  .filter(([k]) => k !== 'lang')
                  .map(([k, v]) => `${k}: ${show(v)}`)
                  .join(' · ')}
              </Typography.Text>
            ),
          },
          {
            key: 'errors',
            title: tr('webForm.s.errors'),
            render: (_, r) => (
              <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                {(r.errors ?? []).map((e, i) => (
                  <li key={i}>{e.message}</li>
                ))}
              </ul>
            ),
          },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, r) =>
              r.recordId ? (
                <a href={`/o/${r.object}/${r.recordId}`}>{tr('webForm.s.open')}</a>
              ) : r.status === 'failed' ? (
                <Button size="small" onClick={() => setFixing(r)}>
                  {tr('webForm.s.retry')}
                </Button>
              ) : null,
          },
        ]}
      />
      {list.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {tr('webForm.s.more')}
        </Button>
      )}
      <Drawer open={fixing !== null} onClose={() => setFixing(null)} title={tr('webForm.s.retry')} size={520} destroyOnHidden>
        {fixing && <RetryForm row={fixing} fields={forms.data?.find((f) => f.name === fixing.form)?.fields ?? Object.keys(fixing.body)} onDone={() => setFixing(null)} />}
      </Drawer>
    </AdminPage>
  );
}

function RetryForm({ row, fields, onDone }: { row: Row; fields: string[]; onDone(): void }) {
  const trpc = useTRPC();
  const { tr } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const source = row.values ?? row.body;
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(fields.map((f) => [f, show(source[f])])));
  const [error, setError] = useState<ClientAppError | null>(null);
  const errorOf = (f: string) => (error ? error.details.find((d) => d.field === f)?.message : row.errors?.find((e) => e.field === f)?.message);
  const retry = useMutation(
    trpc.webforms.retry.mutationOptions({
      onSuccess: async () => {
        message.success(tr('webForm.s.retried'));
        await qc.invalidateQueries({ queryKey: ['webforms.submissions'] });
        onDone();
      },
      onError: async (e) => {
        setError(appErrorOf(e));
        await qc.invalidateQueries({ queryKey: ['webforms.submissions'] });
      },
    }),
  );
  return (
    <div>
      <DetailsAlert error={error && !error.details.some((d) => d.field) ? error : null} />
      {fields.map((f) => (
        <div key={f} style={{ marginBottom: 12 }}>
          <label htmlFor={`retry_${f}`} style={{ display: 'block', fontWeight: 500 }}>
            {f}
          </label>
          <Input
            id={`retry_${f}`}
            value={values[f] ?? ''}
            status={errorOf(f) ? 'error' : undefined}
            aria-describedby={errorOf(f) ? `retry_${f}_error` : undefined}
            onChange={(e) => setValues({ ...values, [f]: e.target.value })}
          />
          {errorOf(f) && (
            <Typography.Text id={`retry_${f}_error`} type="danger">
              {errorOf(f)}
            </Typography.Text>
          )}
        </div>
      ))}
      <Button
        type="primary"
        loading={retry.isPending}
        onClick={() => retry.mutate({ id: row.id, values: Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '')) })}
      >
        {tr('webForm.s.retryNow')}
      </Button>
    </div>
  );
}
