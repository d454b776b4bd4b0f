import { RecordForm } from '@/platform/ui/RecordForm';

export default async function NewRecordPage({ params }: { params: Promise<{ object: string }> }) {
  const { object } = await params;
  return <RecordForm object={object} />;
}
