import { HydrationBoundary } from '@tanstack/react-query';
import { prefetcher } from '@/app/_lib/prefetch';
import { RecordDetail } from '@/platform/ui/RecordDetail';
import { noteRecordView } from '../../../../_lib/recordView';

export default async function RecordPage({ params }: { params: Promise<{ object: string; id: string }> }) {
  const { object, id } = await params;
  const { queryClient, trpc, state } = await prefetcher();
  // The record and its object's description come with the HTML (the page's first paint); the view
  // is noted for "Recently viewed" alongside, not before them.
  await Promise.all([
    noteRecordView(object, id),
    queryClient.prefetchQuery(trpc.meta.object.queryOptions({ object })),
    queryClient.prefetchQuery(trpc.records.get.queryOptions({ object, id })),
  ]);
  return (
    <HydrationBoundary state={state()}>
      <RecordDetail object={object} id={id} />
    </HydrationBoundary>
  );
}
