import { RecycleBin } from '@/platform/ui/RecycleBin';

export default async function RecycleBinPage({ params }: { params: Promise<{ object: string }> }) {
  const { object } = await params;
  return <RecycleBin object={object} />;
}
