import { KanbanBoard } from '@/platform/ui/process/KanbanBoard';

export default async function KanbanPage({ params }: { params: Promise<{ object: string }> }) {
  const { object } = await params;
  return <KanbanBoard object={object} />;
}
