import { GroupsPage } from '@/platform/ui/admin/GroupsPage';

export default function AdminGroupsPage() {
  return <GroupsPage />;
}
