'use client';
/**
 * After any approval action: refetch the records (their status changes by the flow's field
 * updates, and the lock with it) and everything under `approvals` (panel, inbox, count, bell).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../trpc';

export function useApprovalRefresh(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.approvals.pathKey() })]);
  }, [trpc, queryClient]);
}
