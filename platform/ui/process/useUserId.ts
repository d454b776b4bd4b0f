'use client';
/** The signed-in user's id, for `$me` in form rules (fetched once per page load). */
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc';

export function useUserId(): string | null {
  const trpc = useTRPC();
  const session = useQuery({ ...trpc.meta.session.queryOptions(), staleTime: Infinity });
  return (session.data?.user as { id?: string } | undefined)?.id ?? null;
}

/** What form rules need to judge conditions as the server does: the user ($me), the workspace zone and fiscal year start (relative dates). */
export function useConditionContext(): { userId: string | null; timeZone?: string; fiscalYearStartMonth?: number } {
  const trpc = useTRPC();
  const session = useQuery({ ...trpc.meta.session.queryOptions(), staleTime: Infinity });
  const ws = session.data?.workspace as { timeZone?: string; fiscalYearStartMonth?: number } | undefined;
  return { userId: (session.data?.user as { id?: string } | undefined)?.id ?? null, timeZone: ws?.timeZone, fiscalYearStartMonth: ws?.fiscalYearStartMonth };
}
