'use client';
/** Moving a record to a stage (path and kanban): the mutation, what it refreshes, and the refusal to show. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';

export interface MoveRefusal {
  /** Label of the stage the move was to. */
  stage: string;
  error: ClientAppError;
}

export function useMoveToStage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { tr } = useT();
  const [refusal, setRefusal] = useState<MoveRefusal | null>(null);
  const mutation = useMutation(trpc.process.move.mutationOptions());
  const move = (input: { object: string; id: string; stage: string; expectedVersion?: number }, stageLabel: string) => {
    setRefusal(null);
    mutation.mutate(input, {
      onSuccess: async () => {
        message.success(tr('path.moved', { stage: stageLabel }));
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.process.pathKey() })]);
      },
      onError: (e) => setRefusal({ stage: stageLabel, error: appErrorOf(e) ?? { code: 'INTERNAL', message: String(e), details: [] } }),
    });
  };
  return { move, refusal, clearRefusal: () => setRefusal(null), pending: mutation.isPending, variables: mutation.variables };
}
