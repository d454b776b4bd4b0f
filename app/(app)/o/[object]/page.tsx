import { HydrationBoundary } from '@tanstack/react-query';
import { prefetcher } from '@/app/_lib/prefetch';
import { ListPage } from '@/platform/ui/ListPage';
import { toCondition } from '@/platform/ui/list/filterState';
import { chooseView, listInput, readListUrl, type ViewInfo } from '@/platform/ui/list/listUrl';
import type { ObjectInfo } from '@/platform/ui/types';

type SearchParams = Record<string, string | string[] | undefined>;

export default async function ObjectListPage({ params, searchParams }: { params: Promise<{ object: string }>; searchParams: Promise<SearchParams> }) {
  const { object } = await params;
  const query = await searchParams;
  const { queryClient, trpc, state } = await prefetcher();
  // The first page of records comes with the HTML: the same address parsed as the browser parses it.
  const meta = await queryClient.fetchQuery(trpc.meta.object.queryOptions({ object })).catch(() => null);
  if (meta) {
    const views = meta.views as ViewInfo[];
    const first = (k: string) => {
      const v = query[k];
      return (Array.isArray(v) ? v[0] : v) ?? null;
    };
    const { state: list } = readListUrl(first, (meta.object as unknown as ObjectInfo).fields, views);
    const view = chooseView(views, list.view);
    const filter = toCondition(list.filter);
    // The totals under the list are not the page's main content: the browser asks for them, so the
    // HTML does not wait for a count.
    if (view) await queryClient.prefetchQuery(trpc.records.list.queryOptions(listInput(object, view, list, filter)));
  }
  return (
    <HydrationBoundary state={state()}>
      <ListPage object={object} />
    </HydrationBoundary>
  );
}
