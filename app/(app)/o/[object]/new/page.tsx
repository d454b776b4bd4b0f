import { RecordForm } from '@/platform/ui/RecordForm';

type Query = Record<string, string | string[] | undefined>;

export default async function NewRecordPage({ params, searchParams }: { params: Promise<{ object: string }>; searchParams: Promise<Query> }) {
  const { object } = await params;
  // Query parameters prefill the form (related list "New", clone); RecordForm keeps only fields it offers.
  const query = await searchParams;
  return <RecordForm object={object} prefill={query} />;
}
