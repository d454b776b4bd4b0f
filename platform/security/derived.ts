/**
 * Field-level security of derived values. A formula or roll-up derived from a field the viewer may
 * not read is itself unreadable to that viewer: `amount × (1 − margin/100)` would give a hidden cost
 * back exactly. What a value is derived from:
 *
 * - a formula: every field it reads, through lookups (the lookup fields followed and the field read
 *   on the target object, with the target object's permissions), and transitively what the formula
 *   fields it reads are derived from;
 * - a roll-up: the child's lookup that links the children, the summarised child field and the
 *   fields of its filter, with the child object's permissions. A viewer who cannot read the child
 *   object at all reads none of its fields, so a roll-up over it (even a count) is hidden as well.
 *
 * An admin may mark a field `safeToShow`: it is then shown to whoever may read the field itself,
 * and a formula reading it depends on it alone, not on what it is derived from.
 */
import { isComputed } from '../fields/computed';
import type { FieldDef, RollupFieldDef } from '../fields/types';
import type { MetadataModel, ObjectModel } from '../metadata/model';
import { conditionFields } from '../rules/conditions/types';
import { formulaInputs } from '../rules/formula';
import type { UserPermissions } from './permissions';

export interface DerivedAccess {
  /** May the viewer read the field: its own permission, and for a computed field what it is derived from (unless safe to show). */
  readable(object: string, field: string): boolean;
  /** May the viewer read everything the field is derived from (true for a field that is not computed). */
  inputsReadable(object: string, field: string): boolean;
}

/** Readability of fields, derived ones included, for one viewer (memoised: build once per view). */
export function derivedAccess(meta: MetadataModel, perms: UserPermissions): DerivedAccess {
  const readMemo = new Map<string, boolean>();
  const inputsMemo = new Map<string, boolean>();

  const memo = (map: Map<string, boolean>, key: string, work: () => boolean): boolean => {
    const known = map.get(key);
    if (known !== undefined) return known;
    // A cycle (metadata refuses circular formulas) reads as hidden rather than looping.
    map.set(key, false);
    const result = work();
    map.set(key, result);
    return result;
  };

  const ownRead = (obj: ObjectModel, f: FieldDef): boolean =>
    // System fields and the record name go with the object itself.
    f.system || f.name === obj.nameField ? perms.object(obj.name).read : perms.field(obj.name, f.name).read;

  const readable = (object: string, field: string): boolean =>
    memo(readMemo, `${object}.${field}`, () => {
      const obj = meta.objects.get(object);
      const f = obj?.fieldMap.get(field);
      if (!obj || !f || !ownRead(obj, f)) return false;
      return Boolean(isComputed(f) && f.safeToShow) || inputsReadable(object, field);
    });

  /** A formula's inputs: each lookup followed and the field at its end. */
  const formulaReadable = (obj: ObjectModel, name: string): boolean => {
    const checked = obj.formulas.get(name);
    // A formula that did not check is not computed: there is no value to give anything away.
    if (!checked) return true;
    return formulaInputs(checked).every(({ steps, field }) => {
      let at = obj.name;
      for (const step of steps) {
        if (!readable(at, step.name)) return false;
        at = step.target;
      }
      return readable(at, field.name);
    });
  };

  /** A roll-up's inputs: the linking lookup, the summarised field and the filter's fields, on the child. */
  const rollupReadable = (obj: ObjectModel, f: RollupFieldDef): boolean => {
    const s = f.summary;
    if (!s) return true;
    const feed = meta.objects.get(s.object)?.rollupsFed.find((r) => r.object === obj.name && r.field.name === f.name);
    const names = [s.via, ...(s.field ? [s.field] : []), ...(feed?.filter ? conditionFields(feed.filter).map((x) => x.name) : [])];
    return names.every((n) => readable(s.object, n));
  };

  const inputsReadable = (object: string, field: string): boolean =>
    memo(inputsMemo, `${object}.${field}`, () => {
      const obj = meta.objects.get(object);
      const f = obj?.fieldMap.get(field);
      if (!obj || !f) return false;
      if (f.type === 'formula') return formulaReadable(obj, f.name);
      if (f.type === 'rollup') return rollupReadable(obj, f);
      return true;
    });

  return { readable, inputsReadable };
}
