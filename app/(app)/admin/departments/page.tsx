import { TreePage } from '@/platform/ui/admin/TreePage';

export default function AdminDepartmentsPage() {
  return <TreePage kind="department" />;
}
