'use client';
/**
 * The Activity tab: what happened to the record that exists today (its stage changes and every
 * approval event), newest first; tasks, calls and visit logs come with the activities capability
 * into the slot marked below.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Timeline, Typography } from 'antd';
import { useEventText } from '../approvals/ApprovalHistory';
import { useRecordApproval } from '../approvals/ApprovalPanel';
import { useT } from '../i18n';
import { stageLabelOf, type ProcessesInfo } from '../process/types';
import { useTRPC } from '../trpc';

interface Item {
  key: string;
  at: string;
  who: string;
  text: string;
  comment?: string | null;
  color: string;
}

export function ActivityTab({ object, id, processes }: { object: string; id: string; processes: ProcessesInfo | null }) {
  const trpc = useTRPC();
  const { tr, label, locale } = useT();
  const eventText = useEventText();
  const stages = useQuery({ ...trpc.process.history.queryOptions({ object, id }), enabled: Boolean(processes) });
  const approval = useRecordApproval(object, id);
  const items: Item[] = [];
  for (const e of stages.data ?? []) {
    const stage = label(stageLabelOf(processes!, e.to, e.process)) || e.to;
    items.push({ key: `s-${e.changedAt}-${e.to}`, at: e.changedAt, who: e.changedByName ?? '', text: tr('rec.activity.stage', { stage }), color: 'blue' });
  }
  for (const r of approval.data?.requests ?? []) {
    r.events.forEach((e, i) => {
      const text = tr('rec.activity.approval', { status: eventText(e, r) });
      items.push({ key: `a-${r.id}-${i}`, at: e.at, who: e.actor?.name ?? tr('approvalUi.system'), text, comment: e.comment, color: 'purple' });
    });
  }
  items.sort((a, b) => b.at.localeCompare(a.at));
  const loading = stages.isLoading || approval.isLoading;
  return (
    <section aria-label={tr('rec.tab.activity')}>
      {/* Slot for the activity composer and timeline of the activities capability (tasks, calls, visit logs). */}
      <Alert type="info" showIcon title={tr('rec.activity.slot')} style={{ marginBottom: 16 }} data-slot="activities" />
      {!loading && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('rec.activity.empty')} />
      ) : (
        <Timeline
          items={items.map((it) => ({
            key: it.key,
            color: it.color,
            content: (
              <div>
                <Typography.Text strong>{it.who}</Typography.Text> <Typography.Text>{it.text}</Typography.Text>{' '}
                <Typography.Text type="secondary">{new Date(it.at).toLocaleString(locale)}</Typography.Text>
                {it.comment && (
                  <div>
                    <Typography.Text italic>“{it.comment}”</Typography.Text>
                  </div>
                )}
              </div>
            ),
          }))}
        />
      )}
    </section>
  );
}
