'use client';
/** The typed tRPC hooks for the app's screens (types only come from the server router). */
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../api/trpc/router';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
export type { AppRouter };
