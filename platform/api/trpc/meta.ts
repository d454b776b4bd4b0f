/** Metadata the screens need: navigation, object descriptions, list views, forms. */
import { workspaceTimeZone } from '../../core/time';
import { z } from 'zod';
import { pickLabel } from '../../core/i18n';
import { requireObject } from '../../data/context';
import { describeObject, listObjects } from '../describe';
import { buildForm } from '../form';
import { describeProcesses } from '../../process/service';
import { keyedError, problem } from '../../core/problems';
import { notFound } from '../../metadata/documents';
import * as designer from '../../metadata/designer';
import type { ListViewDefinition } from '../../metadata/model';
import { actionViews } from '../../actions/service';
import { protectedProcedure, router } from './init';

const personalView = z.object({
  object: z.string().max(63),
  name: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/),
  label: z.object({ en: z.string().min(1).max(200), zh: z.string().min(1).max(200) }),
  columns: z.array(z.string().max(63)).min(1).max(30),
  filter: z.unknown().optional(),
  sort: z
    .array(z.object({ field: z.string().max(63), dir: z.enum(['asc', 'desc']) }))
    .max(5)
    .optional(),
  pageSize: z.number().int().min(1).max(200).optional(),
});

export const metaRouter = router({
  /** The signed-in user and the objects for navigation. */
  session: protectedProcedure.query(({ ctx }) => ({
    user: ctx.principal.user,
    // The zone and fiscal year start let form rules with relative dates answer as the server does.
    workspace: { name: ctx.principal.workspace.name, timeZone: workspaceTimeZone(), fiscalYearStartMonth: ctx.principal.workspace.fiscalYearStartMonth ?? 1 },
    locale: ctx.locale,
    objects: listObjects(ctx.rc.meta).filter((o) => ctx.rc.security.perms.object(o.name).read),
    system: ctx.rc.security.perms.system,
  })),

  object: protectedProcedure.input(z.object({ object: z.string().max(63) })).query(({ ctx, input }) => {
    const obj = requireObject(ctx.rc, input.object, 'read');
    const layout = ctx.rc.meta.layouts.get(obj.name)?.[0];
    const views = (ctx.rc.meta.views.get(obj.name) ?? [])
      .filter((v) => !v.owner || v.owner === ctx.rc.user.id)
      .map((v) => ({
        name: v.name,
        personal: Boolean(v.owner),
        filter: v.filter ?? null,
        label: pickLabel(v.label, ctx.locale),
        isDefault: Boolean(v.isDefault),
        columns: v.columns,
        sort: v.sort ?? [],
        pageSize: v.pageSize ?? 50,
      }));
    if (views.length === 0) {
      views.push({
        name: 'all',
        personal: false,
        filter: null,
        label: pickLabel(obj.pluralLabel, ctx.locale),
        isDefault: true,
        columns: [obj.nameField, ...obj.fields.slice(1, 6).map((f) => f.name)],
        sort: [],
        pageSize: 50,
      });
    }
    const rights = ctx.rc.security.perms.object(obj.name);
    const screens = (l: typeof layout) => ({
      createForm: buildForm(obj, l, ctx.locale, 'create', { admin: ctx.rc.user.isAdmin }),
      editForm: buildForm(obj, l, ctx.locale, 'edit', { admin: ctx.rc.user.isAdmin }),
      layout: (l?.sections ?? []).map((s) => ({
        id: s.id,
        label: pickLabel(s.label, ctx.locale),
        columns: s.columns ?? 2,
        fields: s.fields.map((e) => (typeof e === 'string' ? e : e.field)),
      })),
      // The record page's highlights and tabs; the page fills in the defaults (platform/ui/record/tabs.ts).
      highlights: (l?.highlights ?? []).filter((f) => ctx.rc.security.perms.field(obj.name, f).read),
      tabs: (l?.tabs ?? null)?.map((t) => ({ ...t, label: t.label ? pickLabel(t.label, ctx.locale) : undefined })) ?? null,
    });
    const processes = describeProcesses(obj);
    // Each sales process may have its own layout: its forms and sections, by process name.
    const processScreens: Record<string, ReturnType<typeof screens>> = {};
    for (const p of processes?.processes ?? []) {
      const l = p.layout ? ctx.rc.meta.layouts.get(obj.name)?.find((x) => x.name === p.layout) : undefined;
      if (l && l !== layout) processScreens[p.name] = screens(l);
    }
    return {
      rights: { create: rights.create, read: rights.read, edit: rights.edit, delete: rights.delete },
      object: describeObject(obj),
      views,
      ...screens(layout),
      processes,
      processScreens,
      actions: actionViews(ctx.rc, obj.name),
    };
  }),

  /** Save a personal list view (any user who can read the object); shared views are the designer's. */
  savePersonalView: protectedProcedure.input(personalView).mutation(async ({ ctx, input }) => {
    const obj = requireObject(ctx.rc, input.object, 'read');
    const existing = ctx.rc.meta.views.get(obj.name)?.find((v) => v.name === input.name);
    if (existing && existing.owner !== ctx.rc.user.id)
      throw keyedError('CONFLICT', 'view.exists', { name: input.name }, [problem('view.exists', { name: input.name }, { field: 'name' })]);
    const view = { ...input, owner: ctx.rc.user.id } as unknown as ListViewDefinition;
    return designer.saveView({ pool: ctx.rc.pool, workspace: ctx.rc.workspace, userId: ctx.rc.user.id }, view);
  }),
  deletePersonalView: protectedProcedure.input(z.object({ object: z.string().max(63), name: z.string().max(63) })).mutation(async ({ ctx, input }) => {
    const obj = requireObject(ctx.rc, input.object, 'read');
    const existing = ctx.rc.meta.views.get(obj.name)?.find((v) => v.name === input.name);
    if (!existing || existing.owner !== ctx.rc.user.id) throw notFound({ key: 'what.personalView', params: { name: input.name } });
    return designer.deleteView({ pool: ctx.rc.pool, workspace: ctx.rc.workspace, userId: ctx.rc.user.id }, obj.name, input.name);
  }),
});
