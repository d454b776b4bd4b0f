/** Sales processes for the app's screens: kanban, moving along the path, stage history. */
import { z } from 'zod';
import { kanban, kanbanColumn, moveToStage, stageHistory } from '../../process/service';
import { protectedProcedure, router } from './init';

const objectName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
const apiName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);

export const processRouter = router({
  kanban: protectedProcedure
    .input(
      z.object({
        object: objectName,
        process: apiName.optional(),
        filter: z.unknown().optional(),
        search: z.string().max(200).optional(),
        perColumn: z.number().int().min(1).max(100).optional(),
      }),
    )
    .query(({ ctx, input }) => kanban(ctx.rc, input.object, input)),

  column: protectedProcedure
    .input(
      z.object({
        object: objectName,
        process: apiName,
        stage: apiName,
        filter: z.unknown().optional(),
        search: z.string().max(200).optional(),
        cursor: z.string().max(4000).nullish(),
        limit: z.number().int().min(1).max(100).optional(),
      }),
    )
    .query(({ ctx, input }) => kanbanColumn(ctx.rc, input.object, input.process, input.stage, input)),

  move: protectedProcedure
    .input(z.object({ object: objectName, id: z.string().max(64), stage: apiName, expectedVersion: z.number().int().optional() }))
    .mutation(({ ctx, input }) => moveToStage(ctx.rc, input.object, input.id, input.stage, input.expectedVersion)),

  history: protectedProcedure.input(z.object({ object: objectName, id: z.string().max(64) })).query(({ ctx, input }) => stageHistory(ctx.rc, input.object, input.id)),
});
