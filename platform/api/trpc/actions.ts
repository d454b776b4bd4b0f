/** Record actions for the app's screens: the action bar of an object, running `update` / `url` actions, following a record. */
import { z } from 'zod';
import { actionViews, runAction } from '../../actions/service';
import { follow, followState, unfollow } from '../../follows/service';
import { protectedProcedure, router } from './init';

const apiName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
const record = z.object({ object: apiName, id: z.string().uuid() });

export const actionsRouter = router({
  /** The actions of an object the caller may use, in placement order. */
  forObject: protectedProcedure.input(z.object({ object: apiName })).query(({ ctx, input }) => actionViews(ctx.rc, input.object)),
  run: protectedProcedure
    .input(z.object({ object: apiName, id: z.string().uuid(), action: apiName, expectedVersion: z.number().int().optional() }))
    .mutation(({ ctx, input }) => runAction(ctx.rc, input.object, input.id, input.action, input.expectedVersion)),
  /** Whether the caller follows a record, and how many do. */
  followState: protectedProcedure.input(record).query(({ ctx, input }) => followState(ctx.rc, input.object, input.id)),
  follow: protectedProcedure.input(record).mutation(({ ctx, input }) => follow(ctx.rc, input.object, input.id)),
  unfollow: protectedProcedure.input(record).mutation(({ ctx, input }) => unfollow(ctx.rc, input.object, input.id)),
});
