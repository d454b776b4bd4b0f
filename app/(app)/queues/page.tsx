import { QueuePage } from '@/platform/ui/queues/QueuePage';

export default async function QueuesPage({ searchParams }: { searchParams: Promise<{ queue?: string }> }) {
  const { queue } = await searchParams;
  return <QueuePage initial={typeof queue === 'string' ? queue : undefined} />;
}
