import { PermissionSetsPage } from '@/platform/ui/admin/PermissionSetsPage';

export default function AdminPermissionSetsPage() {
  return <PermissionSetsPage />;
}
