/** One value from an admin-defined list. Stored as text, never a Postgres enum (renames need no DDL). */
import { pickLabel, type Locale } from '../core/i18n';
import { CHOICE_OPERATORS, KEEP_COLUMN, scalarType } from './common';
import type { JsonSchema } from './types';
import { hasOptions } from './guards';
import type { ChangeCheck, FieldDef, PicklistFieldDef, PicklistOption } from './types';

export const optionsParam = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['value', 'label'],
    additionalProperties: false,
    properties: {
      value: { type: 'string', minLength: 1, maxLength: 100 },
      label: { $ref: '#/$defs/label' },
      color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' },
      active: { type: 'boolean' },
    },
  },
};

/** Values a new write may use: active options only. */
export function activeValues(field: PicklistFieldDef): string[] {
  return (field.options ?? []).filter((o) => o.active !== false).map((o) => o.value);
}

/** Find an option by value or by either language's label (CSV imports use labels). */
export function findOption(field: PicklistFieldDef, text: string): PicklistOption | undefined {
  const v = text.trim();
  const lower = v.toLowerCase();
  const options = field.options ?? [];
  return options.find((o) => o.value === v) ?? options.find((o) => o.value.toLowerCase() === lower || o.label.en.toLowerCase() === lower || o.label.zh === v);
}

export function optionLabel(field: PicklistFieldDef, value: unknown, locale: 'en' | 'zh-CN'): string {
  if (value === null || value === undefined) return '';
  const o = (field.options ?? []).find((x) => x.value === value);
  return o ? pickLabel(o.label, locale) : String(value);
}

/** Values taken out of a picklist are refused while records hold them (deactivating is the way). */
export function optionChecks(before: FieldDef, after: PicklistFieldDef): ChangeCheck[] {
  if (!hasOptions(before) || before.type !== after.type) return [];
  const removed = before.options.filter((o) => !after.options.some((x) => x.value === o.value)).map((o) => o.value);
  return removed.length ? [{ check: 'optionsRemoved', values: removed, array: after.type === 'multi_picklist' }] : [];
}

/** A select of the active options, labelled in the viewer's language (values stay plain enums: a oneOf would make rjsf pre-select its first option). */
export function optionsWidget(field: PicklistFieldDef, locale: Locale = 'en'): JsonSchema {
  return {
    'ui:widget': 'select',
    ...(field.type === 'multi_picklist' ? { 'ui:options': { mode: 'multiple' } } : {}),
    'ui:placeholder': locale === 'zh-CN' ? '请选择' : 'Select...',
    'ui:enumNames': field.options.filter((o) => o.active !== false).map((o) => pickLabel(o.label, locale)),
  };
}

export const picklistType = scalarType<PicklistFieldDef>({
  type: 'picklist',
  label: { en: 'Picklist', zh: '选项列表' },
  valueKind: 'text',
  params: { properties: { options: optionsParam, default: { type: 'string' } }, required: ['options'] },
  sqlType: () => 'text',
  schema: (f) => ({ type: 'string', enum: activeValues(f), 'x-message': 'validation.enum' }),
  formSchema: (f) => ({ type: 'string', enum: activeValues(f) }),
  widget: optionsWidget,
  operators: CHOICE_OPERATORS,
  sortable: true,
  formulaType: 'text',
  filterInput: 'options',
  convertsTo: { text: KEEP_COLUMN, long_text: KEEP_COLUMN, multi_picklist: (c) => `CASE WHEN ${c} IS NULL THEN NULL ELSE ARRAY[${c}] END` },
  changeChecks: optionChecks,
  format: (f, v, locale) => optionLabel(f, v, locale),
  parseCsv: (f, cell) => {
    if (cell.trim() === '') return { ok: true, value: null };
    const o = findOption(f, cell);
    return o ? { ok: true, value: o.value } : { ok: false, message: `"${cell}" is not one of the values` };
  },
});
