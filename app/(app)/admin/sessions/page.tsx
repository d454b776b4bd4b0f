import { SessionsPage } from '@/platform/ui/admin/SessionsPage';

export default function AdminSessionsPage() {
  return <SessionsPage />;
}
