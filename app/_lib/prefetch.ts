/**
 * Server pages fetch what their screen asks for first, with the same tRPC query keys the browser
 * uses, and hand it over dehydrated: the first paint holds the records instead of waiting for a
 * second request after the page loads.
 */
import { dehydrate, QueryClient, type DehydratedState } from '@tanstack/react-query';
import { createTRPCOptionsProxy, type TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { appRouter, type AppRouter } from '@/platform/api/trpc/router';
import { currentLocale, currentPrincipal } from './session';

export interface Prefetcher {
  queryClient: QueryClient;
  trpc: TRPCOptionsProxy<AppRouter>;
  /** The dehydrated cache, as plain JSON (what the browser would have received from the API). */
  state(): DehydratedState;
}

/** A query cache for one server render, calling the procedures in the signed-in user's name. */
export async function prefetcher(): Promise<Prefetcher> {
  const principal = await currentPrincipal();
  const locale = await currentLocale(principal);
  // No retries on the server: a failing query is left to the browser, which shows its error.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 5_000 } } });
  const trpc = createTRPCOptionsProxy<AppRouter>({ router: appRouter, ctx: { principal, locale }, queryClient });
  return { queryClient, trpc, state: () => JSON.parse(JSON.stringify(dehydrate(queryClient))) as DehydratedState };
}
