/** Managing permission sets: object rights, field restrictions and system rights. */
import type { MetadataModel } from '../../metadata/model';
import type { Prisma } from '../../db/prisma';
import { auditSecurityChange } from '../audit';
import { SYSTEM_RIGHTS, type ObjectRights, type SystemRight } from '../model';
import { API_NAME, conflict, invalid, missing } from './errors';
import type { AdminActor } from './users';

export interface PermissionSetInput {
  name: string;
  label: string;
  labelZh?: string | null;
  description?: string | null;
  system: Partial<Record<SystemRight, boolean>>;
  objects: Record<string, Partial<ObjectRights>>;
  /** object -> field -> restriction (only restricted fields are listed) */
  fields: Record<string, Record<string, { read: boolean; edit: boolean }>>;
}

export async function listPermissionSets(prisma: Prisma, actor: AdminActor) {
  const sets = await prisma.permissionSet.findMany({
    where: { workspaceId: actor.workspaceId },
    include: { objects: true, fields: true, _count: { select: { users: true } } },
    orderBy: [{ isStock: 'desc' }, { label: 'asc' }],
  });
  return sets.map((s) => ({
    id: s.id,
    name: s.name,
    label: s.label,
    labelZh: s.labelZh,
    description: s.description,
    isStock: s.isStock,
    allObjects: s.allObjects,
    userCount: s._count.users,
    system: Object.fromEntries(SYSTEM_RIGHTS.map((r) => [r, (s as unknown as Record<string, boolean>)[r]])) as Record<SystemRight, boolean>,
    objects: Object.fromEntries(
      s.objects.map((o) => [o.object, { create: o.canCreate, read: o.canRead, edit: o.canEdit, delete: o.canDelete, viewAll: o.viewAll, modifyAll: o.modifyAll }]),
    ),
    fields: s.fields.reduce<Record<string, Record<string, { read: boolean; edit: boolean }>>>((acc, f) => {
      (acc[f.object] ??= {})[f.field] = { read: f.canRead, edit: f.canEdit };
      return acc;
    }, {}),
  }));
}

function check(actor: AdminActor, meta: MetadataModel, input: PermissionSetInput) {
  if (!API_NAME.test(input.name)) throw invalid(actor.locale, 'name', 'admin.apiName');
  if (!input.label.trim()) throw invalid(actor.locale, 'label', 'validation.required', { label: 'Label' });
  for (const o of Object.keys(input.objects)) if (!meta.objects.has(o)) throw invalid(actor.locale, `objects.${o}`, 'admin.badReference');
  for (const [o, fields] of Object.entries(input.fields)) {
    const obj = meta.objects.get(o);
    for (const f of Object.keys(fields)) {
      const def = obj?.fieldMap.get(f);
      // System fields and the record name are always readable: restricting them would break every screen.
      if (!def || def.system || f === obj!.nameField) throw invalid(actor.locale, `fields.${o}.${f}`, 'admin.badReference');
    }
  }
}

/** Create or replace a set's rights. The Admin set's "every object" flag cannot be edited away. */
export async function savePermissionSet(prisma: Prisma, actor: AdminActor, meta: MetadataModel, input: PermissionSetInput, id?: string) {
  check(actor, meta, input);
  const existing = id ? await prisma.permissionSet.findFirst({ where: { id, workspaceId: actor.workspaceId } }) : null;
  if (id && !existing) throw missing(actor.locale, 'permission set');
  const system = Object.fromEntries(SYSTEM_RIGHTS.map((r) => [r, Boolean(input.system[r])]));
  return prisma
    .$transaction(async (tx) => {
      const data = { name: input.name, label: input.label.trim(), labelZh: input.labelZh ?? null, description: input.description ?? null, ...system };
      const set = existing
        ? await tx.permissionSet.update({ where: { id: existing.id }, data: existing.allObjects ? { ...data, name: existing.name } : data })
        : await tx.permissionSet.create({ data: { ...data, workspaceId: actor.workspaceId } });
      await tx.permissionSetObject.deleteMany({ where: { permissionSetId: set.id } });
      await tx.permissionSetField.deleteMany({ where: { permissionSetId: set.id } });
      const objects = Object.entries(input.objects).filter(([, r]) => Object.values(r).some(Boolean));
      if (objects.length) {
        await tx.permissionSetObject.createMany({
          data: objects.map(([object, r]) => ({
            permissionSetId: set.id,
            object,
            canCreate: Boolean(r.create),
            canRead: Boolean(r.read),
            canEdit: Boolean(r.edit),
            canDelete: Boolean(r.delete),
            viewAll: Boolean(r.viewAll),
            modifyAll: Boolean(r.modifyAll),
          })),
        });
      }
      const fields = Object.entries(input.fields).flatMap(([object, fs]) =>
        Object.entries(fs).map(([field, r]) => ({ permissionSetId: set.id, object, field, canRead: r.read || r.edit, canEdit: r.edit })),
      );
      if (fields.length) await tx.permissionSetField.createMany({ data: fields });
      await auditSecurityChange(tx, {
        workspaceId: actor.workspaceId,
        userId: actor.userId,
        action: existing ? 'permissionSet.update' : 'permissionSet.create',
        targetType: 'permission_set',
        targetId: set.id,
        details: input,
      });
      return { id: set.id };
    })
    .catch((e: { code?: string }) => {
      if (e.code === 'P2002') throw invalid(actor.locale, 'name', 'admin.nameTaken');
      throw e;
    });
}

/** Stock sets stay (they can be edited); a custom set can go when nobody holds it. */
export async function deletePermissionSet(prisma: Prisma, actor: AdminActor, id: string) {
  const set = await prisma.permissionSet.findFirst({ where: { id, workspaceId: actor.workspaceId }, include: { _count: { select: { users: true } } } });
  if (!set) throw missing(actor.locale, 'permission set');
  if (set.isStock) throw conflict(actor.locale, 'admin.stockSet');
  if (set._count.users) throw conflict(actor.locale, 'admin.setInUse', { users: set._count.users });
  await prisma.$transaction(async (tx) => {
    await tx.permissionSet.delete({ where: { id } });
    await auditSecurityChange(tx, {
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      action: 'permissionSet.delete',
      targetType: 'permission_set',
      targetId: id,
      details: { name: set.name },
    });
  });
}
