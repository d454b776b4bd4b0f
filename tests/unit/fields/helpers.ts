/** Shared fixtures for field-type tests: field definitions and a JSON Schema checker. */
import type { AnyField } from '../../../platform/fields/guards';
import type { FieldDef, FieldTypeName } from '../../../platform/fields/types';
import { fieldType } from '../../../platform/fields/registry';
import { createAjv } from '../../../platform/metadata/ajv';

/** A field of a type with the given parameters (labels are irrelevant to most tests). */
export function fieldOf(type: FieldTypeName, params: Partial<AnyField> = {}, name = 'f'): FieldDef {
  return { name, type, label: { en: 'Field', zh: '字段' }, ...params } as FieldDef;
}

export const REGION_OPTIONS = [
  { value: 'east', label: { en: 'East China', zh: '华东' } },
  { value: 'north', label: { en: 'North China', zh: '华北' } },
  { value: 'legacy', label: { en: 'Legacy', zh: '旧区域' }, active: false },
];

const ajv = createAjv();

/** Whether `value` is accepted for property `prop` (default: the field's own) of a field. */
export function accepts(field: FieldDef, value: unknown, prop = field.name): boolean {
  const schema = fieldType(field).properties(field)[prop];
  if (!schema) throw new Error(`${field.type} has no property ${prop}`);
  return ajv.validate(schema, value) as boolean;
}
