import { InboxPage } from '@/platform/ui/approvals/InboxPage';

export default function MyApprovalsPage() {
  return <InboxPage />;
}
