import { UsersPage } from '@/platform/ui/admin/UsersPage';

export default function AdminUsersPage() {
  return <UsersPage />;
}
