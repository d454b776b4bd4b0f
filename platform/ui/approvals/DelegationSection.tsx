'use client';
/** "Approvals while I am away" on My account: pick an active user who approves for me, optionally until a date; save or clear. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { useUserId } from '../process/useUserId';
import { useApprovalRefresh } from './useApprovalRefresh';

interface Values {
  delegateId?: string;
  until?: Dayjs | null;
}

/** A searchable select of the workspace's active users (other than me). */
function DelegatePicker({ id, value, onChange, currentName }: { id?: string; value?: string; onChange?: (v: string | undefined) => void; currentName?: string }) {
  const trpc = useTRPC();
  const { tr } = useT();
  const me = useUserId();
  const [search, setSearch] = useState('');
  const users = useQuery(trpc.account.findUsers.queryOptions({ search }));
  const options = (users.data ?? []).filter((u) => u.id !== me).map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: currentName ?? value });
  return (
    <Select
      id={id}
      aria-label={tr('approvalUi.delegate')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
      loading={users.isFetching}
      style={{ maxWidth: 420 }}
    />
  );
}

export function DelegationSection() {
  const trpc = useTRPC();
  const refresh = useApprovalRefresh();
  const { message } = App.useApp();
  const { tr, locale } = useT();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const current = useQuery(trpc.approvals.delegation.queryOptions());
  const save = useMutation(
    trpc.approvals.setDelegation.mutationOptions({
      onSuccess: async (d) => {
        setError(null);
        message.success(tr(d.delegate ? 'approvalUi.delegationSaved' : 'approvalUi.delegationCleared'));
        await refresh();
      },
      onError: (e) => setError(appErrorOf(e)?.message ?? null),
    }),
  );
  const d = current.data;
  useEffect(() => {
    if (d) form.setFieldsValue({ delegateId: d.delegate?.id, until: d.until ? dayjs(d.until) : null });
  }, [d, form]);

  const until = d?.until ? new Date(d.until).toLocaleDateString(locale) : null;
  const state = !d?.delegate
    ? tr('approvalUi.delegationNone')
    : until
      ? tr('approvalUi.delegationActiveUntil', { name: d.delegate.name, until })
      : tr('approvalUi.delegationActive', { name: d.delegate.name });
  return (
    <section aria-label={tr('approvalUi.delegation')}>
      <Typography.Paragraph type="secondary">{tr('approvalUi.delegationHelp')}</Typography.Paragraph>
      <Typography.Paragraph role="status">{current.isLoading ? tr('ui.loading') : state}</Typography.Paragraph>
      {error && <Alert role="alert" type="error" title={error} style={{ marginBottom: 12, maxWidth: 520 }} />}
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 520 }}
        onFinish={(v) => save.mutate({ delegateId: v.delegateId ?? null, until: v.until ? v.until.endOf('day').toISOString() : null })}
      >
        <Form.Item name="delegateId" label={tr('approvalUi.delegate')} rules={[{ required: true, message: tr('validation.required', { label: tr('approvalUi.delegate') }) }]}>
          <DelegatePicker currentName={d?.delegate?.name} />
        </Form.Item>
        <Form.Item name="until" label={tr('approvalUi.until')}>
          <DatePicker aria-label={tr('approvalUi.until')} disabledDate={(day) => day.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending && save.variables?.delegateId !== null}>
            {tr('ui.save')}
          </Button>
          <Button
            disabled={!d?.delegate}
            loading={save.isPending && save.variables?.delegateId === null}
            onClick={() => {
              form.resetFields();
              save.mutate({ delegateId: null });
            }}
          >
            {tr('approvalUi.clearDelegation')}
          </Button>
        </Space>
      </Form>
    </section>
  );
}
