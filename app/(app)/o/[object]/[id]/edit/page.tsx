import { RecordForm } from '@/platform/ui/RecordForm';

export default async function EditRecordPage({ params }: { params: Promise<{ object: string; id: string }> }) {
  const { object, id } = await params;
  return <RecordForm object={object} id={id} />;
}
