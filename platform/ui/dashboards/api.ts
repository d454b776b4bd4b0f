'use client';
/**
 * The dashboard screens' calls to tRPC `dashboards.*` and `reports.list`, in one place, so the
 * screens name no procedure and the shapes they read are written down once (./types.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Label } from '../../core/i18n';
import type { ReportDefinition } from '../../reports/types';
import { useTRPCClient } from '../trpc';
import type { DashboardDefinition, DashboardFilters, DashboardRun, DashboardSummary } from './types';

export interface ReportListItem {
  name: string;
  label: Label | string;
  object: string;
}

// Until `dashboards.*` is in the router this client speaks to it by name; the shapes are the contract.
interface Procedures {
  dashboards: {
    get: { query(input: { name: string; filters?: DashboardFilters }): Promise<DashboardRun> };
    list: { query(): Promise<DashboardSummary[]> };
    save: { mutate(input: DashboardDefinition): Promise<unknown> };
  };
  reports: {
    list: { query(): Promise<ReportListItem[]> };
    get: { query(input: { name: string }): Promise<ReportDefinition> };
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

/** The reports the viewer may add to a dashboard. */
export function useReports(enabled = true) {
  const client = useClient();
  return useQuery({ queryKey: ['reports', 'list'], queryFn: () => client.reports.list.query(), enabled });
}

/** A saved report's definition (its chart, aggregates and formula formats), kept a while: definitions change rarely. */
export function useReportDefinition(name: string | undefined) {
  const client = useClient();
  return useQuery({ queryKey: ['reports', 'get', name], queryFn: () => client.reports.get.query({ name: name! }), enabled: Boolean(name), staleTime: 5 * 60_000, retry: false });
}

/** Save a dashboard document; every cached run of it and the list are asked again. */
export function useSaveDashboard() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (doc: DashboardDefinition) => client.dashboards.save.mutate(doc),
    onSuccess: async (_r, doc) => {
      await queryClient.invalidateQueries({ queryKey: ['dashboards', 'get', doc.name] });
      await queryClient.invalidateQueries({ queryKey: ['dashboards', 'list'] });
    },
  });
}

/** A report's label in the viewer's language (`reports.list` may give it worded or as both languages). */
export function reportLabel(r: ReportListItem | undefined, label: (l: Label) => string): string {
  if (!r) return '';
  return typeof r.label === 'string' ? r.label : label(r.label);
}
