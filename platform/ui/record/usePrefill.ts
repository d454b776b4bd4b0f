'use client';
/** What a new-record form starts with from its URL: typed values, the names of prefilled lookups, where to go after saving. */
import { useQueries } from '@tanstack/react-query';
import { useTRPC } from '../trpc';
import type { FieldInfo } from '../types';
import { prefillValues, safeBackPath } from './prefill';

type Query = Record<string, string | string[] | undefined>;

/** Prefilled values for the given create-form properties, with display names for lookups. */
export function usePrefill(query: Query | undefined, fields: FieldInfo[] | undefined, properties: Record<string, object> | undefined) {
  const trpc = useTRPC();
  const values = query && properties ? prefillValues(query, properties) : {};
  const lookups = (fields ?? []).filter((f) => f.target && f.type === 'lookup' && typeof values[f.name] === 'string');
  const names = useQueries({
    queries: lookups.map((f) => ({ ...trpc.records.get.queryOptions({ object: f.target!, id: String(values[f.name]) }), retry: false })),
  });
  const lookupNames: Record<string, string> = {};
  lookups.forEach((f, i) => {
    const name = (names[i]?.data as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string') lookupNames[f.name] = name;
  });
  return { values, names: lookupNames, back: safeBackPath(query?._back) };
}
