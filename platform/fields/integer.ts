/** Whole numbers, stored as bigint and exposed as JSON numbers within the safe-integer range. */
import type { NumberFieldDef } from './types';
import { CAST_COLUMN, formatNumber, NUMBER_OPERATORS, parseNumberCell, scalarType, toNumber } from './common';

export const integerType = scalarType<NumberFieldDef>({
  type: 'integer',
  label: { en: 'Integer', zh: '整数' },
  valueKind: 'number',
  params: {
    properties: {
      min: { type: 'integer' },
      max: { type: 'integer' },
      default: { type: 'integer' },
      grouping: { type: 'boolean', description: 'Show thousands separators (default true); false for years and codes (2026, not 2,026).' },
    },
  },
  sqlType: () => 'bigint',
  schema: (f) => ({
    type: 'integer',
    minimum: f.min ?? -Number.MAX_SAFE_INTEGER,
    maximum: f.max ?? Number.MAX_SAFE_INTEGER,
  }),
  widget: () => ({ 'ui:widget': 'amount', 'ui:options': { integer: true } }),
  operators: NUMBER_OPERATORS,
  sortable: true,
  storedScale: () => 0,
  formulaType: 'number',
  summarisedBy: ['sum', 'min', 'max'],
  filterInput: 'number',
  convertsTo: { decimal: CAST_COLUMN, currency: CAST_COLUMN, percent: CAST_COLUMN },
  read: toNumber,
  format: (f, v, locale) => formatNumber(v, locale, 0, f.grouping !== false),
  parseCsv: (_f, cell) => {
    const r = parseNumberCell(cell);
    if (r.ok && r.value !== null && !Number.isInteger(r.value)) return { ok: false, message: `"${cell}" is not a whole number` };
    return r;
  },
});
