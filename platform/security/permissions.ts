/** A user's effective rights: the union of their permission sets. */
import { SYSTEM_RIGHTS, type ObjectRights, type SecurityModel, type SystemRight } from './model';

export interface UserPermissions {
  /** Holds a set with every right on every object (the Admin set). */
  admin: boolean;
  system: Record<SystemRight, boolean>;
  object(name: string): ObjectRights;
  /** Field-level access; system fields are always readable. */
  field(object: string, field: string): { read: boolean; edit: boolean };
}

const NONE: ObjectRights = { create: false, read: false, edit: false, delete: false, viewAll: false, modifyAll: false };
const ALL: ObjectRights = { create: true, read: true, edit: true, delete: true, viewAll: true, modifyAll: true };

/** Everything allowed: seeds, migrations, background jobs acting for the platform. */
export const SYSTEM_PERMISSIONS: UserPermissions = {
  admin: true,
  system: Object.fromEntries(SYSTEM_RIGHTS.map((r) => [r, true])) as Record<SystemRight, boolean>,
  object: () => ALL,
  field: () => ({ read: true, edit: true }),
};

export function userPermissions(model: SecurityModel, userId: string): UserPermissions {
  const sets = (model.userSets.get(userId) ?? []).map((id) => model.sets.get(id)).filter((s) => s !== undefined);
  const admin = sets.some((s) => s.allObjects);
  const system = Object.fromEntries(SYSTEM_RIGHTS.map((r) => [r, sets.some((s) => s.system[r])])) as Record<SystemRight, boolean>;
  const objectCache = new Map<string, ObjectRights>();
  const object = (name: string): ObjectRights => {
    if (admin) return ALL;
    let rights = objectCache.get(name);
    if (!rights) {
      rights = { ...NONE };
      for (const s of sets) {
        const o = s.objects.get(name);
        if (!o) continue;
        for (const k of Object.keys(rights) as (keyof ObjectRights)[]) rights[k] ||= o[k];
      }
      // Rights imply the ones they need: editing needs reading, modify all needs view all.
      rights.viewAll ||= rights.modifyAll;
      rights.read ||= rights.edit || rights.create || rights.delete || rights.viewAll;
      objectCache.set(name, rights);
    }
    return rights;
  };
  const field = (obj: string, name: string) => {
    if (admin) return { read: true, edit: true };
    let read = false;
    let edit = false;
    for (const s of sets) {
      const o = s.objects.get(obj);
      if (!o || !(o.read || o.edit || o.create || o.viewAll || o.modifyAll)) continue;
      // A set restricts only the fields it lists; its object rights apply to the others.
      const r = s.fields.get(obj)?.get(name);
      read ||= r ? r.read || r.edit : true;
      edit ||= r ? r.edit : o.edit || o.create || o.modifyAll;
    }
    return { read, edit: edit && read };
  };
  return { admin, system, object, field };
}
