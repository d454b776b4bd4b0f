/**
 * A user's view of the metadata: hidden fields removed, fields they may not edit marked read-only,
 * related lists limited to what they can read. Every service works from this view, so field-level
 * security holds on every path (responses, filters, sorts, forms, describe, OpenAPI) by construction.
 *
 * A formula or roll-up derived from a field the user may not read is hidden too (its value would
 * give the hidden one away), unless an admin marked it `safeToShow`: see derived.ts.
 */
import { isComputed } from '../fields/computed';
import type { FieldDef } from '../fields/types';
import type { MetadataModel, ObjectModel } from '../metadata/model';
import { derivedAccess, type DerivedAccess } from './derived';
import type { UserPermissions } from './permissions';

const cache = new WeakMap<MetadataModel, Map<string, MetadataModel>>();

function restrictObject(obj: ObjectModel, perms: UserPermissions, access: DerivedAccess): ObjectModel {
  const keep = (f: FieldDef): FieldDef | null => {
    // The record name is never hidden: it is how a record is shown anywhere it is referenced.
    if (f.system || f.name === obj.nameField) return f;
    if (!access.readable(obj.name, f.name)) return null;
    // Shown despite an input the user may not read: its value, but not how it is worked out.
    const shown = access.inputsReadable(obj.name, f.name) ? f : withoutDerivation(f);
    return perms.field(obj.name, f.name).edit || f.readOnly ? shown : { ...shown, readOnly: true };
  };
  const fields = obj.fields.map(keep).filter((f): f is FieldDef => f !== null);
  const allFields = obj.allFields.map(keep).filter((f): f is FieldDef => f !== null);
  return {
    ...obj,
    fields,
    allFields,
    fieldMap: new Map(allFields.map((f) => [f.name, f])),
    searchFields: obj.searchFields.filter((s) => fields.some((f) => f.name === s)),
    rights: perms.object(obj.name),
  };
}

/** A computed field without its expression or summary (they name, and may embed, what it reads). */
function withoutDerivation(f: FieldDef): FieldDef {
  if (!isComputed(f)) return f;
  const rest: Record<string, unknown> = { ...f };
  delete rest.formula;
  delete rest.summary;
  // Views only: nothing reads a view's derivation (checked formulas and roll-ups come from the full model).
  return rest as unknown as FieldDef;
}

/** The metadata as `perms` may see it (cached per metadata revision and permission key). */
export function metadataFor(meta: MetadataModel, perms: UserPermissions, key: string): MetadataModel {
  if (perms.admin) return meta;
  let perMeta = cache.get(meta);
  if (!perMeta) {
    perMeta = new Map();
    cache.set(meta, perMeta);
  }
  const hit = perMeta.get(key);
  if (hit) return hit;
  const access = derivedAccess(meta, perms);
  const objects = new Map<string, ObjectModel>();
  for (const [name, obj] of meta.objects) objects.set(name, restrictObject(obj, perms, access));
  for (const obj of objects.values()) {
    obj.relatedLists = obj.relatedLists
      .filter((r) => {
        const child = objects.get(r.object);
        return child?.rights?.read && child.fieldMap.has(r.field);
      })
      .map((r) => ({ ...r, columns: r.columns.filter((c) => objects.get(r.object)!.fieldMap.has(c)) }));
  }
  const view: MetadataModel = { ...meta, objects };
  if (perMeta.size > 500) perMeta.delete(perMeta.keys().next().value!);
  perMeta.set(key, view);
  return view;
}
