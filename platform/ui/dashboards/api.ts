'use client';
/**
 * The dashboard screens' calls to tRPC `dashboards.*` and `reports.list`, in one place, so the
 * screens name no procedure and the shapes they read are written down once (./types.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Label } from '../../core/i18n';
import { useTRPCClient } from '../trpc';
import type { DashboardComponent, DashboardComponentRun, DashboardFilters } from './types';

/** A dashboard document as `dashboards.get` returns it. */
export interface DashboardDoc {
  name: string;
  label: Label;
  description?: Label;
  components: DashboardComponent[];
}

export interface DashboardAnswer {
  dashboard: DashboardDoc;
  components: DashboardComponentRun[];
  /** Whether the viewer may save this dashboard (arrange it). */
  canEdit?: boolean;
}

export interface DashboardListItem {
  name: string;
  label: Label;
  canEdit?: boolean;
  components?: number;
}

export interface ReportListItem {
  name: string;
  label: Label | string;
  object: string;
  folder?: string | null;
}

// Until `dashboards.*` is in the router this client speaks to it by name; the shapes above are the contract.
interface Procedures {
  dashboards: {
    get: { query(input: { name: string; filters?: DashboardFilters }): Promise<DashboardAnswer> };
    list: { query(): Promise<DashboardListItem[]> };
    save: { mutate(input: { name: string; label?: Label; components: DashboardComponent[] }): Promise<unknown> };
  };
  reports: { list: { query(): Promise<ReportListItem[]> } };
}

function useClient(): Procedures {
  return useTRPCClient() as unknown as Procedures;
}

/** The client, for one-off calls outside a hook's cache (adding a report to a dashboard). */
export const useDashboardClient = useClient;

export const dashboardKey = (name: string, filters: DashboardFilters) => ['dashboards', 'get', name, filters] as const;

/** A dashboard run with the filters, as the viewer. */
export function useDashboard(name: string, filters: DashboardFilters) {
  const client = useClient();
  return useQuery({ queryKey: dashboardKey(name, filters), queryFn: () => client.dashboards.get.query({ name, filters }), staleTime: 60_000 });
}

/** The dashboards the viewer may open. */
export function useDashboards(enabled = true) {
  const client = useClient();
  return useQuery({ queryKey: ['dashboards', 'list'], queryFn: () => client.dashboards.list.query(), enabled });
}

/** The reports the viewer may add to a dashboard. */
export function useReports(enabled = true) {
  const client = useClient();
  return useQuery({ queryKey: ['reports', 'list'], queryFn: () => client.reports.list.query(), enabled });
}

/** Save a dashboard's components; every cached run of it is asked again. */
export function useSaveDashboard() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; label?: Label; components: DashboardComponent[] }) => client.dashboards.save.mutate(input),
    onSuccess: (_r, input) =>
      queryClient.invalidateQueries({ queryKey: ['dashboards', 'get', input.name] }).then(() => queryClient.invalidateQueries({ queryKey: ['dashboards', 'list'] })),
  });
}
