/**
 * Money: an amount plus its ISO currency code, two columns (`amount`, `amount_currency`) and two
 * API properties. Lists sort and filter on the amount. The code defaults to the field's currency (CNY).
 */
import { pickLabel, type Locale } from '../core/i18n';
import { CAST_COLUMN, formatNumber, formSchemaOf, NUMBER_OPERATORS, numberFormat, parseNumberCell, toNumber } from './common';
import { numericChangeChecks, numericParams, numericSchema, numericSqlType } from './decimal';
import type { CurrencyFieldDef, FieldTypeModule } from './types';

const DEFAULTS = { precision: 18, scale: 2 };
const CURRENCY_CODE = /^[A-Z]{3}$/;
/** The suffix of the partial index of an amount's records in another currency than the field's own. */
export const OTHER_CURRENCY = 'other_currency';

/** The codes a form offers for an amount. */
export const CURRENCY_CODES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'TWD'];

function currencyColumn(field: Pick<CurrencyFieldDef, 'name'>): string {
  return `${field.name}_currency`;
}

function currencyOf(field: Pick<CurrencyFieldDef, 'currency'>): string {
  return field.currency && CURRENCY_CODE.test(field.currency) ? field.currency : 'CNY';
}

/** The accessible name of an amount's currency select: "Amount currency", "金额币种". */
function currencyLabel(field: Pick<CurrencyFieldDef, 'label'>, locale: Locale): string {
  const label = pickLabel(field.label, locale);
  return locale === 'zh-CN' ? `${label}币种` : `${label} currency`;
}

export const currencyType: FieldTypeModule<CurrencyFieldDef> = {
  type: 'currency',
  label: { en: 'Currency', zh: '金额' },
  valueKind: 'number',
  params: {
    properties: { ...numericParams, currency: { type: 'string', pattern: '^[A-Z]{3}$', default: 'CNY' } },
  },
  columns(field) {
    return [
      { name: field.name, sqlType: numericSqlType(field, DEFAULTS) },
      // The code is a validated [A-Z]{3} literal, safe to inline as the column default.
      { name: currencyColumn(field), sqlType: 'text', notNull: true, defaultSql: `'${currencyOf(field)}'` },
    ];
  },
  properties(field) {
    return {
      [field.name]: numericSchema(field, DEFAULTS),
      [currencyColumn(field)]: { type: 'string', pattern: '^[A-Z]{3}$', 'x-message': 'validation.currency' },
    };
  },
  convertsTo: { decimal: CAST_COLUMN },
  changeChecks: numericChangeChecks(DEFAULTS),
  writable: true,
  formSchema: (field) => formSchemaOf(numericSchema(field, DEFAULTS)),
  // The amount is typed with its currency: the code is chosen in the amount's own input (AmountWidget).
  widget: (field, locale = 'en') => ({
    'ui:widget': 'amount',
    'ui:options': { hint: true, currency: { field: currencyColumn(field), codes: CURRENCY_CODES, default: currencyOf(field), label: currencyLabel(field, locale) } },
  }),
  // Saved as its own property, as over REST; the amount's widget shows it.
  formCompanions: (field, locale) => ({
    [currencyColumn(field)]: { type: 'string', title: currencyLabel(field, locale), enum: CURRENCY_CODES, default: currencyOf(field) },
  }),
  operators: NUMBER_OPERATORS,
  sortable: true,
  // Usually empty: a report probes it to skip its mixed-currency guard (platform/reports/currency.ts).
  partialIndexes: (field) => [{ suffix: OTHER_CURRENCY, where: `"${currencyColumn(field)}" <> '${currencyOf(field)}'` }],
  storedScale: (f) => f.scale ?? 2,
  formulaType: 'number',
  summarisedBy: ['sum', 'min', 'max'],
  display: 'text',
  // The amount shows in the record's own currency.
  displayed: (field, record) => ({ amount: record[field.name], currency: record[currencyColumn(field)] as string }),
  filterInput: 'number',
  toColumns(field, input) {
    const out: Record<string, unknown> = {};
    if (field.name in input) out[field.name] = input[field.name] ?? null;
    const code = currencyColumn(field);
    if (code in input) out[code] = input[code] ?? currencyOf(field);
    return out;
  },
  fromColumns(field, row) {
    const v = row[field.name];
    return {
      [field.name]: v === null || v === undefined ? null : toNumber(v),
      [currencyColumn(field)]: (row[currencyColumn(field)] as string | null) ?? currencyOf(field),
    };
  },
  readers(field) {
    return [
      { prop: field.name, column: field.name, read: toNumber },
      { prop: currencyColumn(field), column: currencyColumn(field), nullValue: currencyOf(field) },
    ];
  },
  /** `value` is the amount, or `{ amount, currency }` when the record's own code is known. */
  format(field, value, locale) {
    if (value === null || value === undefined) return '';
    const pair = typeof value === 'object' ? (value as { amount: unknown; currency?: string }) : { amount: value };
    if (pair.amount === null || pair.amount === undefined) return '';
    const n = Number(pair.amount);
    const code = pair.currency && CURRENCY_CODE.test(pair.currency) ? pair.currency : currencyOf(field);
    try {
      return numberFormat(locale, { style: 'currency', currency: code }).format(n);
    } catch {
      return formatNumber(n, locale, field.scale ?? DEFAULTS.scale);
    }
  },
  /** A cell in another currency ("USD 1,000", "$1,000") is refused: converting is the importer's decision. */
  parseCsv: (field, cell) => {
    const written = currencyWritten(cell);
    if (written && written !== currencyOf(field)) {
      return { ok: false, message: `"${cell.trim()}" is in ${written}; this field holds ${currencyOf(field)}` };
    }
    return parseNumberCell(cell);
  },
  formatCsv: (_f, v) => (v === null || v === undefined ? '' : String(v)),
};

const SYMBOLS: Record<string, string> = { '¥': 'CNY', '￥': 'CNY', $: 'USD', '€': 'EUR', '£': 'GBP' };

/** The currency a spreadsheet cell names by symbol or code, if any ("RMB" is CNY). */
function currencyWritten(cell: string): string | undefined {
  const v = cell.trim();
  const symbol = SYMBOLS[v[0]] ?? SYMBOLS[v[v.length - 1]];
  if (symbol) return symbol;
  const code = /^([A-Za-z]{3})\s*[-+0-9.,]|[-+0-9.,]\s*([A-Za-z]{3})$/.exec(v);
  const found = (code?.[1] ?? code?.[2])?.toUpperCase();
  return found === 'RMB' ? 'CNY' : found;
}
