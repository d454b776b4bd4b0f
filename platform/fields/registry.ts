/** The field-type registry: adding a type means adding one module and listing it here. */
import { autoNumberType } from './auto_number';
import { booleanType } from './boolean';
import { computedType, formulaType, isComputed, rollupType } from './computed';
import { currencyType } from './currency';
import { dateType } from './date';
import { datetimeType } from './datetime';
import { decimalType } from './decimal';
import { emailType } from './email';
import { integerType } from './integer';
import { longTextType } from './long_text';
import { lookupType } from './lookup';
import { multiPicklistType } from './multi_picklist';
import { percentType } from './percent';
import { phoneType } from './phone';
import { picklistType } from './picklist';
import { textType } from './text';
import type { FieldDef, FieldTypeModule, FieldTypeName, ReturnTypeName } from './types';
import { urlType } from './url';

export const FIELD_TYPES: Record<FieldTypeName, FieldTypeModule> = {
  text: textType,
  long_text: longTextType,
  email: emailType,
  phone: phoneType,
  url: urlType,
  integer: integerType,
  decimal: decimalType,
  currency: currencyType,
  percent: percentType,
  date: dateType,
  datetime: datetimeType,
  boolean: booleanType,
  picklist: picklistType,
  multi_picklist: multiPicklistType,
  lookup: lookupType,
  auto_number: autoNumberType,
  formula: formulaType,
  rollup: rollupType,
};

/** Writable in the API: a type users give values to, not system-managed, not read-only; the owner may be reassigned. */
export function isWritable(f: FieldDef): boolean {
  if (f.name === 'owner') return true;
  return !f.system && !f.readOnly && fieldType(f).writable;
}

/** A number stored in its column (integer, decimal, currency, percent), not computed by a formula or roll-up. */
export function isStoredNumber(f: FieldDef): boolean {
  return !isComputed(f) && fieldType(f).valueKind === 'number';
}

export const FIELD_TYPE_NAMES = Object.keys(FIELD_TYPES) as FieldTypeName[];

/** The module of a field's type (a computed field's is specialised to its result type). */
export function fieldType(field: { type: FieldTypeName; returnType?: ReturnTypeName }): FieldTypeModule {
  if (field.type === 'formula' || field.type === 'rollup') return computedType(field);
  const t = FIELD_TYPES[field.type];
  if (!t) throw new Error(`Unknown field type ${JSON.stringify(field.type)}`);
  return t;
}
