import { SharingPage } from '@/platform/ui/admin/SharingPage';

export default function AdminSharingPage() {
  return <SharingPage />;
}
