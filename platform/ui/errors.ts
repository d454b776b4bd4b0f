'use client';
/** Read the shared error shape out of a tRPC client error. */
import type { ErrorDetail } from '../core/errors';

export interface ClientAppError {
  code: string;
  message: string;
  details: ErrorDetail[];
}

export function appErrorOf(e: unknown): ClientAppError | null {
  const data = (e as { data?: { appError?: ClientAppError | null } } | null)?.data;
  if (data?.appError) return data.appError;
  if (e instanceof Error) return { code: 'INTERNAL', message: e.message, details: [] };
  return null;
}
