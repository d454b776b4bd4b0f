import { BackfillsPage } from '@/platform/ui/admin/BackfillsPage';

export default function AdminBackfillsPage() {
  return <BackfillsPage />;
}
