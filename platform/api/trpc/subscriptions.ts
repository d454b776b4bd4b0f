/** The caller's e-mail subscriptions to reports and dashboards (the Subscribe button). */
import { z } from 'zod';
import { workspaceTimeZone } from '../../core/time';
import { deleteSubscription, listSubscriptions, saveSubscription } from '../../dashboards/subscriptions';
import { dashboardFilters } from './dashboards';
import { protectedProcedure, router } from './init';

const apiName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
const target = z.object({ targetKind: z.enum(['report', 'dashboard']), target: apiName });

export const subscriptionsRouter = router({
  /** The caller's subscriptions; with a target, only theirs to it. */
  list: protectedProcedure.input(target.optional()).query(({ ctx, input }) => listSubscriptions(ctx.rc, input)),
  save: protectedProcedure
    .input(
      target.extend({
        frequency: z.enum(['daily', 'weekly']),
        hour: z.number().int(),
        weekday: z.number().int().nullish(),
        filters: dashboardFilters.nullish(),
      }),
    )
    .mutation(({ ctx, input }) => saveSubscription(ctx.rc, input)),
  /** The zone the hours are in (the dialog says so). */
  timeZone: protectedProcedure.query(() => workspaceTimeZone()),
  delete: protectedProcedure.input(z.object({ id: z.string().max(64) })).mutation(({ ctx, input }) => deleteSubscription(ctx.rc, input.id)),
});
