import { RecordDetail } from '@/platform/ui/RecordDetail';

export default async function RecordPage({ params }: { params: Promise<{ object: string; id: string }> }) {
  const { object, id } = await params;
  return <RecordDetail object={object} id={id} />;
}
