import { PackagesPage } from '@/platform/ui/designer/PackagesPage';

export default function AdminPackagesPage() {
  return <PackagesPage />;
}
