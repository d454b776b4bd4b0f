'use client';
/**
 * The convert dialog of a lead: link a suggested account (same normalised company name) or create
 * one, the contact that will be created, and an optional opportunity (name, amount, close date,
 * owner; empty means the server's default). Errors come back with pointers into the request and
 * show next to their input; after converting it goes to the opportunity, else the account.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Tag, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import type { RecordValues } from '../types';

const NEW = '$new';

export function ConvertDialog({ object, record, onClose }: { object: string; record: RecordValues; onClose(): void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { tr } = useT();
  const id = String(record.id);
  const ids = { name: useId(), opp: useId(), oppName: useId(), amount: useId(), close: useId(), owner: useId() };
  const preview = useQuery(trpc.conversion.preview.queryOptions({ object, id }));
  const [picked, setPicked] = useState<string | null>(null);
  const [accountName, setAccountName] = useState(String(record.company ?? ''));
  const [withOpp, setWithOpp] = useState(true);
  const [opp, setOpp] = useState<{ name?: string; amount?: number | null; close_date?: string; owner?: string }>({});
  const [userSearch, setUserSearch] = useState('');
  const users = useQuery({ ...trpc.account.findUsers.queryOptions({ search: userSearch }), enabled: withOpp });
  const [problems, setProblems] = useState<{ message: string; byPointer: Map<string, string> } | null>(null);
  const accounts = preview.data?.accounts ?? [];
  // The best suggestion is chosen until the user picks: an exact match is nearly always right.
  const account = picked ?? (accounts[0]?.exact ? accounts[0].id : NEW);

  const convert = useMutation(
    trpc.conversion.convert.mutationOptions({
      onSuccess: (res) => {
        message.success(tr('conversionUi.done'));
        router.push(res.opportunity ? `/o/opportunity/${res.opportunity}` : `/o/account/${res.account}`);
        // Go first: refetching the lead here would only re-render the page being left.
        void queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() });
      },
      onError: (e) => {
        const err = appErrorOf(e);
        const byPointer = new Map((err?.details ?? []).filter((d) => d.pointer).map((d) => [d.pointer!, d.message]));
        setProblems({ message: err?.message ?? '', byPointer });
      },
    }),
  );
  const submit = () => {
    const values = Object.fromEntries(Object.entries(opp).filter(([, v]) => v !== undefined && v !== null && v !== ''));
    convert.mutate({
      object,
      id,
      body: {
        account: account === NEW ? { create: accountName.trim() ? { name: accountName.trim() } : {} } : { id: account },
        contact: { create: {} },
        opportunity: withOpp ? values : null,
      },
    });
  };
  const help = (pointer: string) => problems?.byPointer.get(pointer);
  const status = (pointer: string) => (help(pointer) ? ('error' as const) : undefined);
  const contactLine = [record.name, record.title, record.email ?? record.mobile ?? record.phone].filter(Boolean).join(' · ');

  return (
    <Modal
      open
      title={tr('conversionUi.title', { name: String(record.name ?? '') })}
      okText={tr('conversionUi.ok')}
      cancelText={tr('ui.cancel')}
      confirmLoading={convert.isPending}
      okButtonProps={{ disabled: preview.isLoading }}
      onCancel={onClose}
      onOk={submit}
    >
      {problems && <Alert role="alert" type="error" title={problems.message} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" component="div">
        <Form.Item label={tr('conversionUi.account')} validateStatus={status('/account/id') ?? status('/account')} help={help('/account/id') ?? help('/account')}>
          <Radio.Group value={account} onChange={(e) => setPicked(e.target.value)} aria-label={tr('conversionUi.account')}>
            <Space orientation="vertical">
              {accounts.map((a) => (
                <Radio key={a.id} value={a.id}>
                  {a.name} <Tag color={a.exact ? 'green' : 'default'}>{tr(a.exact ? 'conversionUi.same' : 'conversionUi.similar')}</Tag>
                </Radio>
              ))}
              <Radio value={NEW}>{tr('conversionUi.newAccount')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        {preview.data && accounts.length === 0 && preview.data.company && (
          <Typography.Paragraph type="secondary">{tr('conversionUi.noMatch', { company: preview.data.company })}</Typography.Paragraph>
        )}
        {account === NEW && (
          <Form.Item label={tr('conversionUi.accountName')} htmlFor={ids.name} validateStatus={status('/account/create/name')} help={help('/account/create/name')}>
            <Input id={ids.name} value={accountName} maxLength={200} onChange={(e) => setAccountName(e.target.value)} />
          </Form.Item>
        )}
        <Form.Item label={tr('conversionUi.contact')} help={help('/contact/create/name') ?? help('/contact/create/email')}>
          <Typography.Text type="secondary">{tr('conversionUi.contactPreview')}</Typography.Text> <Typography.Text strong>{contactLine}</Typography.Text>
        </Form.Item>
        <Form.Item>
          <Space>
            <Switch id={ids.opp} checked={withOpp} onChange={setWithOpp} />
            <label htmlFor={ids.opp}>{tr('conversionUi.opportunity')}</label>
          </Space>
        </Form.Item>
        {withOpp && (
          <>
            <Form.Item label={tr('conversionUi.oppName')} htmlFor={ids.oppName} validateStatus={status('/opportunity/name')} help={help('/opportunity/name')}>
              <Input
                id={ids.oppName}
                placeholder={`${String(record.company || record.name || '')} - …`}
                maxLength={200}
                onChange={(e) => setOpp({ ...opp, name: e.target.value })}
              />
            </Form.Item>
            <Space wrap size={16} style={{ width: '100%' }}>
              <Form.Item label={tr('conversionUi.amount')} htmlFor={ids.amount} validateStatus={status('/opportunity/amount')} help={help('/opportunity/amount')}>
                <InputNumber id={ids.amount} min={0} style={{ width: 160 }} onChange={(v) => setOpp({ ...opp, amount: v === null ? null : Number(v) })} />
              </Form.Item>
              <Form.Item
                label={tr('conversionUi.closeDate')}
                htmlFor={ids.close}
                validateStatus={status('/opportunity/close_date')}
                help={help('/opportunity/close_date') ?? tr('conversionUi.closeDateHint')}
              >
                <Input id={ids.close} type="date" style={{ width: 160 }} onChange={(e) => setOpp({ ...opp, close_date: e.target.value })} />
              </Form.Item>
            </Space>
            <Form.Item label={tr('conversionUi.owner')} htmlFor={ids.owner} validateStatus={status('/opportunity/owner')} help={help('/opportunity/owner')}>
              <Select
                id={ids.owner}
                allowClear
                placeholder={tr('conversionUi.ownerHint')}
                showSearch={{ filterOption: false, onSearch: setUserSearch }}
                value={opp.owner}
                onChange={(v) => setOpp({ ...opp, owner: v })}
                loading={users.isFetching}
                options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` }))}
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
