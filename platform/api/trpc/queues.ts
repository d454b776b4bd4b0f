/** Queues and assignment for the app's screens: my queues, what waits, take, assign to, and which rule assigned a record. */
import { z } from 'zod';
import { assignFromQueue, myQueues, takeFromQueue } from '../../automation/assignment/queues';
import { listWaiting, recordAssignment } from '../../automation/assignment/waiting';
import { protectedProcedure, router } from './init';

const apiName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
const id = z.string().max(64);

export const queuesRouter = router({
  mine: protectedProcedure.query(({ ctx }) => myQueues(ctx.rc).map((q) => ({ name: q.name, object: q.object, label: q.label }))),

  waiting: protectedProcedure.input(z.object({ queue: apiName, cursor: z.string().max(200).nullish() })).query(({ ctx, input }) => listWaiting(ctx.rc, input.queue, input.cursor)),

  take: protectedProcedure.input(z.object({ queue: apiName, ids: z.array(id).min(1).max(200) })).mutation(({ ctx, input }) => takeFromQueue(ctx.rc, input.queue, input.ids)),

  assign: protectedProcedure
    .input(z.object({ queue: apiName, ids: z.array(id).min(1).max(200), user: id }))
    .mutation(({ ctx, input }) => assignFromQueue(ctx.rc, input.queue, input.ids, input.user)),

  forRecord: protectedProcedure.input(z.object({ object: apiName, id })).query(({ ctx, input }) => recordAssignment(ctx.rc, input.object, input.id)),
});
