/** Test helpers that assert a field's shape (and narrow it), failing the test when metadata changed under it. */
import { hasOptions, isFormula, isLookup } from '../platform/fields/guards';
import type { FieldDef, FormulaFieldDef, LookupFieldDef, PicklistFieldDef } from '../platform/fields/types';

function shaped<T extends FieldDef>(f: FieldDef | undefined, ok: (f: FieldDef | undefined) => f is T, what: string): T {
  if (!ok(f)) throw new Error(`${f?.name ?? 'field'} is not ${what}`);
  return f;
}

export const asPicklist = (f: FieldDef | undefined): PicklistFieldDef => shaped(f, hasOptions, 'a picklist');
export const asLookup = (f: FieldDef | undefined): LookupFieldDef => shaped(f, isLookup, 'a lookup');
export const asFormula = (f: FieldDef | undefined): FormulaFieldDef => shaped(f, isFormula, 'a formula');
