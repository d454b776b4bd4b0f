/**
 * The field-type registry as a whole: every type's storage, API properties, operators and
 * designer parameters, checked through the same published schemas the designer and loader use.
 */
import { describe, expect, it } from 'vitest';
import { FIELD_TYPE_NAMES, FIELD_TYPES, fieldType } from '../../../platform/fields/registry';
import type { FieldDef, FieldTypeName, OperatorName } from '../../../platform/fields/types';
import { validateMetadata } from '../../../platform/metadata/schemas';
import { fieldOf, REGION_OPTIONS } from './helpers';

const TEXT_OPS: OperatorName[] = ['eq', 'ne', 'in', 'not_in', 'contains', 'not_contains', 'starts_with', 'ends_with', 'is_empty', 'is_not_empty'];
const NUMBER_OPS: OperatorName[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'not_in', 'is_empty', 'is_not_empty'];
const DATE_OPS: OperatorName[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'during', 'is_empty', 'is_not_empty'];
const CHOICE_OPS: OperatorName[] = ['eq', 'ne', 'in', 'not_in', 'is_empty', 'is_not_empty'];

interface TypeCase {
  type: FieldTypeName;
  params?: Partial<FieldDef>;
  columns: { name: string; sqlType: unknown; notNull?: boolean; defaultSql?: string; virtual?: boolean }[];
  properties: string[];
  operators: OperatorName[];
  sortable: boolean;
}

const TYPES: TypeCase[] = [
  { type: 'text', columns: [{ name: 'f', sqlType: 'text' }], properties: ['f'], operators: TEXT_OPS, sortable: true },
  { type: 'long_text', columns: [{ name: 'f', sqlType: 'text' }], properties: ['f'], operators: ['contains', 'not_contains', 'is_empty', 'is_not_empty'], sortable: false },
  { type: 'email', columns: [{ name: 'f', sqlType: 'text' }], properties: ['f'], operators: TEXT_OPS, sortable: true },
  { type: 'phone', columns: [{ name: 'f', sqlType: 'text' }], properties: ['f'], operators: TEXT_OPS, sortable: true },
  { type: 'url', columns: [{ name: 'f', sqlType: 'text' }], properties: ['f'], operators: TEXT_OPS, sortable: true },
  { type: 'integer', columns: [{ name: 'f', sqlType: 'bigint' }], properties: ['f'], operators: NUMBER_OPS, sortable: true },
  { type: 'decimal', columns: [{ name: 'f', sqlType: 'numeric(18,2)' }], properties: ['f'], operators: NUMBER_OPS, sortable: true },
  { type: 'decimal', params: { precision: 10, scale: 4 }, columns: [{ name: 'f', sqlType: 'numeric(10,4)' }], properties: ['f'], operators: NUMBER_OPS, sortable: true },
  {
    type: 'currency',
    columns: [
      { name: 'f', sqlType: 'numeric(18,2)' },
      { name: 'f_currency', sqlType: 'text', notNull: true, defaultSql: "'CNY'" },
    ],
    properties: ['f', 'f_currency'],
    operators: NUMBER_OPS,
    sortable: true,
  },
  {
    type: 'currency',
    params: { currency: 'USD', precision: 12, scale: 0 },
    columns: [
      { name: 'f', sqlType: 'numeric(12,0)' },
      { name: 'f_currency', sqlType: 'text', notNull: true, defaultSql: "'USD'" },
    ],
    properties: ['f', 'f_currency'],
    operators: NUMBER_OPS,
    sortable: true,
  },
  { type: 'percent', columns: [{ name: 'f', sqlType: 'numeric(7,2)' }], properties: ['f'], operators: NUMBER_OPS, sortable: true },
  { type: 'date', columns: [{ name: 'f', sqlType: 'date' }], properties: ['f'], operators: DATE_OPS, sortable: true },
  // Microseconds or milliseconds are both fine here; that values read back compare equal is checked in integration.
  { type: 'datetime', columns: [{ name: 'f', sqlType: expect.stringMatching(/^timestamptz(\(3\))?$/) }], properties: ['f'], operators: DATE_OPS, sortable: true },
  { type: 'boolean', columns: [{ name: 'f', sqlType: 'boolean', notNull: true, defaultSql: 'false' }], properties: ['f'], operators: ['eq', 'ne'], sortable: true },
  {
    type: 'boolean',
    params: { default: true },
    columns: [{ name: 'f', sqlType: 'boolean', notNull: true, defaultSql: 'true' }],
    properties: ['f'],
    operators: ['eq', 'ne'],
    sortable: true,
  },
  { type: 'picklist', params: { options: REGION_OPTIONS }, columns: [{ name: 'f', sqlType: 'text' }], properties: ['f'], operators: CHOICE_OPS, sortable: true },
  {
    type: 'multi_picklist',
    params: { options: REGION_OPTIONS },
    columns: [{ name: 'f', sqlType: 'text[]' }],
    properties: ['f'],
    operators: ['includes_any', 'includes_all', 'excludes_all', 'is_empty', 'is_not_empty'],
    sortable: false,
  },
  { type: 'lookup', params: { target: 'account' }, columns: [{ name: 'f', sqlType: 'uuid' }], properties: ['f'], operators: CHOICE_OPS, sortable: false },
  { type: 'auto_number', params: { pattern: 'HT-{YYYY}-{0000}' }, columns: [{ name: 'f', sqlType: 'text' }], properties: ['f'], operators: TEXT_OPS, sortable: true },
  // Computed fields behave as their result type; a formula has no stored column (it is computed when read).
  {
    type: 'formula',
    params: { formula: 'amount * 2', returnType: 'currency' },
    columns: [{ name: 'f', sqlType: 'numeric', virtual: true }],
    properties: ['f'],
    operators: NUMBER_OPS,
    sortable: true,
  },
  {
    type: 'formula',
    params: { formula: 'name', returnType: 'text' },
    columns: [{ name: 'f', sqlType: 'text', virtual: true }],
    properties: ['f'],
    operators: TEXT_OPS,
    sortable: true,
  },
  {
    type: 'rollup',
    params: { summary: { object: 'opportunity', via: 'account', fn: 'count' }, returnType: 'number' },
    columns: [{ name: 'f', sqlType: 'numeric', virtual: false, defaultSql: '0' }],
    properties: ['f'],
    operators: NUMBER_OPS,
    sortable: true,
  },
  {
    type: 'rollup',
    params: { summary: { object: 'opportunity', via: 'account', fn: 'max', field: 'close_date' }, returnType: 'date' },
    columns: [{ name: 'f', sqlType: 'date', virtual: false }],
    properties: ['f'],
    operators: DATE_OPS,
    sortable: true,
  },
];

describe('field type registry', () => {
  it('lists the 18 types, each module under its own name', () => {
    expect([...FIELD_TYPE_NAMES].sort()).toEqual([
      'auto_number',
      'boolean',
      'currency',
      'date',
      'datetime',
      'decimal',
      'email',
      'formula',
      'integer',
      'long_text',
      'lookup',
      'multi_picklist',
      'percent',
      'phone',
      'picklist',
      'rollup',
      'text',
      'url',
    ]);
    for (const name of FIELD_TYPE_NAMES) expect(FIELD_TYPES[name].type).toBe(name);
    for (const name of FIELD_TYPE_NAMES) expect(FIELD_TYPES[name].label.zh, name).toBeTruthy();
  });

  it('every type in the table above', () => {
    expect(new Set(TYPES.map((c) => c.type))).toEqual(new Set(FIELD_TYPE_NAMES));
  });

  it('rejects an unknown type by name', () => {
    expect(() => fieldType({ type: 'colour' as FieldTypeName })).toThrow(/Unknown field type "colour"/);
  });

  it.each(TYPES.map((c) => [`${c.type} ${JSON.stringify(c.params ?? {})}`, c] as const))('%s: columns, properties, operators', (_, c) => {
    const field = fieldOf(c.type, c.params);
    const t = fieldType(field);
    expect(t.columns(field)).toEqual(c.columns);
    expect(Object.keys(t.properties(field))).toEqual(c.properties);
    expect([...t.operators].sort()).toEqual([...c.operators].sort());
    expect(t.sortable).toBe(c.sortable);
  });

  it('every operator a type declares has values the condition language knows', () => {
    const known = new Set<OperatorName>([...NUMBER_OPS, ...TEXT_OPS, 'during', 'includes_any', 'includes_all', 'excludes_all']);
    for (const name of FIELD_TYPE_NAMES) for (const op of FIELD_TYPES[name].operators) expect(known.has(op), `${name}.${op}`).toBe(true);
  });

  it('toColumns only writes the properties present in the input, and fromColumns maps null to null', () => {
    for (const c of TYPES) {
      const field = fieldOf(c.type, c.params);
      const t = fieldType(field);
      expect(t.toColumns(field, { other: 1 }), c.type).toEqual({});
      const back = t.fromColumns(field, {});
      expect(back.f, c.type).toBeNull();
    }
  });
});

/** A one-field object document, as the designer would save it. */
function objectWith(field: Record<string, unknown>) {
  return { name: 'thing', label: { en: 'Thing', zh: '东西' }, pluralLabel: { en: 'Things', zh: '东西' }, fields: [{ name: 'f', label: { en: 'F', zh: '字段' }, ...field }] };
}

const PARAMS: { field: Record<string, unknown>; error?: string }[] = [
  { field: { type: 'text', maxLength: 1000 } },
  { field: { type: 'text', maxLength: 1001 }, error: '/fields/0/maxLength' },
  { field: { type: 'text', maxLength: 0 }, error: '/fields/0/maxLength' },
  { field: { type: 'long_text', maxLength: 131072 } },
  { field: { type: 'email', maxLength: 10 }, error: '/fields/0' },
  { field: { type: 'integer', min: 0, max: 10, default: 3 } },
  { field: { type: 'integer', default: 1.5 }, error: '/fields/0/default' },
  { field: { type: 'decimal', precision: 30, scale: 10 } },
  { field: { type: 'decimal', precision: 31 }, error: '/fields/0/precision' },
  { field: { type: 'decimal', scale: 11 }, error: '/fields/0/scale' },
  { field: { type: 'currency', currency: 'USD' } },
  { field: { type: 'currency', currency: 'usd' }, error: '/fields/0/currency' },
  { field: { type: 'percent', min: 0, max: 100 } },
  { field: { type: 'date', default: '2026-03-05' } },
  { field: { type: 'date', default: '2026-02-30' }, error: '/fields/0/default' },
  { field: { type: 'datetime' } },
  { field: { type: 'boolean', default: true } },
  { field: { type: 'boolean', default: 'yes' }, error: '/fields/0/default' },
  { field: { type: 'picklist', options: REGION_OPTIONS, default: 'east' } },
  { field: { type: 'picklist' }, error: '/fields/0' },
  { field: { type: 'picklist', options: [] }, error: '/fields/0/options' },
  { field: { type: 'picklist', options: [{ value: 'a', label: { en: 'A' } }] }, error: '/fields/0/options/0/label' },
  { field: { type: 'picklist', options: [{ value: 'a', label: { en: 'A', zh: '甲' }, color: 'red' }] }, error: '/fields/0/options/0/color' },
  { field: { type: 'multi_picklist', options: REGION_OPTIONS, default: ['east'] } },
  { field: { type: 'lookup', target: 'account', onDelete: 'restrict' } },
  { field: { type: 'lookup' }, error: '/fields/0' },
  { field: { type: 'lookup', target: 'account', onDelete: 'cascade' }, error: '/fields/0/onDelete' },
  { field: { type: 'lookup', target: 'Account' }, error: '/fields/0/target' },
  { field: { type: 'auto_number', pattern: 'HT-{YYYY}-{0000}' } },
  { field: { type: 'auto_number', pattern: '{YY}{MM}{DD}-{000}' } },
  { field: { type: 'auto_number', pattern: 'C-{00000}' } },
  { field: { type: 'auto_number', pattern: 'HT-{YYYY}' }, error: '/fields/0/pattern' },
  { field: { type: 'auto_number', pattern: 'HT-{0000}-{00}' }, error: '/fields/0/pattern' },
  { field: { type: 'auto_number', pattern: 'HT-{YYY}-{0000}' }, error: '/fields/0/pattern' },
  { field: { type: 'auto_number' }, error: '/fields/0' },
  { field: { type: 'colour' }, error: '/fields/0' },
];

describe('designer parameters of every type (object meta-schema)', () => {
  it.each(PARAMS.map((p) => [JSON.stringify(p.field), p] as const))('%s', (_, { field, error }) => {
    const errors = validateMetadata('object', objectWith(field), 'objects/thing.json');
    if (!error) expect(errors).toEqual([]);
    else {
      expect(errors.map((e) => e.pointer)).toContain(error);
      // The file is named in the detail, not in the sentence.
      for (const e of errors) expect([e.file, e.message.includes('#/')]).toEqual(['objects/thing.json', false]);
    }
  });
});
