/** Roles, departments, groups and users to pick from, for any signed-in user (names and labels only). */
import { z } from 'zod';
import { searchPrincipals } from '../../security/principals';
import { protectedProcedure, router } from './init';

export const principalsRouter = router({
  /** `kind` is checked by the service so a wrong one is a typed error naming /kind, as over REST. */
  search: protectedProcedure
    .input(z.object({ kind: z.unknown(), q: z.unknown().optional(), values: z.unknown().optional() }).strict())
    .query(({ ctx, input }) => searchPrincipals(ctx.rc, input)),
});
