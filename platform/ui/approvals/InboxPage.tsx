'use client';
/**
 * My approvals: what waits for the signed-in user's decision, oldest first. Each row opens its
 * record, or is approved or rejected here with a comment; selected rows are approved together
 * (each on its own: the ones that fail are listed with why). "Load more" follows the cursor.
 */
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Grid, List, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { AdminPage } from '../admin/common';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { RecordLink } from '../RecordLink';
import { useTRPC } from '../trpc';
import type { FieldInfo, RecordValues } from '../types';
import { CommentDialog } from './CommentDialog';
import { InboxDetails } from './InboxDetails';
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
  const narrow = !Grid.useBreakpoint().md;
  // Key fields of every page's records (the pages were read as this user: access applies).
  const fieldsOf = Object.assign({}, ...(inbox.data?.pages ?? []).map((p) => p.details.fields)) as Record<string, FieldInfo[]>;
  const recordOf = Object.assign({}, ...(inbox.data?.pages ?? []).map((p) => p.details.records)) as Record<string, RecordValues>;
  const details = (i: InboxItem) => <InboxDetails fields={fieldsOf[i.object] ?? []} record={recordOf[i.recordId]} />;
  const decide = (i: InboxItem) => (
    <Space size="small">
      <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setAction({ kind: 'approve', item: i })} aria-label={`${tr('approvalUi.approve')} ${nameOf(i)}`}>
        {tr('approvalUi.approve')}
      </Button>
      <Button size="small" danger icon={<CloseOutlined />} onClick={() => setAction({ kind: 'reject', item: i })} aria-label={`${tr('approvalUi.reject')} ${nameOf(i)}`}>
        {tr('approvalUi.reject')}
      </Button>
    </Space>
  );
  const what = (i: InboxItem) => (
    <Space orientation="vertical" size={0}>
      <RecordLink object={i.object} recordId={i.recordId}>
        {nameOf(i)}
      </RecordLink>
      <Typography.Text style={{ color: '#595959', fontSize: 12 }}>
        {label(i.objectLabel)} · {label(i.flow)} · {label(i.step)}
      </Typography.Text>
    </Space>
  );
  const who = (i: InboxItem) => (
    <Space orientation="vertical" size={0}>
      <span>{i.submittedBy}</span>
      <Typography.Text style={{ color: '#595959', fontSize: 12 }}>{when(i.submittedAt)}</Typography.Text>
      {i.delegatedFrom && <Typography.Text style={{ color: '#595959', fontSize: 12 }}>{tr('approvalUi.delegatedFrom', { name: i.delegatedFrom })}</Typography.Text>}
    </Space>
  );

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
      {narrow ? (
        <List<InboxItem>
          loading={inbox.isLoading}
          dataSource={items}
          locale={{ emptyText: tr('approvalUi.inboxEmpty') }}
          renderItem={(i) => (
            <List.Item key={i.itemId} style={{ display: 'block' }}>
              {what(i)}
              <div style={{ margin: '6px 0' }}>{details(i)}</div>
              <Typography.Text style={{ color: '#595959', fontSize: 12, display: 'block', marginBottom: 6 }}>
                {i.submittedBy} · {when(i.submittedAt)}
              </Typography.Text>
              {decide(i)}
            </List.Item>
          )}
        />
      ) : (
        <Table<InboxItem>
          size="small"
          rowKey="itemId"
          loading={inbox.isLoading}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: tr('approvalUi.inboxEmpty') }}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
            getCheckboxProps: (i) => ({ 'aria-label': tr('approvalUi.selectRow', { record: nameOf(i) }) }),
          }}
          columns={[
            { key: 'record', title: tr('approvalUi.col.record'), render: (_, i) => what(i) },
            { key: 'details', title: tr('approvalUi.col.details'), render: (_, i) => details(i) },
            { key: 'by', title: tr('approvalUi.col.submittedBy'), render: (_, i) => who(i) },
            { key: 'since', title: tr('approvalUi.col.assignedAt'), render: (_, i) => when(i.assignedAt) },
            { key: 'actions', title: tr('approvalUi.col.actions'), render: (_, i) => decide(i) },
          ]}
        />
      )}
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
