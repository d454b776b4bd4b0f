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

export interface MoveInput {
  object: string;
  id: string;
  stage: string;
  expectedVersion?: number;
  /** Values a gate asked for, saved in the same update as the stage. */
  values?: Record<string, unknown>;
  /** The stage field's name: needed with `values`. */
  stageField?: string;
}

export function useMoveToStage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { tr } = useT();
  const [refusal, setRefusal] = useState<MoveRefusal | null>(null);
  const [moving, setMoving] = useState<{ id: string; stage: string } | null>(null);
  const mutation = useMutation(trpc.process.move.mutationOptions());
  const update = useMutation(trpc.records.update.mutationOptions());
  /** Move; `onRefused` replaces the shared refusal (a dialog shows it by its own inputs). */
  const move = (input: MoveInput, stageLabel: string, handlers: { onDone?(): void; onRefused?(error: ClientAppError): void } = {}) => {
    setRefusal(null);
    const callbacks = {
      onSuccess: async () => {
        message.success(tr('path.moved', { stage: stageLabel }));
        handlers.onDone?.();
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.process.pathKey() })]);
      },
      onError: (e: unknown) => {
        const error = appErrorOf(e) ?? { code: 'INTERNAL', message: String(e), details: [] };
        if (handlers.onRefused) handlers.onRefused(error);
        else setRefusal({ stage: stageLabel, error });
      },
    };
    const { values, stageField, ...moveInput } = input;
    setMoving({ id: input.id, stage: input.stage });
    if (values && stageField && Object.keys(values).length > 0) {
      update.mutate({ object: input.object, id: input.id, values: { ...values, [stageField]: input.stage }, expectedVersion: input.expectedVersion }, callbacks);
    } else mutation.mutate(moveInput, callbacks);
  };
  const pending = mutation.isPending || update.isPending;
  return { move, refusal, clearRefusal: () => setRefusal(null), pending, variables: pending ? moving : null };
}
