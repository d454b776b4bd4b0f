import { AuditPage } from '@/platform/ui/admin/AuditPage';

export default function AdminAuditPage() {
  return <AuditPage />;
}
