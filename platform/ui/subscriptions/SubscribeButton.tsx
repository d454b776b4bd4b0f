'use client';
/**
 * "Subscribe" on a report or dashboard page: a button opening a dialog to receive it by e-mail,
 * daily or weekly, at an hour of the workspace's time zone (tRPC `subscriptions.*`). Shows
 * "Subscribed" once the user has a subscription, and why the last e-mail was not sent, if so.
 */
import { MailOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import type { MessageKey } from '../../core/i18n';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';

export interface SubscribeButtonProps {
  targetKind: 'report' | 'dashboard';
  /** The report's or dashboard's name. */
  target: string;
  /** Its title, for the dialog's heading. */
  title: string;
  /** Dashboards: the filters on screen, kept by the subscription. */
  filters?: Record<string, unknown>;
}

interface Values {
  frequency: 'daily' | 'weekly';
  hour: number;
  weekday?: number;
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

export function SubscribeButton({ targetKind, target, title, filters }: SubscribeButtonProps) {
  const trpc = useTRPC();
  const { tr } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const listOptions = trpc.subscriptions.list.queryOptions({ targetKind, target });
  const current = useQuery(listOptions).data?.[0];
  const timeZone = useQuery({ ...trpc.subscriptions.timeZone.queryOptions(), enabled: open, staleTime: Infinity }).data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: listOptions.queryKey });
  const onError = (e: unknown) => setError(appErrorOf(e)?.message ?? String(e));
  const save = useMutation(
    trpc.subscriptions.save.mutationOptions({
      onSuccess: async () => {
        await refresh();
        message.success(tr('subscription.saved'));
        setOpen(false);
      },
      onError,
    }),
  );
  const remove = useMutation(
    trpc.subscriptions.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        message.success(tr('subscription.removed'));
        setOpen(false);
      },
      onError,
    }),
  );
  const frequency = Form.useWatch('frequency', form);
  const submit = (v: Values) => {
    setError(null);
    save.mutate({ targetKind, target, frequency: v.frequency, hour: v.hour, weekday: v.frequency === 'weekly' ? (v.weekday ?? 1) : null, filters: (filters ?? null) as never });
  };
  const initial: Values = current ? { frequency: current.frequency, hour: current.hour, weekday: current.weekday ?? 1 } : { frequency: 'weekly', hour: 8, weekday: 1 };
  const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

  return (
    <>
      <Button icon={<MailOutlined />} onClick={() => setOpen(true)} aria-haspopup="dialog">
        {tr(current ? 'subscription.buttonSubscribed' : 'subscription.button')}
      </Button>
      {open && (
        <Modal
          open
          title={tr('subscription.dialogTitle', { title })}
          okText={tr('ui.save')}
          cancelText={tr('ui.cancel')}
          confirmLoading={save.isPending}
          onOk={() => form.submit()}
          onCancel={() => setOpen(false)}
          footer={(buttons) => (
            <>
              {current && (
                <Button danger loading={remove.isPending} onClick={() => remove.mutate({ id: current.id })}>
                  {tr('subscription.unsubscribe')}
                </Button>
              )}
              {buttons}
            </>
          )}
        >
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          {current?.lastStatus === 'skipped' && current.lastError && (
            <Alert type="warning" showIcon message={tr('subscription.lastSkipped', { reason: current.lastError })} style={{ marginBottom: 12 }} />
          )}
          <Form<Values> form={form} name="subscription" layout="vertical" initialValues={initial} onFinish={submit} requiredMark={false}>
            <Form.Item label={tr('subscription.frequencyLabel')} name="frequency">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'daily', label: tr('subscription.daily') },
                  { value: 'weekly', label: tr('subscription.weekly') },
                ]}
              />
            </Form.Item>
            {frequency === 'weekly' && (
              <Form.Item label={tr('subscription.weekdayLabel')} name="weekday">
                <Select options={WEEKDAYS.map((d) => ({ value: d, label: tr(`weekday.${d}` as MessageKey) }))} />
              </Form.Item>
            )}
            <Form.Item label={tr('subscription.hourLabel')} name="hour">
              <Select options={HOURS.map((h) => ({ value: h, label: hourLabel(h) }))} />
            </Form.Item>
          </Form>
          {timeZone && <Typography.Text type="secondary">{tr('subscription.timeZone', { zone: timeZone })}</Typography.Text>}
        </Modal>
      )}
    </>
  );
}
