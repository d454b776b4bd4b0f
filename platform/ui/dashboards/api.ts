'use client';
/**
 * The dashboard screens' calls to tRPC `dashboards.*`, in one place (reports through ../reports/api.ts), so the
 * screens name no procedure and the shapes they read are written down once (./types.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPCClient } from '../trpc';
import type { DashboardComponent, DashboardDefinition, DashboardFilters, DashboardRun, DashboardSummary } from './types';

/** What `dashboards.save` takes: the name and the parts that change (the rest keeps its saved value); `create` for a new one. */
export type DashboardSave = Partial<Omit<DashboardDefinition, 'object' | '$schema' | 'owner' | 'components'>> & {
  name: string;
  components?: DashboardComponent[];
  mode?: 'create' | 'update';
};

// Until `dashboards.*` is in the router this client speaks to it by name; the shapes are the contract.
interface Procedures {
  dashboards: {
    get: { query(input: { name: string; filters?: DashboardFilters }): Promise<DashboardRun> };
    list: { query(): Promise<DashboardSummary[]> };
    save: { mutate(input: DashboardSave): Promise<unknown> };
  };
}

function useClient(): Procedures {
  return useTRPCClient() as unknown as Procedures;
}

/** The client, for one-off calls outside a hook's cache (adding a report to a dashboard). */
export const useDashboardClient = useClient;

/** A dashboard run with the filters, as the viewer. */
export function useDashboard(name: string, filters: DashboardFilters) {
  const client = useClient();
  return useQuery({ queryKey: ['dashboards', 'get', name, filters], queryFn: () => client.dashboards.get.query({ name, filters }), staleTime: 60_000 });
}

/** The dashboards the viewer may open. */
export function useDashboards(enabled = true) {
  const client = useClient();
  return useQuery({ queryKey: ['dashboards', 'list'], queryFn: () => client.dashboards.list.query(), enabled });
}

/** Save a dashboard document; every cached run of it and the list are asked again. */
export function useSaveDashboard() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (doc: DashboardSave) => client.dashboards.save.mutate(doc),
    onSuccess: async (_r, doc) => {
      await queryClient.invalidateQueries({ queryKey: ['dashboards', 'get', doc.name] });
      await queryClient.invalidateQueries({ queryKey: ['dashboards', 'list'] });
    },
  });
}
