/**
 * The contract every field type module fulfils. A type declares, in one place: its designer
 * parameters (JSON Schema), its Postgres column(s), its JSON Schema for record values (ajv), its
 * form widget (rjsf uiSchema), its filter operators, its display format and its CSV parse/format.
 */
import type { Label, Locale } from '../core/i18n';
import type { Operator } from '../metadata/generated/condition';

export type FieldTypeName =
  | 'text'
  | 'long_text'
  | 'email'
  | 'phone'
  | 'url'
  | 'integer'
  | 'decimal'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'picklist'
  | 'multi_picklist'
  | 'lookup'
  | 'auto_number'
  | 'formula'
  | 'rollup';

/** The type of a computed value (formula and roll-up fields). */
export type ReturnTypeName = 'number' | 'currency' | 'percent' | 'text' | 'date' | 'datetime' | 'boolean';

/** What a roll-up field summarises: child records of `object` linked through its lookup `via`. */
export interface RollupSummary {
  object: string;
  via: string;
  fn: 'count' | 'sum' | 'min' | 'max';
  /** The child field summarised (not for count). */
  field?: string;
  /** Only children matching this condition count (JSON condition tree). */
  filter?: unknown;
}

/** How values of a type compare: decides operator semantics in memory and in SQL. */
export type ValueKind = 'text' | 'number' | 'date' | 'datetime' | 'boolean' | 'text_array' | 'uuid';

/** Filter operators: declared once, in metadata/schema/condition.schema.json. */
export type OperatorName = Operator;

export interface PicklistOption {
  value: string;
  label: Label;
  color?: string;
  /** Inactive values stay on existing records but cannot be chosen for new writes. */
  active?: boolean;
}

/** What every field has, whatever its type. */
export interface FieldBase {
  name: string;
  label: Label;
  id?: string;
  helpText?: Label;
  description?: string;
  required?: boolean;
  unique?: boolean;
  readOnly?: boolean;
  indexed?: boolean;
  /** Removed by an admin: hidden everywhere, column and data kept until purged. */
  archived?: boolean;
  default?: unknown;
  /** Form rules (condition trees over the record): shown while, required while, read-only while the stored record meets. */
  visibleIf?: unknown;
  requiredIf?: unknown;
  readOnlyIf?: unknown;
  /** Set by the runtime for id, owner, created_at...: never written by clients. */
  system?: boolean;
}

export interface TextFieldDef extends FieldBase {
  type: 'text' | 'long_text' | 'email' | 'phone' | 'url';
  maxLength?: number;
}

export interface NumberFieldDef extends FieldBase {
  type: 'integer' | 'decimal' | 'percent';
  precision?: number;
  scale?: number;
  min?: number;
  max?: number;
  /** Integers: thousands separators shown (default true); false for years and codes. */
  grouping?: boolean;
}

export interface CurrencyFieldDef extends FieldBase {
  type: 'currency';
  precision?: number;
  scale?: number;
  min?: number;
  max?: number;
  /** The ISO code new values default to (CNY when not given). */
  currency?: string;
}

export interface DateFieldDef extends FieldBase {
  type: 'date' | 'datetime';
}

export interface BooleanFieldDef extends FieldBase {
  type: 'boolean';
}

export interface PicklistFieldDef extends FieldBase {
  type: 'picklist' | 'multi_picklist';
  options: PicklistOption[];
}

/** A reference to a record of another object of the workspace. */
export interface LookupFieldDef extends FieldBase {
  type: 'lookup';
  target: string;
  onDelete?: 'set_null' | 'restrict';
  relatedLabel?: Label;
  systemTarget?: undefined;
}

/** A system lookup to a user (owner, created_by...): its target is outside the workspace schema. */
export interface UserLookupFieldDef extends FieldBase {
  type: 'lookup';
  systemTarget: 'user';
  target?: undefined;
}

export interface AutoNumberFieldDef extends FieldBase {
  type: 'auto_number';
  /** e.g. `HT-{YYYY}-{0000}`. */
  pattern: string;
}

/** What formula and roll-up fields share. */
interface ComputedBase extends FieldBase {
  /** Decimal places (numbers, currency, percent). */
  scale?: number;
  currency?: string;
  /**
   * Shown to users who may not read a field it is derived from. By default such users do not see
   * it at all, since its value (at full precision) could give the hidden one away.
   */
  safeToShow?: boolean;
}

export interface FormulaFieldDef extends ComputedBase {
  type: 'formula';
  /** The expression (docs/formulas.md). */
  formula: string;
  returnType: ReturnTypeName;
}

export interface RollupFieldDef extends ComputedBase {
  type: 'rollup';
  summary: RollupSummary;
  /** Derived from the summarised field at build time. */
  returnType?: ReturnTypeName;
}

/** A field as effective metadata holds it: one shape per type, told apart by `type`. */
export type FieldDef =
  | TextFieldDef
  | NumberFieldDef
  | CurrencyFieldDef
  | DateFieldDef
  | BooleanFieldDef
  | PicklistFieldDef
  | LookupFieldDef
  | UserLookupFieldDef
  | AutoNumberFieldDef
  | FormulaFieldDef
  | RollupFieldDef;

/** The field shape of one type name. */
export type FieldOf<T extends FieldTypeName> = Extract<FieldDef, { type: T }>;

export interface ColumnSpec {
  name: string;
  /** Postgres type, built only from validated numeric parameters. */
  sqlType: string;
  notNull?: boolean;
  /** SQL default expression, built only from validated parameters. */
  defaultSql?: string;
  /** Not stored: computed when read (formula fields). No DDL, no index. */
  virtual?: boolean;
}

export type JsonSchema = Record<string, unknown>;

export interface ColumnReader {
  prop: string;
  column: string;
  /** Converts a non-null column value; null stays null unless `nullValue` says otherwise. */
  read?: (value: unknown) => unknown;
  nullValue?: unknown;
  /**
   * The same conversion in SQL: the JSON text of the API value, from the column's SQL expression
   * (lists answered as JSON built by Postgres, see data/json.ts). Default `to_json(column)::text`,
   * which already gives numerics as JSON numbers and dates as YYYY-MM-DD; a type whose `read` does
   * more declares it here, and a parity test holds the two together.
   */
  jsonSql?: (column: string) => string;
}

export interface CsvResult {
  ok: boolean;
  value?: unknown;
  message?: string;
}

/** How a column's values are carried into another type: SQL over the old column, or null when the column stays as it is. */
export type ColumnConversion = (column: string) => string | null;

/**
 * What changing a field (its parameters, or its type into this one) must verify against the stored
 * values before the change is made; metadata/changes.ts runs the queries and words the refusals.
 */
export type ChangeCheck =
  /** The new column cannot hold every old value (numeric precision or scale lost): refused outright. */
  | { check: 'precision' }
  /** The column changes type, keeping every value (a wider numeric). */
  | { check: 'retype' }
  /** Refused while a stored value is longer than `limit` characters. */
  | { check: 'maxLength'; limit: number }
  /** Refused while a record holds one of `values` (`array`: the column holds several). */
  | { check: 'optionsRemoved'; values: string[]; array: boolean }
  /** A lookup pointed elsewhere: refused while any record links to the old target `from`. */
  | { check: 'target'; from: string };

/** The input a filter row offers for a value of a type (the UI maps each to a component). */
export type FilterInput = 'text' | 'number' | 'date' | 'datetime' | 'boolean' | 'options' | 'lookup';

/** How lists and detail pages show a value: formatted text, a web link, a mailto link, or a link to the record it points at. */
export type DisplayKind = 'text' | 'link' | 'mailto' | 'record';

export interface FieldTypeModule<F extends FieldDef = FieldDef> {
  type: FieldTypeName;
  label: Label;
  valueKind: ValueKind;
  /** Extra designer parameters of this type, as JSON Schema properties, and which are required. */
  params: { properties: Record<string, JsonSchema>; required?: string[] };
  /** Postgres columns holding the value. The first column is the one lists sort and filter on. */
  columns(field: F): ColumnSpec[];
  /**
   * API properties this field contributes to a record, each with its JSON Schema (non-null form).
   * Most types contribute one property named after the field; currency adds `<name>_currency`.
   */
  properties(field: F): Record<string, JsonSchema>;
  /** Types this one may change into keeping every value, and how the column converts; absent: its type cannot change. */
  convertsTo?: Partial<Record<FieldTypeName, ColumnConversion>>;
  /** What a change from `before` to this field must check against stored values (none when absent). */
  changeChecks?(before: FieldDef, after: F): ChangeCheck[];
  /** Whether users give its values; false when the system sets them (auto numbers, formulas, roll-ups). */
  writable: boolean;
  /** The create/edit form's JSON Schema for the field's own property (rjsf); the form adds title, help and default. */
  formSchema(field: F): JsonSchema;
  /** rjsf uiSchema for the form widget, in the viewer's language (option labels, placeholder). */
  widget(field: F, locale?: Locale): JsonSchema;
  /** Form properties the field's widget carries (a currency's code), each with its JSON Schema; saved as their own properties. */
  formCompanions?(field: F, locale: Locale): Record<string, JsonSchema>;
  /** Left off create forms: the value is assigned on save (auto numbers). */
  hiddenOnCreate?: boolean;
  /** The type its value has in formulas (docs/formulas.md); absent: formulas cannot read it (multi-select picklists). */
  formulaType?: 'text' | 'number' | 'date' | 'datetime' | 'boolean';
  /** May be an object's name field (short text a record is known by). */
  canName?: boolean;
  /** The roll-up functions that may summarise a stored value of this type (count needs no field). */
  summarisedBy?: RollupSummary['fn'][];
  operators: OperatorName[];
  /** Whether lists may sort by this field (an `indexed` field of a sortable type gets an index in sort order). */
  sortable: boolean;
  /** Left out of the columns a related list shows by default (a paragraph of notes; a link to the parent the list hangs from). */
  notACompactColumn?: boolean;
  /** Decimal places a stored number keeps (numeric(p, s) stores exactly s); formulas read the value at that scale. */
  storedScale?(field: F): number;
  /** Indexed whatever the metadata says (a lookup: joins, related lists and owner branches read by it). */
  alwaysIndexed?: boolean;
  /** How an `indexed` field of a type lists cannot sort by is indexed (GIN: containment of array values). */
  unsortedIndex?: 'gin';
  /**
   * Partial indexes the type needs beyond its sort index, each `where` a fixed predicate over its own
   * columns (a currency: its records in another code than the field's own, so a report knows from one
   * index probe whether its amounts may be added up).
   */
  partialIndexes?(field: F): { suffix: string; where: string }[];
  /** Global search looks for the text in it (phones, e-mails), through a trigram index, as in an object's search fields. */
  globalSearch?: boolean;
  /** API values -> column values (only keys present in the input are returned). */
  toColumns(field: F, input: Record<string, unknown>): Record<string, unknown>;
  /** Column values -> API values. */
  fromColumns(field: F, row: Record<string, unknown>): Record<string, unknown>;
  /** The same conversion as flat readers (API property, column, converter), for hot paths. */
  readers(field: F): ColumnReader[];
  /** How lists and detail pages show a value (see DisplayKind). */
  display: DisplayKind;
  /** The value `format` shows, taken from the record's API properties (default: the field's own; a currency adds its code). */
  displayed?(field: F, record: Record<string, unknown>): unknown;
  /** The input a filter row offers for a value. */
  filterInput: FilterInput;
  /** Human-readable display in a locale. */
  format(field: F, value: unknown, locale: Locale): string;
  /** CSV cell -> API value; errors name what was expected. */
  parseCsv(field: F, cell: string): CsvResult;
  formatCsv(field: F, value: unknown): string;
}
