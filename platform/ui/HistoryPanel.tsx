'use client';
/** A record's field history: who changed what, from what to what, when and through which channel. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Table, Typography } from 'antd';
import { displayValue } from './format';
import { useT } from './i18n';
import { useTRPC } from './trpc';
import type { FieldInfo } from './types';

interface Entry {
  id: number;
  field: string;
  old: unknown;
  new: unknown;
  user: string | null;
  at: string;
  channel: string;
}

export function HistoryPanel({ object, id, fields }: { object: string; id: string; fields: FieldInfo[] }) {
  const trpc = useTRPC();
  const { tr, label, locale } = useT();
  const query = useInfiniteQuery(
    trpc.records.history.infiniteQueryOptions({ object, id }, { getNextPageParam: (last) => (last.more ? last.entries[last.entries.length - 1]?.id : undefined) }),
  );
  const entries = (query.data?.pages ?? []).flatMap((p) => p.entries as Entry[]);
  const names = Object.assign({}, ...(query.data?.pages ?? []).map((p) => p.names as Record<string, string>));
  const byName = new Map(fields.map((f) => [f.name, f]));
  const show = (f: FieldInfo | undefined, value: unknown) => {
    if (value === null || value === undefined) return '';
    if (!f) return typeof value === 'object' ? JSON.stringify(value) : String(value);
    if (typeof value === 'string' && names[value]) return names[value];
    return displayValue(f.type === 'lookup' ? { ...f, type: 'text' } : f, { [f.name]: value }, locale);
  };
  const what = (e: Entry) => {
    const user = (v: unknown) => names[(v as { userId?: string } | null)?.userId ?? ''] ?? '';
    switch (e.field) {
      case '$created':
        return tr('ui.history.created');
      case '$deleted':
        return tr('ui.history.deleted');
      case '$restored':
        return tr('ui.history.restored');
      case '$shared':
        return e.new ? tr('ui.history.shared', { user: user(e.new) }) : tr('ui.history.unshared', { user: user(e.old) });
      case '$assigned': {
        // Which assignment rule and entry gave the record its owner or queue (platform/automation/assignment).
        const a = (e.new ?? {}) as { rule?: string; entry?: string; queue?: string | null; ruleLabel?: { en: string; zh: string }; entryLabel?: { en: string; zh: string } };
        const params = { rule: label(a.ruleLabel) || (a.rule ?? ''), entry: label(a.entryLabel) || (a.entry ?? ''), queue: a.queue ?? '' };
        return a.queue ? tr('history.queued', params) : tr('history.assigned', params);
      }
      case '$team':
        return e.new ? tr('ui.history.teamAdded', { user: user(e.new) }) : tr('ui.history.teamRemoved', { user: user(e.old) });
      default:
        return tr('ui.history.changed', { field: label(byName.get(e.field)?.label) || e.field });
    }
  };
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <Typography.Title level={2} style={{ fontSize: 15, margin: 0 }}>
          {tr('ui.history')}
        </Typography.Title>
      }
    >
      <Table<Entry>
        size="small"
        rowKey="id"
        loading={query.isLoading}
        dataSource={entries}
        pagination={false}
        locale={{ emptyText: tr('ui.history.empty') }}
        columns={[
          { key: 'at', title: tr('ui.history.when'), render: (_, e) => new Date(e.at).toLocaleString(locale) },
          { key: 'who', title: tr('ui.history.who'), render: (_, e) => e.user ?? '' },
          { key: 'what', title: tr('ui.history.what'), render: (_, e) => what(e) },
          { key: 'from', title: tr('ui.history.from'), render: (_, e) => (e.field.startsWith('$') ? '' : show(byName.get(e.field), e.old)) },
          { key: 'to', title: tr('ui.history.to'), render: (_, e) => (e.field.startsWith('$') ? '' : show(byName.get(e.field), e.new)) },
          { key: 'channel', title: tr('ui.history.channel'), render: (_, e) => tr(`ui.channel.${e.channel}` as 'ui.channel.ui') },
        ]}
      />
      {query.hasNextPage && (
        <Button style={{ marginTop: 8 }} onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {tr('ui.history.more')}
        </Button>
      )}
    </Card>
  );
}
