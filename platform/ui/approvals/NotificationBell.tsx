'use client';
/**
 * The bell in the header: how many notifications are unread, and the latest ones in a popover
 * (title, text, time, a link to the record), with "Mark all read". Polled every 30 seconds.
 */
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Popover, Space, Typography } from 'antd';
import Link from 'next/link';
import { useState } from 'react';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import type { NotificationItem } from './types';

const POLL_MS = 30_000;

function Entry({ n, onOpen }: { n: NotificationItem; onOpen(): void }) {
  const { tr, locale } = useT();
  const title = <Typography.Text strong={!n.read}>{n.title}</Typography.Text>;
  return (
    <li style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Space size={6} align="start">
        {!n.read && <Badge status="processing" aria-label={tr('approvalUi.unread')} />}
        <div>
          {n.link ? (
            <Link href={n.link} onClick={onOpen}>
              {title}
            </Link>
          ) : (
            title
          )}
          {n.body && (
            <div>
              <Typography.Text>{n.body}</Typography.Text>
            </div>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {new Date(n.createdAt).toLocaleString(locale)}
          </Typography.Text>
        </div>
      </Space>
    </li>
  );
}

export function NotificationBell() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { tr } = useT();
  const [open, setOpen] = useState(false);
  const list = useQuery({ ...trpc.approvals.notifications.queryOptions({ limit: 20 }), refetchInterval: POLL_MS });
  const markRead = useMutation(
    trpc.approvals.markRead.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.approvals.notifications.pathKey() }),
    }),
  );
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];
  const title = tr('approvalUi.notifications');
  const content = (
    <section aria-label={title} style={{ width: 360, maxHeight: 420, overflowY: 'auto' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={2} style={{ fontSize: 15, margin: 0 }}>
          {title}
        </Typography.Title>
        <Button size="small" type="link" disabled={unread === 0} loading={markRead.isPending} onClick={() => markRead.mutate({})}>
          {tr('approvalUi.markAllRead')}
        </Button>
      </Space>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('approvalUi.notificationsEmpty')} />
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((n) => (
            <Entry
              key={n.id}
              n={n}
              onOpen={() => {
                setOpen(false);
                if (!n.read) markRead.mutate({ ids: [n.id] });
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <Popover trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} content={content}>
      <Button
        type="text"
        aria-label={unread ? tr('approvalUi.notificationsUnread', { count: unread }) : title}
        aria-expanded={open}
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
