'use client';
/** The signed-in user's id, for `$me` in form rules (fetched once per page load). */
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc';

export function useUserId(): string | null {
  const trpc = useTRPC();
  const session = useQuery({ ...trpc.meta.session.queryOptions(), staleTime: Infinity });
  return (session.data?.user as { id?: string } | undefined)?.id ?? null;
}
