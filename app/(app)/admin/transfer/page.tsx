import { TransferPage } from '@/platform/ui/admin/TransferPage';

export default function AdminTransferPage() {
  return <TransferPage />;
}
