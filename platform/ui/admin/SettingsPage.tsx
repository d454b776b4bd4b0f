'use client';
/** Workspace settings: the month the fiscal year starts in (editable) and the time zone (shown). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Select, Typography } from 'antd';
import { useState } from 'react';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { AdminPage, ErrorAlert, QueryGate } from './common';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export function SettingsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { tr, locale } = useT();
  const settings = useQuery(trpc.admin.settings.queryOptions());
  // The month chosen on this page; until then, the saved one.
  const [chosen, setMonth] = useState<number | undefined>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const save = useMutation(
    trpc.admin.updateSettings.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.admin.settings.queryKey(), data);
        message.success(tr('ui.settings.saved'));
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );
  const title = tr('ui.settings.title');
  if (!settings.data) return <QueryGate title={title} error={settings.error} loading={settings.isLoading} />;
  const month = chosen ?? settings.data.fiscalYearStartMonth;
  const monthName = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  const { thisFiscalYear: fy, timeZone } = settings.data;
  const lastDay = new Date(Date.parse(`${fy.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return (
    <AdminPage title={title}>
      <ErrorAlert error={error} />
      <Form
        layout="vertical"
        style={{ maxWidth: 480 }}
        onFinish={() => {
          setError(null);
          save.mutate({ fiscalYearStartMonth: month });
        }}
      >
        <Form.Item label={tr('ui.settings.fiscalStart')} htmlFor="fiscal-start" extra={tr('ui.settings.fiscalHelp')}>
          <Select
            id="fiscal-start"
            aria-label={tr('ui.settings.fiscalStart')}
            value={month}
            onChange={setMonth}
            // Twelve months, all in the list: a virtual list would leave January unrendered when April is chosen.
            virtual={false}
            listHeight={400}
            options={MONTHS.map((m) => ({ value: m, label: monthName.format(new Date(Date.UTC(2026, m - 1, 1))) }))}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">{tr('ui.settings.example', { from: fy.from, to: lastDay })}</Typography.Paragraph>
        <Form.Item label={tr('ui.settings.timeZone')} htmlFor="time-zone" extra={tr('ui.settings.timeZoneHelp')}>
          <Typography.Text id="time-zone" strong>
            {timeZone}
          </Typography.Text>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={month === settings.data.fiscalYearStartMonth}>
          {tr('ui.settings.save')}
        </Button>
      </Form>
    </AdminPage>
  );
}
