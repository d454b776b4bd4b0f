/** Decimal numbers in numeric(precision, scale): exact, rounded to scale by Postgres. */
import { CAST_COLUMN, formatNumber, NUMBER_OPERATORS, numericBound, parseNumberCell, scalarType, toNumber } from './common';
import { anyField } from './guards';
import type { ChangeCheck, CurrencyFieldDef, FieldDef, NumberFieldDef } from './types';

/** The numeric parameters a field may carry (computed fields borrow `scale`). */
type NumericShape = Pick<NumberFieldDef, 'precision' | 'scale' | 'min' | 'max'>;

const precisionParam = { type: 'integer', minimum: 1, maximum: 30 };
const scaleParam = { type: 'integer', minimum: 0, maximum: 10 };

/** Designer parameters shared by the numeric types (decimal, percent, currency). */
export const numericParams = {
  precision: precisionParam,
  scale: scaleParam,
  min: { type: 'number' },
  max: { type: 'number' },
  default: { type: 'number' },
};

export function numericSqlType(f: NumericShape, defaults: { precision: number; scale: number }): string {
  const p = f.precision ?? defaults.precision;
  const s = f.scale ?? defaults.scale;
  return `numeric(${Math.trunc(p)},${Math.trunc(s)})`;
}

export function numericSchema(f: NumericShape, defaults: { precision: number; scale: number }) {
  const bound = numericBound(f.precision ?? defaults.precision, f.scale ?? defaults.scale);
  return {
    type: 'number',
    exclusiveMinimum: -bound,
    exclusiveMaximum: bound,
    ...(f.min !== undefined ? { minimum: f.min } : {}),
    ...(f.max !== undefined ? { maximum: f.max } : {}),
  };
}

/**
 * A numeric field's precision or scale changed: the column widens (retype) or, when it would round
 * or cut a stored value, the change is refused. Changes of type are the conversions' business.
 */
export function numericChangeChecks(defaults: { precision: number; scale: number }) {
  return (before: FieldDef, after: FieldDef): ChangeCheck[] => {
    if (before.type !== after.type) return [];
    const size = (f: FieldDef) => {
      const { precision, scale } = anyField(f);
      return [Math.trunc(precision ?? defaults.precision), Math.trunc(scale ?? defaults.scale)];
    };
    const [op, os] = size(before);
    const [np, ns] = size(after);
    if (op === np && os === ns) return [];
    return ns < os || np - ns < op - os ? [{ check: 'precision' }] : [{ check: 'retype' }];
  };
}

const DEFAULTS = { precision: 18, scale: 2 };

export const decimalType = scalarType<NumberFieldDef | CurrencyFieldDef>({
  type: 'decimal',
  label: { en: 'Decimal', zh: '小数' },
  valueKind: 'number',
  params: { properties: numericParams },
  sqlType: (f) => numericSqlType(f, DEFAULTS),
  schema: (f) => numericSchema(f, DEFAULTS),
  widget: () => ({ 'ui:widget': 'amount' }),
  operators: NUMBER_OPERATORS,
  sortable: true,
  storedScale: (f) => f.scale ?? 2,
  formulaType: 'number',
  summarisedBy: ['sum', 'min', 'max'],
  filterInput: 'number',
  convertsTo: { currency: CAST_COLUMN, percent: CAST_COLUMN },
  changeChecks: numericChangeChecks(DEFAULTS),
  read: toNumber,
  format: (f, v, locale) => formatNumber(v, locale, f.scale ?? DEFAULTS.scale),
  parseCsv: (_f, cell) => parseNumberCell(cell),
});
