'use client';
/** The "My approvals" navigation entry, with how many approvals wait for the signed-in user (polled every 30 seconds). */
import { useQuery } from '@tanstack/react-query';
import { Badge } from 'antd';
import Link from 'next/link';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';

export function ApprovalsNavLink() {
  const trpc = useTRPC();
  const { tr } = useT();
  const inbox = useQuery({ ...trpc.approvals.inbox.queryOptions({ limit: 1 }), refetchInterval: 30_000 });
  const count = inbox.data?.total ?? 0;
  const name = tr('approvalUi.inbox');
  return (
    <Link href="/approvals" aria-label={count ? `${name} (${tr('approvalUi.inboxCount', { count })})` : name}>
      {name} {/* The count is in the link's name already; hidden so the name contains all the visible text. */}
      <span aria-hidden="true">
        <Badge count={count} size="small" style={{ marginInlineStart: 4 }} />
      </span>
    </Link>
  );
}
