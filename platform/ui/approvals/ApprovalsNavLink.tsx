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
    <Link href="/approvals">
      {name}
      {/* The badge is for the eye; a screen reader hears the count in words instead. */}
      <span aria-hidden="true">
        <Badge count={count} size="small" style={{ marginInlineStart: 4 }} />
      </span>
      {count > 0 && <span className="sr-only"> ({tr('approvalUi.inboxCount', { count })})</span>}
    </Link>
  );
}
