'use client';
/**
 * The report screens' calls to tRPC `reports.*`, in one place, with the shapes they read written
 * down once: the screens name no procedure.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Label } from '../../core/i18n';
import type { ReportDefinition, ReportResult } from '../../reports/types';
import { useTRPCClient } from '../trpc';

export type Visibility = 'private' | 'public' | 'shared';

/** A saved report as `reports.list` describes it. */
export interface ReportListItem {
  name: string;
  label: Label | string;
  object: string;
  folder?: string | null;
  format?: ReportDefinition['format'];
  chart?: ReportDefinition['chart'];
  description?: Label | string;
  canEdit?: boolean;
}

/** A saved report as `reports.get` returns it. */
export type SavedReport = ReportDefinition & {
  name: string;
  label: Label | string;
  folder?: string | null;
  visibility?: Visibility | { roles?: string[]; groups?: string[] };
  canEdit?: boolean;
};

/** A column or grouping the viewer may use: a field or a lookup path one level up. */
export interface ReportField {
  /** `amount`, `account.industry`. */
  path: string;
  label: string;
  type: string;
  groupable?: boolean;
  aggregatable?: boolean;
  currency?: string;
  scale?: number;
  options?: { value: string; label: Label | string }[];
}

export interface SaveInput {
  definition: ReportDefinition;
  name: string;
  label: Label;
  folder?: string;
  visibility: Visibility;
}

// The router's own types arrive with the engine; until then the client speaks to it by name.
interface Procedures {
  reports: {
    list: { query(): Promise<ReportListItem[]> };
    get: { query(input: { name: string }): Promise<SavedReport> };
    run: { query(input: { name?: string; definition?: ReportDefinition; extraFilter?: unknown }): Promise<ReportResult> };
    save: { mutate(input: SaveInput): Promise<unknown> };
    delete: { mutate(input: { name: string }): Promise<unknown> };
    fields: { query(input: { object: string }): Promise<ReportField[] | { fields: ReportField[] }> };
  };
}

function useClient(): Procedures {
  return useTRPCClient() as unknown as Procedures;
}

/** The reports the viewer may open. */
export function useReportList() {
  const client = useClient();
  return useQuery({ queryKey: ['reports', 'list'], queryFn: () => client.reports.list.query() });
}

/** A saved report's definition. */
export function useSavedReport(name: string | undefined) {
  const client = useClient();
  return useQuery({ queryKey: ['reports', 'get', name], queryFn: () => client.reports.get.query({ name: name! }), enabled: Boolean(name) });
}

/** A saved report run as the viewer. */
export function useReportRun(name: string) {
  const client = useClient();
  return useQuery({ queryKey: ['reports', 'run', name], queryFn: () => client.reports.run.query({ name }), staleTime: 30_000 });
}

/** An unsaved definition run as the viewer (the builder's live preview); the last answer stays while the next is asked. */
export function useDefinitionRun(definition: ReportDefinition | null) {
  const client = useClient();
  return useQuery({
    queryKey: ['reports', 'preview', definition],
    queryFn: () => client.reports.run.query({ definition: definition! }),
    enabled: Boolean(definition),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The fields a report on this object may use. */
export function useReportFields(object: string | undefined) {
  const client = useClient();
  return useQuery({
    queryKey: ['reports', 'fields', object],
    queryFn: async () => {
      const answer = await client.reports.fields.query({ object: object! });
      return Array.isArray(answer) ? answer : answer.fields;
    },
    enabled: Boolean(object),
    staleTime: 300_000,
  });
}

/** Save a report; the list and the report's own caches are asked again. */
export function useSaveReport() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveInput) => client.reports.save.mutate(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports'] }),
  });
}
