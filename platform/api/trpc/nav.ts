/** Navigation for the screens: the effective app's menu, app switch, recently viewed, global search. */
import { z } from 'zod';
import { chooseApp, effectiveApp, navigationFor } from '../../navigation/apps';
import { recentRecords, recordView } from '../../navigation/recent';
import { globalSearch } from '../../search/global';
import { protectedProcedure, router } from './init';

export const navRouter = router({
  /** The apps the caller may use, the effective one's menu, and their recently viewed records. */
  navigation: protectedProcedure.query(async ({ ctx }) => ({ ...(await navigationFor(ctx.rc)), recent: await recentRecords(ctx.rc) })),
  /** Remember the caller's app (the app switcher). */
  chooseApp: protectedProcedure.input(z.object({ app: z.string().max(63) })).mutation(({ ctx, input }) => chooseApp(ctx.rc, input.app)),
  recent: protectedProcedure.query(({ ctx }) => recentRecords(ctx.rc)),
  /** Record that the caller opened a record page. */
  recordView: protectedProcedure.input(z.object({ object: z.string().max(63), id: z.string().max(64) })).mutation(({ ctx, input }) => recordView(ctx.rc, input.object, input.id)),
  /** Global search (the header's box). */
  search: protectedProcedure.input(z.object({ q: z.string().max(400) })).query(async ({ ctx, input }) => {
    const app = await effectiveApp(ctx.rc);
    return globalSearch(ctx.rc, input.q, app.objects);
  }),
});
