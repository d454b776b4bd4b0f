/** Reports for the app's screens: list, get, run (saved or ad hoc), the fields a builder offers, save and delete. */
import { z } from 'zod';
import { runReport } from '../../reports/run';
import { reportDefinition } from '../../reports/saved';
import { deleteReport, listReports, reportFields, saveReport, type ReportDocumentInput } from '../../reports/service';
import type { ReportDefinition } from '../../reports/types';
import { protectedProcedure, router } from './init';

const apiName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
/** A definition is checked by the engine itself (every problem with its pointer); here only its size is bounded. */
const definition = z.record(z.string(), z.unknown()).refine((d) => JSON.stringify(d).length <= 100_000, 'definition too large');
const label = z.object({ en: z.string().min(1).max(200), zh: z.string().min(1).max(200) });

export const reportsRouter = router({
  list: protectedProcedure.query(({ ctx }) => listReports(ctx.rc)),

  get: protectedProcedure.input(z.object({ name: apiName })).query(({ ctx, input }) => reportDefinition(ctx.rc, input.name)),

  run: protectedProcedure
    .input(z.object({ name: apiName.optional(), definition: definition.optional(), extraFilter: z.unknown().optional(), rowLimit: z.number().int().optional() }))
    .query(({ ctx, input }) => {
      const def = input.definition ? (input.definition as unknown as ReportDefinition) : reportDefinition(ctx.rc, input.name ?? '');
      return runReport(ctx.rc, def, { extraFilter: input.extraFilter, rowLimit: input.rowLimit });
    }),

  fields: protectedProcedure.input(z.object({ object: apiName })).query(({ ctx, input }) => reportFields(ctx.rc, input.object)),

  save: protectedProcedure
    .input(
      z.object({
        definition,
        name: apiName,
        label,
        folder: label.optional(),
        description: z.string().max(2000).optional(),
        visibility: z.enum(['private', 'shared', 'public']).optional(),
        sharedWith: z.object({ roles: z.array(apiName).max(100).optional(), groups: z.array(apiName).max(100).optional() }).optional(),
        mode: z.enum(['create', 'update']).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { definition: def, mode, ...doc } = input;
      const { name: _n, label: _l, folder: _f, visibility: _v, sharedWith: _s, owner: _o, description: _d, ...core } = def as Record<string, unknown>;
      await saveReport(ctx.rc, { ...(core as unknown as ReportDefinition), ...doc } as ReportDocumentInput, mode);
      return { name: input.name };
    }),

  delete: protectedProcedure.input(z.object({ name: apiName })).mutation(async ({ ctx, input }) => {
    await deleteReport(ctx.rc, input.name);
    return { name: input.name };
  }),
});
