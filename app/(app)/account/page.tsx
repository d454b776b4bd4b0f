import { AccountPage } from '@/platform/ui/admin/AccountPage';

export default function MyAccountPage() {
  return <AccountPage />;
}
