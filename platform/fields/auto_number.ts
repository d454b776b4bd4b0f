/**
 * Numbers the system assigns on create from a pattern such as `HT-{YYYY}-{0000}`: date tokens
 * {YYYY} {YY} {MM} {DD} and one counter token of zeros giving the minimum width. The counter
 * restarts whenever the date part of the pattern changes (a yearly pattern restarts each year).
 */
import { KEEP_COLUMN, TEXT_OPERATORS, scalarType } from './common';

const TOKEN = /\{(YYYY|YY|MM|DD|0+)\}/g;
const AUTO_NUMBER_PATTERN = '^[^{}]*(\\{(YYYY|YY|MM|DD)\\}[^{}]*)*\\{0+\\}[^{}]*(\\{(YYYY|YY|MM|DD)\\}[^{}]*)*$';

/** The period key a counter belongs to: the pattern with only its date tokens filled in. */
export function autoNumberPeriod(pattern: string, now: Date): string {
  return pattern.replace(TOKEN, (_, tok: string) => (tok.startsWith('0') ? '#' : dateToken(tok, now)));
}

export function formatAutoNumber(pattern: string, now: Date, counter: number): string {
  return pattern.replace(TOKEN, (_, tok: string) => (tok.startsWith('0') ? String(counter).padStart(tok.length, '0') : dateToken(tok, now)));
}

function dateToken(tok: string, now: Date): string {
  // Business dates follow China Standard Time by default (UTC+8), where our users are.
  const local = new Date(now.getTime() + 8 * 3600_000);
  switch (tok) {
    case 'YYYY':
      return String(local.getUTCFullYear());
    case 'YY':
      return String(local.getUTCFullYear()).slice(2);
    case 'MM':
      return String(local.getUTCMonth() + 1).padStart(2, '0');
    default:
      return String(local.getUTCDate()).padStart(2, '0');
  }
}

export const autoNumberType = scalarType({
  type: 'auto_number',
  label: { en: 'Auto number', zh: '自动编号' },
  valueKind: 'text',
  params: { properties: { pattern: { type: 'string', pattern: AUTO_NUMBER_PATTERN, maxLength: 60 } }, required: ['pattern'] },
  sqlType: () => 'text',
  schema: () => ({ type: 'string' }),
  writable: false,
  hiddenOnCreate: true,
  widget: () => ({ 'ui:readonly': true }),
  operators: TEXT_OPERATORS,
  sortable: true,
  formulaType: 'text',
  canName: true,
  convertsTo: { text: KEEP_COLUMN },
});
