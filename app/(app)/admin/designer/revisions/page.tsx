import { RevisionsPage } from '@/platform/ui/designer/RevisionsPage';

export default function AdminMetadataHistoryPage() {
  return <RevisionsPage />;
}
