import { ListPage } from '@/platform/ui/ListPage';

export default async function ObjectListPage({ params }: { params: Promise<{ object: string }> }) {
  const { object } = await params;
  return <ListPage object={object} />;
}
