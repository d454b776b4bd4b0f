'use client';
/**
 * My approvals: what waits for the signed-in user's decision, oldest first. Each row opens its
 * record, or is approved or rejected here with a comment; selected rows are approved together
 * (each on its own: the ones that fail are listed with why). "Load more" follows the cursor.
 */
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table, Typography } from 'antd';
import Link from 'next/link';
import { useState } from 'react';
import { AdminPage } from '../admin/common';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { CommentDialog } from './CommentDialog';
import type { InboxItem } from './types';
import { useApprovalRefresh } from './useApprovalRefresh';

const PAGE = 50;

type Action = { kind: 'approve' | 'reject'; item: InboxItem } | { kind: 'bulk'; requestIds: string[] } | null;

interface BulkReport {
  approved: number;
  failed: { name: string; message: string }[];
}

export function InboxPage() {
  const trpc = useTRPC();
  const refresh = useApprovalRefresh();
  const { message } = App.useApp();
  const { tr, label, locale } = useT();
  const inbox = useInfiniteQuery(trpc.approvals.inbox.infiniteQueryOptions({ limit: PAGE }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  const [selected, setSelected] = useState<string[]>([]);
  const [action, setAction] = useState<Action>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);
  const items = (inbox.data?.pages ?? []).flatMap((p) => p.items);
  const total = inbox.data?.pages[inbox.data.pages.length - 1]?.total ?? 0;
  const nameOf = (i: InboxItem) => i.recordName ?? i.recordId;

  const close = () => {
    setAction(null);
    setError(null);
  };
  const decided = (key: 'approvalUi.approved' | 'approvalUi.rejected') => async () => {
    close();
    message.success(tr(key));
    await refresh();
  };
  const fail = async (e: unknown) => {
    setError(appErrorOf(e)?.message ?? null);
    await refresh();
  };
  const approve = useMutation(trpc.approvals.approve.mutationOptions({ onSuccess: decided('approvalUi.approved'), onError: fail }));
  const reject = useMutation(trpc.approvals.reject.mutationOptions({ onSuccess: decided('approvalUi.rejected'), onError: fail }));
  const bulk = useMutation(
    trpc.approvals.bulkApprove.mutationOptions({
      onSuccess: async (res) => {
        const byRequest = new Map(items.map((i) => [i.requestId, nameOf(i)]));
        setReport({ approved: res.approved.length, failed: res.failed.map((f) => ({ name: byRequest.get(f.requestId) ?? f.requestId, message: f.message })) });
        setSelected([]);
        close();
        await refresh();
      },
      onError: fail,
    }),
  );

  const onOk = (comment: string | null) => {
    if (!action) return;
    if (action.kind === 'bulk') bulk.mutate({ requestIds: action.requestIds, comment });
    else (action.kind === 'approve' ? approve : reject).mutate({ requestId: action.item.requestId, comment });
  };
  const when = (iso: string) => new Date(iso).toLocaleString(locale);
  const selectedRequests = [...new Set(items.filter((i) => selected.includes(i.itemId)).map((i) => i.requestId))];
  const dialogTitle = !action
    ? ''
    : action.kind === 'bulk'
      ? tr('approvalUi.bulkTitle', { count: action.requestIds.length })
      : tr(action.kind === 'approve' ? 'approvalUi.approveTitle' : 'approvalUi.rejectTitle', { record: nameOf(action.item) });

  const err = appErrorOf(inbox.error);
  return (
    <AdminPage
      title={tr('approvalUi.inbox')}
      extra={
        <Typography.Text type="secondary" role="status">
          {tr('approvalUi.inboxCount', { count: total })}
        </Typography.Text>
      }
    >
      {err && <Alert role="alert" type="error" title={err.message} style={{ marginBottom: 12 }} />}
      {report && (
        <Alert
          role="status"
          showIcon
          closable={{ onClose: () => setReport(null) }}
          style={{ marginBottom: 12 }}
          type={report.failed.length ? 'warning' : 'success'}
          title={[tr('approvalUi.bulkDone', { count: report.approved }), report.failed.length ? tr('approvalUi.bulkFailed', { count: report.failed.length }) : '']
            .filter(Boolean)
            .join(' · ')}
          description={
            report.failed.length > 0 && (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {report.failed.map((f, i) => (
                  <li key={i}>
                    {f.name}: {f.message}
                  </li>
                ))}
              </ul>
            )
          }
        />
      )}
      <Space style={{ marginBottom: 12 }}>
        <Button
          type="primary"
          icon={<CheckOutlined />}
          disabled={!selectedRequests.length}
          onClick={() => {
            setReport(null);
            setAction({ kind: 'bulk', requestIds: selectedRequests });
          }}
        >
          {tr('approvalUi.approveSelected', { count: selectedRequests.length })}
        </Button>
      </Space>
      <Table<InboxItem>
        size="small"
        rowKey="itemId"
        loading={inbox.isLoading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: tr('approvalUi.inboxEmpty') }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (i) => ({ 'aria-label': tr('approvalUi.selectRow', { record: nameOf(i) }) }),
        }}
        columns={[
          { key: 'record', title: tr('approvalUi.col.record'), render: (_, i) => <Link href={`/o/${i.object}/${i.recordId}`}>{nameOf(i)}</Link> },
          { key: 'object', title: tr('approvalUi.col.object'), render: (_, i) => label(i.objectLabel) },
          { key: 'flow', title: tr('approvalUi.col.flow'), render: (_, i) => label(i.flow) },
          { key: 'step', title: tr('approvalUi.col.step'), render: (_, i) => label(i.step) },
          { key: 'by', title: tr('approvalUi.col.submittedBy'), dataIndex: 'submittedBy' },
          { key: 'at', title: tr('approvalUi.col.submittedAt'), render: (_, i) => when(i.submittedAt) },
          { key: 'since', title: tr('approvalUi.col.assignedAt'), render: (_, i) => when(i.assignedAt) },
          { key: 'from', title: tr('approvalUi.col.delegatedFrom'), render: (_, i) => i.delegatedFrom ?? '' },
          {
            key: 'actions',
            title: tr('approvalUi.col.actions'),
            render: (_, i) => (
              <Space size="small">
                <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setAction({ kind: 'approve', item: i })}>
                  {tr('approvalUi.approve')}
                </Button>
                <Button size="small" danger icon={<CloseOutlined />} onClick={() => setAction({ kind: 'reject', item: i })}>
                  {tr('approvalUi.reject')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {inbox.hasNextPage && (
        <Card size="small" variant="borderless" style={{ textAlign: 'center' }}>
          <Button onClick={() => inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>
            {tr('approvalUi.loadMore')}
          </Button>
        </Card>
      )}
      <CommentDialog
        open={action !== null}
        title={dialogTitle}
        busy={approve.isPending || reject.isPending || bulk.isPending}
        error={error}
        danger={action?.kind === 'reject'}
        okText={action?.kind === 'reject' ? tr('approvalUi.reject') : tr('approvalUi.approve')}
        onCancel={close}
        onOk={onOk}
      />
    </AdminPage>
  );
}
