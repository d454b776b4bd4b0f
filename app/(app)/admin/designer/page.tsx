import { ObjectsPage } from '@/platform/ui/designer/ObjectsPage';

export default function AdminDesignerPage() {
  return <ObjectsPage />;
}
