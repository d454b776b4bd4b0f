/**
 * Which field types may fill which when one record's values are copied into another (lead
 * conversion's mapping, later import mappings): the same type, or a wider one that holds every
 * value of the source. Kept here so no other folder switches on type names.
 */
import type { MessageParams } from '../core/errors';
import { isLookup } from './guards';
import { fieldType, isWritable } from './registry';
import type { FieldDef } from './types';

const TEXTS = ['text', 'long_text'];
const WIDER: Record<string, string[]> = {
  text: TEXTS,
  long_text: TEXTS,
  email: ['email', ...TEXTS],
  phone: ['phone', ...TEXTS],
  url: ['url', ...TEXTS],
  auto_number: TEXTS,
  picklist: ['picklist', ...TEXTS],
  multi_picklist: ['multi_picklist'],
  integer: ['integer', 'decimal', 'currency'],
  decimal: ['decimal', 'currency'],
  percent: ['percent', 'decimal'],
  currency: ['currency'],
  date: ['date', 'datetime'],
  datetime: ['datetime'],
  boolean: ['boolean'],
  lookup: ['lookup'],
};

/** A field's longest value (undefined: unbounded). */
function maxLengthOf(f: FieldDef): number | undefined {
  if (f.type === 'picklist' || f.type === 'multi_picklist') return Math.max(0, ...f.options.map((o) => o.value.length));
  const schema = fieldType(f).properties(f)[f.name] as { maxLength?: number } | undefined;
  return schema?.maxLength;
}

/** Why `from`'s values cannot fill `to` (a catalog key and its values), or null when they can. */
export function mappingProblem(
  from: FieldDef,
  to: FieldDef,
): { key: 'conversion.readOnly' | 'conversion.type' | 'conversion.options' | 'conversion.length'; params: MessageParams } | null {
  if (!isWritable(to) || to.name === 'owner') return { key: 'conversion.readOnly', params: { field: to.name } };
  if (!(WIDER[from.type] ?? []).includes(to.type) || (isLookup(from) && isLookup(to) && from.target !== to.target) || isLookup(from) !== isLookup(to)) {
    return { key: 'conversion.type', params: { from: from.name, fromType: from.type, to: to.name, toType: to.type } };
  }
  if ((from.type === 'picklist' || from.type === 'multi_picklist') && (to.type === 'picklist' || to.type === 'multi_picklist')) {
    const have = new Set(to.options.map((o) => o.value));
    const missing = from.options.map((o) => o.value).filter((v) => !have.has(v));
    if (missing.length) return { key: 'conversion.options', params: { to: to.name, values: missing.join(', ') } };
    return null;
  }
  const room = maxLengthOf(to);
  const need = maxLengthOf(from);
  if (room !== undefined && (need === undefined || need > room)) return { key: 'conversion.length', params: { from: from.name, to: to.name, need: need ?? '∞', room } };
  return null;
}

/** The API properties of a field, in order (a currency field has its amount and its code). */
export function propertiesOf(f: FieldDef): string[] {
  return Object.keys(fieldType(f).properties(f));
}
