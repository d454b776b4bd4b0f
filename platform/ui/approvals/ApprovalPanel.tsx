'use client';
/**
 * A record's approval panel: the status of its current (or last) request, the flow and version,
 * the steps with the current step's approvers, the actions the caller may take (submit with a
 * comment, approve or reject with a comment, recall) and the full history of every request.
 * Shown for records of objects with approval flows, or that have had requests.
 */
import { CheckOutlined, CloseOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import { useId, useState } from 'react';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { ApprovalHistory, joinLabels } from './ApprovalHistory';
import { ApprovalSteps } from './ApprovalSteps';
import { CommentDialog } from './CommentDialog';
import { StatusTag } from './StatusTag';
import type { RequestView } from './types';
import { useApprovalRefresh } from './useApprovalRefresh';

/** The record's approvals (shared by the panel and the record page's lock). */
export function useRecordApproval(object: string, id: string) {
  const trpc = useTRPC();
  return useQuery(trpc.approvals.forRecord.queryOptions({ object, id }));
}

/** Approve or reject the current step, with a comment typed in place. */
function DecisionBox({ request }: { request: RequestView }) {
  const trpc = useTRPC();
  const refresh = useApprovalRefresh();
  const { message } = App.useApp();
  const { tr } = useT();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const done = (key: 'approvalUi.approved' | 'approvalUi.rejected') => async () => {
    setComment('');
    setError(null);
    message.success(tr(key));
    await refresh();
  };
  const fail = async (e: unknown) => {
    setError(appErrorOf(e)?.message ?? null);
    await refresh();
  };
  const approve = useMutation(trpc.approvals.approve.mutationOptions({ onSuccess: done('approvalUi.approved'), onError: fail }));
  const reject = useMutation(trpc.approvals.reject.mutationOptions({ onSuccess: done('approvalUi.rejected'), onError: fail }));
  const busy = approve.isPending || reject.isPending;
  const input = { requestId: request.id, comment: comment.trim() || null };
  return (
    <section aria-label={tr('approvalUi.yourDecision')} style={{ marginTop: 12, padding: 12, background: '#fafafa', borderRadius: 6 }}>
      <Typography.Title level={3} style={{ fontSize: 14, marginTop: 0 }}>
        {tr('approvalUi.yourDecision')}
      </Typography.Title>
      {error && <Alert role="alert" type="error" title={error} style={{ marginBottom: 12 }} closable={{ onClose: () => setError(null) }} />}
      <Form layout="vertical">
        <Form.Item label={tr('approvalUi.comment')} htmlFor={inputId} style={{ marginBottom: 8 }}>
          <Input.TextArea id={inputId} rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </Form.Item>
      </Form>
      <Space>
        <Button type="primary" icon={<CheckOutlined />} loading={approve.isPending} disabled={busy} onClick={() => approve.mutate(input)}>
          {tr('approvalUi.approve')}
        </Button>
        <Button danger icon={<CloseOutlined />} loading={reject.isPending} disabled={busy} onClick={() => reject.mutate(input)}>
          {tr('approvalUi.reject')}
        </Button>
      </Space>
    </section>
  );
}

/** The one action dialog open at a time: submit or recall. */
type Dialog = 'submit' | 'recall' | null;

export function ApprovalPanel({ object, id, recordName }: { object: string; id: string; recordName: string }) {
  const trpc = useTRPC();
  const refresh = useApprovalRefresh();
  const { message } = App.useApp();
  const { tr, label, locale } = useT();
  const approval = useRecordApproval(object, id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const close = () => {
    setDialog(null);
    setDialogError(null);
  };
  const after = (key: 'approvalUi.submitted' | 'approvalUi.recalled') => async () => {
    close();
    message.success(tr(key));
    await refresh();
  };
  const fail = async (e: unknown) => {
    setDialogError(appErrorOf(e)?.message ?? null);
    await refresh();
  };
  const submit = useMutation(trpc.approvals.submit.mutationOptions({ onSuccess: after('approvalUi.submitted'), onError: fail }));
  const recall = useMutation(trpc.approvals.recall.mutationOptions({ onSuccess: after('approvalUi.recalled'), onError: fail }));

  const a = approval.data;
  if (approval.error) return <Alert type="error" title={appErrorOf(approval.error)?.message} style={{ marginTop: 16 }} />;
  if (!a || (!a.hasFlows && a.requests.length === 0)) return null;
  const shown = a.current ?? a.requests[0] ?? null;
  const title = tr('approvalUi.title');
  return (
    <section aria-label={title}>
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={
          <Typography.Title level={2} style={{ fontSize: 15, margin: 0 }}>
            {title}
          </Typography.Title>
        }
        extra={
          <Space>
            {a.canSubmit && (
              <Button type="primary" icon={<SendOutlined />} onClick={() => setDialog('submit')}>
                {tr('approvalUi.submit')}
              </Button>
            )}
            {a.current?.canRecall && (
              <Button icon={<RollbackOutlined />} onClick={() => setDialog('recall')}>
                {tr('approvalUi.recall')}
              </Button>
            )}
          </Space>
        }
      >
        {shown ? (
          <>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'status', label: tr('approvalUi.status'), children: <StatusTag status={shown.status} /> },
                { key: 'flow', label: tr('approvalUi.flow'), children: tr('approvalUi.flowVersion', { flow: label(shown.flow.label), version: shown.flow.version }) },
                { key: 'by', label: tr('approvalUi.submittedBy'), children: shown.submittedBy.name },
                { key: 'at', label: tr('approvalUi.submittedAt'), children: new Date(shown.submittedAt).toLocaleString(locale) },
                ...(shown.completedAt ? [{ key: 'done', label: tr('approvalUi.completedAt'), children: new Date(shown.completedAt).toLocaleString(locale) }] : []),
              ]}
            />
            {a.afterApproval && (
              <Alert
                type="info"
                showIcon
                style={{ margin: '8px 0' }}
                title={tr(a.afterApproval.onEdit === 'lock' ? 'approvalUi.afterLock' : 'approvalUi.afterReopen', {
                  fields: joinLabels(
                    a.afterApproval.fields.map((f) => label(f)),
                    locale,
                  ),
                })}
              />
            )}
            <ApprovalSteps request={shown} />
            {shown.canAct && <DecisionBox request={shown} />}
          </>
        ) : (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {tr('approvalUi.notSubmitted')}
          </Typography.Paragraph>
        )}
        {!a.current &&
          (a.flow ? (
            a.canSubmit && (
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                {tr('approvalUi.willUse', { flow: label(a.flow.label) })}
              </Typography.Paragraph>
            )
          ) : (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {tr('approvalUi.noFlowNow')}
            </Typography.Paragraph>
          ))}
        <ApprovalHistory requests={a.requests} />
      </Card>
      <CommentDialog
        open={dialog === 'submit'}
        title={tr('approvalUi.submitTitle', { record: recordName })}
        okText={tr('approvalUi.submit')}
        busy={submit.isPending}
        error={dialogError}
        onCancel={close}
        onOk={(comment) => submit.mutate({ object, id, comment })}
      >
        {a.flow && <Typography.Paragraph>{tr('approvalUi.willUse', { flow: label(a.flow.label) })}</Typography.Paragraph>}
      </CommentDialog>
      <CommentDialog
        open={dialog === 'recall'}
        title={tr('approvalUi.recallTitle')}
        okText={tr('approvalUi.recall')}
        danger
        busy={recall.isPending}
        error={dialogError}
        onCancel={close}
        onOk={(comment) => a.current && recall.mutate({ requestId: a.current.id, comment })}
      />
    </section>
  );
}
