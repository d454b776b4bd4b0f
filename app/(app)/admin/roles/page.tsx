import { TreePage } from '@/platform/ui/admin/TreePage';

export default function AdminRolesPage() {
  return <TreePage kind="role" />;
}
