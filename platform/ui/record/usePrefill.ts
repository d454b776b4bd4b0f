'use client';
/**
 * What a new-record form starts with from its URL: typed values (`?field=value`), or a copy of a
 * record (`?_clone=id`: its copyable fields, never system fields, auto-numbers or unique ones),
 * the names of prefilled lookups, and where to go after saving (`_back`).
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc';
import type { FieldInfo, RecordValues } from '../types';
import { copyableValues, prefillValues, safeBackPath } from './prefill';

type Query = Record<string, string | string[] | undefined>;

/** Prefilled values for the given create-form properties, with display names for lookups. */
export function usePrefill(query: Query | undefined, object: string, fields: FieldInfo[] | undefined, properties: Record<string, object> | undefined) {
  const trpc = useTRPC();
  const cloneId = typeof query?._clone === 'string' ? query._clone : '';
  const source = useQuery({ ...trpc.records.get.queryOptions({ object, id: cloneId }), enabled: Boolean(cloneId), retry: false });
  const copied = source.data && fields && properties ? copyableValues(source.data as RecordValues, fields, properties) : {};
  const values = { ...copied, ...(query && properties ? prefillValues(query, properties) : {}) };
  const lookups = (fields ?? []).filter((f) => f.target && f.type === 'lookup' && typeof values[f.name] === 'string');
  const names = useQueries({
    queries: lookups.map((f) => ({ ...trpc.records.get.queryOptions({ object: f.target!, id: String(values[f.name]) }), retry: false })),
  });
  const lookupNames: Record<string, string> = { ...((source.data as RecordValues | undefined)?.$names ?? {}) };
  lookups.forEach((f, i) => {
    const name = (names[i]?.data as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string') lookupNames[f.name] = name;
  });
  return { values, names: lookupNames, back: safeBackPath(query?._back), loading: Boolean(cloneId) && source.isLoading };
}
