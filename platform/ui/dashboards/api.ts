'use client';
/**
 * The dashboard screens' calls to tRPC `dashboards.*`, in one place (reports through
 * ../reports/api.ts), so the screens name no procedure.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC, useTRPCClient } from '../trpc';
import type { DashboardComponent, DashboardDefinition, DashboardFilters, DashboardRun } from './types';

/** What `dashboards.save` takes: the name and the parts that change (the rest keeps its saved value); `create` for a new one. */
export type DashboardSave = Partial<Omit<DashboardDefinition, 'object' | '$schema' | 'owner' | 'components'>> & {
  name: string;
  components?: DashboardComponent[];
  mode?: 'create' | 'update';
};

/** The client, for one-off calls outside a hook's cache (adding a report to a dashboard). */
export const useDashboardClient = useTRPCClient;

/** A dashboard run with the filters, as the viewer; a minute fresh (the server caches figures too). */
export function useDashboard(name: string, filters: DashboardFilters) {
  const trpc = useTRPC();
  // tRPC types the answer as its JSON; it is the run's own shape (platform/dashboards/types.ts).
  return useQuery({ ...trpc.dashboards.get.queryOptions({ name, filters }), staleTime: 60_000, select: (run) => run as unknown as DashboardRun });
}

/** The dashboards the viewer may open. */
export function useDashboards(enabled = true) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.dashboards.list.queryOptions(), enabled });
}

/** Save a dashboard; every cached run of it and the list are asked again. */
export function useSaveDashboard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.dashboards.save.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries(trpc.dashboards.pathFilter()),
  });
}
