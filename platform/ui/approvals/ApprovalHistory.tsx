'use client';
/** Every approval request of a record, newest first, each with its full history: who did what, when, at which step, with their comment. */
import { Empty, Space, Timeline, Typography } from 'antd';
import { useT } from '../i18n';
import { StatusTag } from './StatusTag';
import type { EventView, RequestView } from './types';

const COLORS: Record<string, string> = {
  approved: 'green',
  auto_approved: 'green',
  rejected: 'red',
  recalled: 'gray',
  skipped: 'gray',
  sent_back: 'red',
  reopened: 'orange',
  cancelled: 'gray',
};

/** A list of labels as a sentence part: "Amount, Date" / "金额、日期". */
export function joinLabels(labels: string[], locale: string): string {
  return labels.join(locale === 'zh-CN' ? '、' : ', ');
}

/** The sentence for one approval event (shared with the record page's activity timeline). */
export function useEventText() {
  const { tr, label, locale } = useT();
  return (e: EventView, request: RequestView): string => {
    const d = e.details ?? {};
    let text: string;
    if (e.action === 'completed') {
      const outcome = String(d.outcome ?? '');
      text = tr('approvalUi.event.completed', { outcome: outcome === 'approved' || outcome === 'rejected' ? tr(`approval.status.${outcome}`) : outcome });
    } else if (e.action === 'delegated') {
      // The delegate is the approver of that step who holds the item "for" the actor.
      const to = request.steps.flatMap((s) => s.approvers).find((a) => a.userId === d.to)?.name;
      text = to ? tr('approvalUi.event.delegatedTo', { name: to }) : tr('approvalUi.event.delegated');
    } else if (e.action === 'reopened') {
      // Labels as they were when the record was edited (stored with the event).
      const labels = Array.isArray(d.labels) ? (d.labels as { en: string; zh: string }[]).map((l) => label(l)) : [];
      text = tr('approvalUi.event.reopened', { fields: joinLabels(labels, locale) });
    } else if (e.action === 'transferred') {
      text = tr('approvalUi.event.transferred', { from: String(d.fromName ?? ''), to: String(d.toName ?? '') });
      if (d.submitterMoved) text += ` ${tr('approvalUi.event.submitterMoved', { to: String(d.toName ?? '') })}`;
    } else if (e.action in EVENT_KEYS) {
      text = tr(EVENT_KEYS[e.action]);
    } else {
      text = e.action;
    }
    if (e.stepLabel) text += ` · ${label(e.stepLabel)}`;
    if (d.asAdmin) text += ` ${tr('approvalUi.event.asAdmin')}`;
    if (d.reason === 'noApprover') text += ` ${tr('approvalUi.event.noApprover')}`;
    if (d.reason === 'submitter') text += ` ${tr('approvalUi.event.selfApproved')}`;
    return text;
  };
}

const EVENT_KEYS: Record<string, Parameters<ReturnType<typeof useT>['tr']>[0]> = {
  submitted: 'approvalUi.event.submitted',
  step_started: 'approvalUi.event.step_started',
  skipped: 'approvalUi.event.skipped',
  auto_approved: 'approvalUi.event.auto_approved',
  approved: 'approvalUi.event.approved',
  rejected: 'approvalUi.event.rejected',
  sent_back: 'approvalUi.event.sent_back',
  recalled: 'approvalUi.event.recalled',
  cancelled: 'approvalUi.event.cancelled',
};

function RequestHistory({ request }: { request: RequestView }) {
  const { tr, label, locale } = useT();
  const eventText = useEventText();
  const heading = tr('approvalUi.request', {
    flow: label(request.flow.label),
    version: request.flow.version,
    name: request.submittedBy.name,
    when: new Date(request.submittedAt).toLocaleString(locale),
  });
  return (
    <section aria-label={heading} style={{ marginBottom: 12 }}>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ fontSize: 14, margin: 0 }}>
          {heading}
        </Typography.Title>
        <StatusTag status={request.status} />
      </Space>
      <Timeline
        items={request.events.map((e, i) => ({
          key: `${e.at}-${i}`,
          color: COLORS[e.action] ?? 'blue',
          content: (
            <div>
              <Typography.Text strong>{e.actor?.name ?? tr('approvalUi.system')}</Typography.Text> <Typography.Text>{eventText(e, request)}</Typography.Text>{' '}
              <Typography.Text type="secondary">{new Date(e.at).toLocaleString(locale)}</Typography.Text>
              {e.comment && (
                <div>
                  <Typography.Text italic>“{e.comment}”</Typography.Text>
                </div>
              )}
            </div>
          ),
        }))}
      />
    </section>
  );
}

export function ApprovalHistory({ requests }: { requests: RequestView[] }) {
  const { tr } = useT();
  return (
    <section aria-label={tr('approvalUi.history')}>
      <Typography.Title level={3} style={{ fontSize: 14, margin: '16px 0 12px' }}>
        {tr('approvalUi.history')}
      </Typography.Title>
      {requests.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('approvalUi.historyEmpty')} />
      ) : (
        requests.map((r) => <RequestHistory key={r.id} request={r} />)
      )}
    </section>
  );
}
