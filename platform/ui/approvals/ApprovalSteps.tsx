'use client';
/** The steps of one approval request, in order, and who approves the current one (with each approver's decision so far). */
import { Space, Steps, Tag, Typography } from 'antd';
import { useT } from '../i18n';
import type { RequestView, StepView } from './types';

const STEP_STATUS: Record<StepView['state'], 'wait' | 'process' | 'finish' | 'error'> = {
  waiting: 'wait',
  current: 'process',
  approved: 'finish',
  auto_approved: 'finish',
  rejected: 'error',
  skipped: 'wait',
  closed: 'wait',
};
const ITEM_COLORS: Record<string, string> = { pending: 'processing', approved: 'success', rejected: 'error', closed: 'default' };

/** The approvers of one step with their decision and comment. */
function StepApprovers({ step }: { step: StepView }) {
  const { tr, label, locale } = useT();
  const done = step.approvers.filter((a) => a.status === 'approved').length;
  return (
    <div>
      <Typography.Text type="secondary">
        {tr(step.mode === 'all' ? 'approvalUi.mode.all' : 'approvalUi.mode.any')}
        {step.mode === 'all' && step.approvers.length > 0 && ` · ${tr('approvalUi.allProgress', { done, total: step.approvers.length })}`}
      </Typography.Text>
      <ul aria-label={tr('approvalUi.approvers', { step: label(step.label) })} style={{ listStyle: 'none', padding: 0, margin: '6px 0 0' }}>
        {step.approvers.map((a) => (
          <li key={a.userId} style={{ marginBottom: 4 }}>
            <Space size={6} wrap>
              <Typography.Text strong>{a.name}</Typography.Text>
              {a.delegatedFrom && <Typography.Text type="secondary">{tr('approvalUi.delegatedFrom', { name: a.delegatedFrom.name })}</Typography.Text>}
              <Tag color={ITEM_COLORS[a.status] ?? 'default'}>{tr(`approvalUi.item.${a.status}` as 'approvalUi.item.pending')}</Tag>
              {a.actedAt && <Typography.Text type="secondary">{new Date(a.actedAt).toLocaleString(locale)}</Typography.Text>}
              {a.comment && <Typography.Text italic>“{a.comment}”</Typography.Text>}
            </Space>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ApprovalSteps({ request }: { request: RequestView }) {
  const { tr, label } = useT();
  const current = request.currentStep !== null ? request.steps[request.currentStep] : undefined;
  return (
    <div>
      <nav aria-label={tr('approvalUi.steps')}>
        <Steps
          size="small"
          style={{ margin: '8px 0 12px' }}
          current={request.currentStep ?? request.steps.length}
          items={request.steps.map((s) => ({
            title: label(s.label),
            status: STEP_STATUS[s.state],
            content: tr(`approvalUi.state.${s.state}` as 'approvalUi.state.waiting'),
          }))}
        />
      </nav>
      {current && (
        <div>
          <Typography.Text strong>
            {tr('approvalUi.currentStep')}: {label(current.label)}
          </Typography.Text>
          <StepApprovers step={current} />
        </div>
      )}
    </div>
  );
}
