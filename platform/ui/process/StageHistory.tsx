'use client';
/** A record's stage changes: from, to, when, by whom, the amount and probability then, and the days spent in the stage. */
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Typography } from 'antd';
import { displayValue } from '../format';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import type { FieldInfo, RecordValues } from '../types';
import { stageLabelOf, type ProcessesInfo } from './types';

interface Entry {
  process: string;
  from: string | null;
  to: string;
  amount: number | null;
  probability: number | null;
  changedAt: string;
  changedByName: string | null;
  channel: string;
  days: number;
}

export function StageHistory({ object, record, processes, fields }: { object: string; record: RecordValues; processes: ProcessesInfo; fields: FieldInfo[] }) {
  const trpc = useTRPC();
  const { tr, label, locale } = useT();
  const history = useQuery(trpc.process.history.queryOptions({ object, id: String(record.id) }));
  const amountField = fields.find((f) => f.name === processes.amountField);
  const stage = (value: string | null, process: string) => label(stageLabelOf(processes, value, process)) || (value ?? '');
  const amount = (n: number | null) => {
    if (n === null || !amountField) return '';
    const currency = `${amountField.name}_currency`;
    return displayValue(amountField, { [amountField.name]: n, [currency]: record[currency] }, locale);
  };
  // Newest first: the current stage on top.
  const entries = [...((history.data ?? []) as Entry[])].reverse();
  return (
    <section aria-label={tr('stageHistory.title')}>
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={
          <Typography.Title level={2} style={{ fontSize: 15, margin: 0 }}>
            {tr('stageHistory.title')}
          </Typography.Title>
        }
      >
        <Table<Entry>
          size="small"
          rowKey={(e) => `${e.changedAt}-${e.to}`}
          loading={history.isLoading}
          dataSource={entries}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: tr('stageHistory.empty') }}
          columns={[
            { key: 'from', title: tr('stageHistory.from'), render: (_, e) => stage(e.from, e.process) },
            { key: 'to', title: tr('stageHistory.to'), render: (_, e) => stage(e.to, e.process) },
            { key: 'when', title: tr('stageHistory.when'), render: (_, e) => new Date(e.changedAt).toLocaleString(locale) },
            { key: 'by', title: tr('stageHistory.by'), render: (_, e) => e.changedByName ?? '' },
            { key: 'amount', title: tr('stageHistory.amount'), align: 'right', render: (_, e) => amount(e.amount) },
            { key: 'probability', title: tr('stageHistory.probability'), align: 'right', render: (_, e) => (e.probability === null ? '' : `${e.probability}%`) },
            { key: 'days', title: tr('stageHistory.days'), align: 'right', render: (_, e) => e.days },
            { key: 'channel', title: tr('ui.history.channel'), render: (_, e) => tr(`ui.channel.${e.channel}` as 'ui.channel.ui') },
          ]}
        />
      </Card>
    </section>
  );
}
