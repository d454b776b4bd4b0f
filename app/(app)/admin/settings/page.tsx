import { SettingsPage } from '@/platform/ui/admin/SettingsPage';

export default function AdminSettingsPage() {
  return <SettingsPage />;
}
