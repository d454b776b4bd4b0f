'use client';
/** The report screens' calls to tRPC `reports.*`, in one place: the screens name no procedure. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { ReportDefinition, ReportResult } from '../../reports/types';
import { useTRPC, useTRPCClient, type AppRouter } from '../trpc';

type Out = inferRouterOutputs<AppRouter>['reports'];
/** A saved report as `reports.list` describes it (label and folder in the viewer's language). */
export type ReportListItem = Out['list'][number];
/** A saved report as `reports.get` returns it. */
export type SavedReport = Out['get'];
/** A column or grouping the viewer may use: a field or a lookup path one level up. */
export type ReportField = Out['fields'][number];
export type SaveInput = inferRouterInputs<AppRouter>['reports']['save'];
export type Visibility = NonNullable<SaveInput['visibility']>;

/** The reports the viewer may open. */
export function useReportList() {
  const trpc = useTRPC();
  return useQuery(trpc.reports.list.queryOptions());
}

/** A saved report's definition. */
export function useSavedReport(name: string | undefined) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.reports.get.queryOptions({ name: name ?? '' }), enabled: Boolean(name), retry: false });
}

// JSON has no `unknown`-typed required keys: the wire type marks `drill` optional; it is always sent.
const asResult = (r: unknown) => r as ReportResult;

/** A saved report run as the viewer. */
export function useReportRun(name: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.reports.run.queryOptions({ name }), staleTime: 30_000, retry: false, select: asResult });
}

/** An unsaved definition run as the viewer (the builder's live preview); the last answer stays while the next is asked. */
export function useDefinitionRun(definition: ReportDefinition | null) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.reports.run.queryOptions({ definition: (definition ?? {}) as unknown as Record<string, unknown> }),
    enabled: Boolean(definition),
    placeholderData: keepPreviousData,
    retry: false,
    select: asResult,
  });
}

/** The fields a report on this object may use. */
export function useReportFields(object: string | undefined) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.reports.fields.queryOptions({ object: object ?? '' }), enabled: Boolean(object), staleTime: 300_000 });
}

/** Save a report; the report queries are asked again. */
export function useSaveReport() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveInput) => client.reports.save.mutate(input),
    // Not awaited: the screen moves on to the saved report while the lists catch up.
    onSuccess: () => void queryClient.invalidateQueries(trpc.reports.pathFilter()),
  });
}
