/** Building blocks shared by field type modules (single-column types, number parsing, CSV). */
import type { Locale } from '../core/i18n';
import { anyField } from './guards';
import type { ChangeCheck, ColumnConversion, ColumnSpec, CsvResult, DisplayKind, FieldDef, FilterInput, FieldTypeModule, JsonSchema, OperatorName } from './types';

export const TEXT_OPERATORS: OperatorName[] = ['eq', 'ne', 'in', 'not_in', 'contains', 'not_contains', 'starts_with', 'ends_with', 'is_empty', 'is_not_empty'];
export const NUMBER_OPERATORS: OperatorName[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'not_in', 'is_empty', 'is_not_empty'];
export const DATE_OPERATORS: OperatorName[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'during', 'is_empty', 'is_not_empty'];
export const CHOICE_OPERATORS: OperatorName[] = ['eq', 'ne', 'in', 'not_in', 'is_empty', 'is_not_empty'];
export const ID_OPERATORS: OperatorName[] = ['eq', 'ne', 'in', 'not_in', 'is_empty', 'is_not_empty'];

/** A conversion between types stored alike (text to long text): the column stays as it is. */
export const KEEP_COLUMN: ColumnConversion = () => null;

/** A conversion between numeric types: the column is retyped, every value cast as it is. */
export const CAST_COLUMN: ColumnConversion = (column) => column;

/** Shortening a text-like field (or giving a field converted to one a limit) is refused while longer values are stored. */
export function maxLengthChecks(before: FieldDef, after: FieldDef): ChangeCheck[] {
  const limit = anyField(after).maxLength;
  const was = anyField(before).maxLength;
  return limit && (!was || limit < was) ? [{ check: 'maxLength', limit }] : [];
}

/**
 * The keywords of a value schema a form shows and checks as the user types. Patterns and custom
 * messages stay server-side: the record service words those errors in the user's language.
 */
export function formSchemaOf(schema: JsonSchema): JsonSchema {
  const s: JsonSchema = {};
  for (const k of ['type', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'format'] as const) {
    if (schema[k] !== undefined) s[k] = schema[k];
  }
  return s;
}

/** Label-independent designer parameters shared by text-like types. */
export const maxLengthParam = (limit: number): JsonSchema => ({ type: 'integer', minimum: 1, maximum: limit });

type ScalarSpec<F extends FieldDef> = Omit<
  FieldTypeModule<F>,
  'properties' | 'toColumns' | 'fromColumns' | 'readers' | 'columns' | 'format' | 'parseCsv' | 'formatCsv' | 'writable' | 'formSchema' | 'display' | 'filterInput'
> & {
  /** Default 'text'. */
  display?: DisplayKind;
  /** Default 'text'. */
  filterInput?: FilterInput;
  /** Users give its values (default true). */
  writable?: boolean;
  /** The form's schema (default: the value schema's plain keywords, see formSchemaOf). */
  formSchema?: (field: F) => JsonSchema;
  sqlType: (field: F) => string;
  schema: (field: F) => JsonSchema;
  /** Column value -> API value (pg already gives strings/booleans/arrays; numerics need converting). */
  read?: (value: unknown) => unknown;
  /** The same conversion in SQL, when `read` does more than pg and to_json do (see ColumnReader.jsonSql). */
  jsonSql?: (column: string) => string;
  /** API value -> column parameter. */
  write?: (value: unknown, field: F) => unknown;
  format?: (field: F, value: unknown, locale: Locale) => string;
  parseCsv?: (field: F, cell: string) => CsvResult;
  formatCsv?: (field: F, value: unknown) => string;
  columnDefault?: (field: F) => string | undefined;
  notNull?: boolean;
};

/** A type stored in one column named after the field, exposed as one API property. */
export function scalarType<F extends FieldDef>(spec: ScalarSpec<F>): FieldTypeModule<F> {
  const { sqlType, schema, read, jsonSql, write, columnDefault, notNull, writable = true, formSchema, display = 'text', filterInput = 'text', ...rest } = spec;
  return {
    ...rest,
    writable,
    display,
    filterInput,
    formSchema: formSchema ?? ((field) => formSchemaOf(schema(field))),
    columns(field): ColumnSpec[] {
      return [{ name: field.name, sqlType: sqlType(field), notNull, defaultSql: columnDefault?.(field) }];
    },
    properties(field) {
      return { [field.name]: schema(field) };
    },
    toColumns(field, input) {
      if (!(field.name in input)) return {};
      const v = input[field.name];
      return { [field.name]: v === null || v === undefined ? null : write ? write(v, field) : v };
    },
    fromColumns(field, row) {
      const v = row[field.name];
      return { [field.name]: v === null || v === undefined ? null : read ? read(v) : v };
    },
    readers(field) {
      return [{ prop: field.name, column: field.name, read, jsonSql }];
    },
    format: spec.format ?? ((_f, v) => (v === null || v === undefined ? '' : String(v))),
    parseCsv: spec.parseCsv ?? ((_f, cell) => ({ ok: true, value: emptyToNull(cell) })),
    formatCsv: spec.formatCsv ?? ((_f, v) => (v === null || v === undefined ? '' : String(v))),
  };
}

function emptyToNull(cell: string): string | null {
  const v = cell.trim();
  return v === '' ? null : v;
}

/** Parse a number as people type it in spreadsheets: "1,234.50", "¥1 234", "40%". */
export function parseNumberCell(cell: string, { percent = false }: { percent?: boolean } = {}): CsvResult {
  const raw = cell.trim();
  if (raw === '') return { ok: true, value: null };
  let cleaned = raw.replace(/[\s,，]/g, '').replace(/^[¥￥$€£]|^(CNY|USD|EUR|RMB)/i, '');
  if (percent) cleaned = cleaned.replace(/%$/, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return { ok: false, message: `"${raw}" is not a number` };
  return { ok: true, value: Number(cleaned) };
}

/** A number in a locale, with exactly `fractionDigits` decimals when given; `grouping: false` for years and codes (2026, not 2,026). */
export function formatNumber(value: unknown, locale: Locale, fractionDigits?: number, grouping = true): string {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits ?? 6,
    useGrouping: grouping,
  }).format(n);
}

/** pg returns numeric and bigint as strings; records carry JSON numbers. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** Largest absolute value a numeric(precision, scale) column holds, for the JSON Schema bound. */
export function numericBound(precision: number, scale: number): number {
  return 10 ** (precision - scale);
}
