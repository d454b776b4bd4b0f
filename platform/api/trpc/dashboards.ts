/** Dashboards for the screens: the list, a run with filters, the home dashboard, save and delete. */
import { z } from 'zod';
import { allDashboards, mayEdit, visibleDashboards } from '../../dashboards/access';
import { homeDashboard } from '../../dashboards/home';
import { runDashboard } from '../../dashboards/run';
import { deleteDashboard, saveDashboard } from '../../dashboards/save';
import type { DashboardSummary } from '../../dashboards/types';
import type { DashboardDefinition } from '../../metadata/generated/dashboard';
import { protectedProcedure, router } from './init';

const apiName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
const nullable = z.string().max(100).nullish();
/** The dashboard filters (checked against what the dashboard offers by the run). */
export const dashboardFilters = z
  .object({
    date: z.union([z.string().max(40), z.object({ from: z.string().max(10).nullish(), to: z.string().max(10).nullish() })]).nullish(),
    period: z.string().max(40).nullish(),
    owner: nullable,
    department: nullable,
    role: nullable,
  })
  .strict();

/** A dashboard (or the changed parts of one: what is left out keeps its saved value). */
const dashboardInput = z
  .object({
    name: apiName,
    label: z.unknown().optional(),
    description: z.unknown().optional(),
    folder: z.unknown().optional(),
    visibility: z.enum(['private', 'shared', 'public']).optional(),
    sharedWith: z.unknown().optional(),
    filters: z.array(z.unknown()).max(10).optional(),
    components: z.array(z.unknown()).max(100).optional(),
    mode: z.enum(['create', 'update']).optional(),
  })
  .strict();

export const dashboardsRouter = router({
  /** The dashboards the caller may open. */
  list: protectedProcedure.query(async ({ ctx }): Promise<DashboardSummary[]> =>
    (await visibleDashboards(ctx.rc)).map((d) => ({
      name: d.name,
      label: d.label,
      ...(d.description ? { description: d.description } : {}),
      ...(d.folder ? { folder: d.folder } : {}),
      visibility: d.visibility ?? 'public',
      canEdit: mayEdit(ctx.rc, d),
      components: d.components.length,
    })),
  ),
  /** A dashboard run as the caller, each component with its result or its own error. */
  get: protectedProcedure.input(z.object({ name: apiName, filters: dashboardFilters.optional() })).query(({ ctx, input }) => runDashboard(ctx.rc, input.name, input.filters ?? {})),
  /** The name of the caller's home dashboard (null: none they may open). */
  home: protectedProcedure.query(async ({ ctx }) => (await homeDashboard(ctx.rc))?.name ?? null),
  /** The home dashboard and why it is the caller's (their role, a role above it, their permission set...). */
  homeSource: protectedProcedure.query(({ ctx }) => homeDashboard(ctx.rc)),
  save: protectedProcedure.input(dashboardInput).mutation(({ ctx, input }) => {
    const { mode, ...patch } = input;
    const existing = allDashboards(ctx.rc).find((d) => d.name === input.name);
    const { $schema: _s, ...base } = (existing ?? {}) as DashboardDefinition;
    const doc = { ...base, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as DashboardDefinition;
    return saveDashboard(ctx.rc, doc, mode);
  }),
  delete: protectedProcedure.input(z.object({ name: apiName })).mutation(({ ctx, input }) => deleteDashboard(ctx.rc, input.name)),
});
