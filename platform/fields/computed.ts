/**
 * Computed fields: values the runtime works out, never typed in.
 *
 * - `formula`: an expression over the record (and records it looks up), docs/formulas.md. It has
 *   no column: reads select it as a virtual column, compiled to SQL, so lists sort and filter on it.
 * - `rollup`: a count, sum, min or max of child records (e.g. an account's won amount), stored in
 *   a column and kept current by the record service in the same transaction as every child write.
 *
 * Both behave as their result type (`returnType`) in filters, sorting and display: a currency
 * formula filters and formats like a currency. Both are read-only everywhere.
 */
import { formSchemaOf } from './common';
import { currencyType } from './currency';
import { dateType } from './date';
import { datetimeType } from './datetime';
import { decimalType } from './decimal';
import { booleanType } from './boolean';
import { percentType } from './percent';
import { textType } from './text';
import type { ColumnSpec, FieldDef, FieldTypeModule, FieldTypeName, FormulaFieldDef, JsonSchema, ReturnTypeName, RollupFieldDef } from './types';

export type ComputedFieldDef = FormulaFieldDef | RollupFieldDef;

const RETURN_TYPES: ReturnTypeName[] = ['number', 'currency', 'percent', 'text', 'date', 'datetime', 'boolean'];

/** The stored type a result type behaves as. */
const BASE: Record<ReturnTypeName, FieldTypeModule> = {
  number: decimalType,
  currency: currencyType,
  percent: percentType,
  text: textType,
  date: dateType,
  datetime: datetimeType,
  boolean: booleanType,
};

const SQL_TYPES: Record<ReturnTypeName, string> = {
  number: 'numeric',
  currency: 'numeric',
  percent: 'numeric',
  text: 'text',
  date: 'date',
  datetime: 'timestamptz',
  boolean: 'boolean',
};

const formulaScale = { type: 'integer', minimum: 0, maximum: 10, description: 'Decimal places the value is rounded to (numbers, currency, percent; default 2).' };
const rollupScale = { type: 'integer', minimum: 0, maximum: 10, description: 'Decimal places shown (numbers, currency, percent).' };

const safeToShow = {
  type: 'boolean',
  description: 'Shown to users who may not read a field it is derived from (by default it is hidden from them, as its value could give that field away).',
};

const conditionRef: JsonSchema = { $ref: 'condition.schema.json' };

function computed(kind: 'formula' | 'rollup', returnType: ReturnTypeName): FieldTypeModule<ComputedFieldDef> {
  const base = BASE[returnType];
  // The result type's module reads only the name, scale and currency, which computed fields carry too.
  const asBase = (field: Pick<ComputedFieldDef, 'name' | 'label'>) => ({ ...field, type: base.type }) as FieldDef;
  const { read, jsonSql } = base.readers(asBase({ name: 'x', label: { en: 'x', zh: 'x' } }))[0];
  return {
    type: kind,
    label: kind === 'formula' ? { en: 'Formula', zh: '公式' } : { en: 'Roll-up summary', zh: '汇总' },
    valueKind: base.valueKind,
    params:
      kind === 'formula'
        ? {
            properties: {
              formula: { type: 'string', minLength: 1, maxLength: 4000, description: 'The expression (docs/formulas.md).' },
              returnType: { enum: RETURN_TYPES },
              scale: formulaScale,
              currency: { type: 'string', pattern: '^[A-Z]{3}$' },
              safeToShow,
            },
            required: ['formula', 'returnType'],
          }
        : {
            properties: {
              summary: {
                type: 'object',
                additionalProperties: false,
                required: ['object', 'via', 'fn'],
                description: 'Summarises child records of `object` whose lookup `via` points at this record.',
                properties: {
                  object: { $ref: '#/$defs/apiName' },
                  via: { $ref: '#/$defs/apiName' },
                  fn: { enum: ['count', 'sum', 'min', 'max'] },
                  field: { $ref: '#/$defs/apiName' },
                  filter: conditionRef,
                },
              },
              returnType: { enum: RETURN_TYPES, description: 'Derived from the summarised field; need not be given.' },
              scale: rollupScale,
              currency: { type: 'string', pattern: '^[A-Z]{3}$' },
              safeToShow,
            },
            required: ['summary'],
          },
    columns(field): ColumnSpec[] {
      // A roll-up's type follows what it summarises; numbers are unbounded numeric (sums grow).
      // Counts and sums start at 0 (a new parent has no children); min and max start blank.
      const zero = field.type === 'rollup' && (field.summary?.fn === 'count' || field.summary?.fn === 'sum');
      return [{ name: field.name, sqlType: SQL_TYPES[returnType], virtual: kind === 'formula', ...(zero ? { defaultSql: '0' } : {}) }];
    },
    properties(field) {
      const schema = base.properties(asBase(field))[field.name] ?? {};
      return { [field.name]: schema };
    },
    writable: false,
    formSchema: (field) => formSchemaOf(base.properties(asBase(field))[field.name] ?? {}),
    widget: () => ({ 'ui:readonly': true }),
    operators: base.operators,
    sortable: base.sortable,
    formulaType: returnType === 'currency' || returnType === 'percent' ? 'number' : returnType,
    display: 'text',
    // Typed as text whatever the result type, as before result-typed inputs existed (a change of its own).
    filterInput: 'text',
    toColumns: () => ({}),
    fromColumns(field, row) {
      const v = row[field.name];
      return { [field.name]: v === null || v === undefined ? null : read ? read(v) : v };
    },
    readers(field) {
      return [{ prop: field.name, column: field.name, read, jsonSql }];
    },
    // A count is a whole number whatever the scale default of its result type (3, not 3.00).
    format: (field, value, locale) => base.format(asBase(isCount(field) && field.scale === undefined ? { ...field, scale: 0 } : field), value, locale),
    parseCsv: () => ({ ok: false, message: 'computed fields cannot be imported' }),
    formatCsv: (field, value) => base.formatCsv(asBase(field), value),
  };
}

/** Whether a computed field is a roll-up counting child records. */
function isCount(field: ComputedFieldDef): boolean {
  return field.type === 'rollup' && field.summary?.fn === 'count';
}

const cache = new Map<string, FieldTypeModule<ComputedFieldDef>>();

/** The module of a computed field, specialised to its result type. */
export function computedType(field: { type: FieldTypeName; returnType?: ReturnTypeName }): FieldTypeModule<ComputedFieldDef> {
  const kind = field.type as 'formula' | 'rollup';
  const rt = field.returnType && RETURN_TYPES.includes(field.returnType) ? field.returnType : 'number';
  const key = `${kind}:${rt}`;
  let m = cache.get(key);
  if (!m) cache.set(key, (m = computed(kind, rt)));
  return m;
}

export const formulaType = computedType({ type: 'formula', returnType: 'number' });
export const rollupType = computedType({ type: 'rollup', returnType: 'number' });

export function isComputed<F extends Pick<FieldDef, 'type'>>(field: F): field is Extract<F, { type: 'formula' | 'rollup' }> {
  return field.type === 'formula' || field.type === 'rollup';
}

/**
 * The decimal places a roll-up shows when it names none, from the field it summarises: a sum, min
 * or max of whole numbers is whole (12, not 12.00); of a decimal, that decimal's own places.
 */
export function rollupDisplayScale(fn: string, summarised?: FieldDef): number | undefined {
  if (fn === 'count') return 0;
  if (!summarised) return undefined;
  if (summarised.type === 'integer') return 0;
  return 'scale' in summarised && typeof summarised.scale === 'number' ? summarised.scale : undefined;
}

/** What a roll-up's value is, from the child field it summarises. */
export function rollupReturnType(fn: string, summarised?: FieldDef): ReturnTypeName {
  if (fn === 'count' || !summarised) return 'number';
  switch (summarised.type) {
    case 'currency':
      return 'currency';
    case 'percent':
      return 'percent';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'formula':
    case 'rollup':
      return summarised.returnType ?? 'number';
    default:
      return 'number';
  }
}
