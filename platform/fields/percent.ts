/** Percentages stored as the number shown (40 means 40%). */
import { CAST_COLUMN, NUMBER_OPERATORS, formatNumber, parseNumberCell, scalarType, toNumber } from './common';
import type { Locale } from '../core/i18n';
import type { NumberFieldDef } from './types';
import { numericChangeChecks, numericParams, numericSchema, numericSqlType } from './decimal';

const DEFAULTS = { precision: 7, scale: 2 };

/** A percentage rounded to `scale` decimals, all of them shown (29.30%); a whole one shows none (a 40% probability, not 40.00%). */
export function formatPercent(v: unknown, locale: Locale, scale: number): string {
  if (v === null || v === undefined || v === '') return '';
  const n = Number(v);
  const rounded = Number.isFinite(n) ? Number(n.toFixed(scale)) : n;
  return `${formatNumber(rounded, locale, Number.isInteger(rounded) ? 0 : scale)}%`;
}

export const percentType = scalarType<NumberFieldDef>({
  type: 'percent',
  label: { en: 'Percent', zh: '百分比' },
  valueKind: 'number',
  params: { properties: numericParams },
  sqlType: (f) => numericSqlType(f, DEFAULTS),
  schema: (f) => numericSchema(f, DEFAULTS),
  widget: () => ({ 'ui:widget': 'amount', 'ui:options': { percent: true, addonAfter: '%' } }),
  operators: NUMBER_OPERATORS,
  sortable: true,
  storedScale: (f) => f.scale ?? 2,
  formulaType: 'number',
  summarisedBy: ['sum', 'min', 'max'],
  filterInput: 'number',
  convertsTo: { decimal: CAST_COLUMN },
  changeChecks: numericChangeChecks(DEFAULTS),
  read: toNumber,
  format: (f, v, locale) => formatPercent(v, locale, f.scale ?? DEFAULTS.scale),
  parseCsv: (_f, cell) => parseNumberCell(cell, { percent: true }),
  formatCsv: (_f, v) => (v === null || v === undefined ? '' : String(v)),
});
