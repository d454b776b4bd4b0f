/** Metadata the screens need: navigation, object descriptions, list views, forms. */
import { z } from 'zod';
import { pickLabel } from '../../core/i18n';
import { requireObject } from '../../data/context';
import { describeObject, listObjects } from '../describe';
import { buildForm } from '../form';
import { protectedProcedure, router } from './init';

export const metaRouter = router({
  /** The signed-in user and the objects for navigation. */
  session: protectedProcedure.query(({ ctx }) => ({
    user: ctx.principal.user,
    workspace: { name: ctx.principal.workspace.name },
    locale: ctx.locale,
    objects: listObjects(ctx.rc.meta).filter((o) => ctx.rc.security.perms.object(o.name).read),
    system: ctx.rc.security.perms.system,
  })),

  object: protectedProcedure.input(z.object({ object: z.string().max(63) })).query(({ ctx, input }) => {
    const obj = requireObject(ctx.rc, input.object, 'read');
    const layout = ctx.rc.meta.layouts.get(obj.name)?.[0];
    const views = (ctx.rc.meta.views.get(obj.name) ?? []).map((v) => ({
      name: v.name,
      label: pickLabel(v.label, ctx.locale),
      isDefault: Boolean(v.isDefault),
      columns: v.columns,
      sort: v.sort ?? [],
      pageSize: v.pageSize ?? 50,
    }));
    if (views.length === 0) {
      views.push({ name: 'all', label: pickLabel(obj.pluralLabel, ctx.locale), isDefault: true, columns: [obj.nameField, ...obj.fields.slice(1, 6).map((f) => f.name)], sort: [], pageSize: 50 });
    }
    const rights = ctx.rc.security.perms.object(obj.name);
    return {
      rights: { create: rights.create, read: rights.read, edit: rights.edit, delete: rights.delete },
      object: describeObject(obj),
      views,
      createForm: buildForm(obj, layout, ctx.locale, 'create'),
      editForm: buildForm(obj, layout, ctx.locale, 'edit'),
      layout: (layout?.sections ?? []).map((s) => ({
        id: s.id,
        label: pickLabel(s.label, ctx.locale),
        columns: s.columns ?? 2,
        fields: s.fields.map((e) => (typeof e === 'string' ? e : e.field)),
      })),
    };
  }),
});
