/** The shapes the approval screens read, as the server's router returns them. */
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../trpc';

type Outputs = inferRouterOutputs<AppRouter>['approvals'];
export type RecordApprovalView = Outputs['forRecord'];
export type RequestView = NonNullable<RecordApprovalView['current']>;
export type StepView = RequestView['steps'][number];
export type EventView = RequestView['events'][number];
export type InboxItem = Outputs['inbox']['items'][number];
export type NotificationItem = Outputs['notifications']['items'][number];
