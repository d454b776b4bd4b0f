/**
 * Parse a condition tree against an object: checks shape, field names, operators allowed for each
 * field type and value types, and reports every problem with the JSON pointer at fault.
 */
import type { ErrorDetail } from '../../core/errors';
import { isRelativePeriod } from '../../core/periods';
import type { MessageParams } from '../../core/errors';
import type { Locale, MessageKey } from '../../core/i18n';
import { word } from '../../core/problems';
import { normaliseDate } from '../../fields/date';
import { normaliseDateTime } from '../../fields/datetime';
import { UUID_PATTERN } from '../../fields/lookup';
import { isUserLookup } from '../../fields/guards';
import { fieldType } from '../../fields/registry';
import type { FieldDef, OperatorName, ValueKind } from '../../fields/types';
import { LIST_OPERATORS, ME, NO_VALUE_OPERATORS, type ConditionLeaf, type ConditionNode, type RelatedCondition } from './types';

const MAX_DEPTH = 12;
const MAX_LEAVES = 200;
const MAX_LIST = 1000;
const UUID_RE = new RegExp(UUID_PATTERN);

export interface ParseResult {
  condition?: ConditionNode;
  errors: ErrorDetail[];
}

/** What parsing needs of an object: its fields by name (an ObjectModel, or fields the API described). */
export interface ConditionFields {
  /** The object's API name: a related condition's child lookup must point at it. */
  name?: string;
  fieldMap: ReadonlyMap<string, FieldDef>;
}

/** A lookup path's field and the alias of the table the caller joins its object as; null when the path is unknown or unreadable. */
export type ResolvePath = (path: string, pointer: string) => { field: FieldDef; alias: string } | null;

export interface ParseOptions {
  pointer?: string;
  locale?: Locale;
  /** Resolves dotted names (`account.industry`); without it a dotted name is an error. */
  resolvePath?: ResolvePath;
  /**
   * The objects a related condition (`with`/`without`) may name, as the caller may see them. Only
   * callers that compile to SQL pass it: without it a related condition is an error, so metadata
   * checked in memory (validation, approvals, form rules, gates) refuses one when it is saved.
   */
  objects?: { get(name: string): ConditionFields | undefined };
}

interface State {
  object: ConditionFields;
  locale: Locale;
  errors: ErrorDetail[];
  leaves: number;
  opts: ParseOptions;
}

/** Parse `input` (already JSON-decoded) as a condition on `object`; `pointer` prefixes error pointers. */
export function parseCondition(input: unknown, object: ConditionFields, opts: ParseOptions = {}): ParseResult {
  const state: State = { object, locale: opts.locale ?? 'en', errors: [], leaves: 0, opts };
  const condition = node(input, opts.pointer ?? '', 0, state);
  return state.errors.length ? { errors: state.errors } : { condition, errors: [] };
}

/** A value as it may appear in a message: objects from parseJsonSafe have no toString, and a message stays short. */
function shown(v: unknown): string {
  const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

/** A problem keyed by its catalog code, with the values the API needs to word it again for its caller. */
function fail(state: State, pointer: string, code: MessageKey, params: MessageParams, field?: string): undefined {
  state.errors.push({ pointer: pointer || '/', code, message: word(state.locale, code, params), params, ...(field ? { field } : {}) });
  return undefined;
}

/** A tree of the wrong shape; the reason is a message of its own (`filter.reason.*`). */
function shape(state: State, pointer: string, reason: MessageKey, params: MessageParams = {}): undefined {
  return fail(state, pointer, 'filter.shape', { reason: { key: reason, params } });
}

function node(input: unknown, pointer: string, depth: number, state: State): ConditionNode | undefined {
  if (depth > MAX_DEPTH) return fail(state, pointer, 'filter.tooDeep', {});
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return shape(state, pointer, 'filter.reason.object');
  const keys = Object.keys(input);
  const obj = input as Record<string, unknown>;
  for (const group of ['all', 'any'] as const) {
    if (Object.hasOwn(obj, group)) {
      if (keys.length !== 1) return shape(state, pointer, 'filter.reason.onlyKey', { key: group });
      const list = obj[group];
      if (!Array.isArray(list)) return shape(state, `${pointer}/${group}`, 'filter.reason.array');
      const items = list.map((c, i) => node(c, `${pointer}/${group}/${i}`, depth + 1, state));
      return items.every(Boolean) ? { kind: group, items: items as ConditionNode[] } : undefined;
    }
  }
  if (Object.hasOwn(obj, 'not')) {
    if (keys.length !== 1) return shape(state, pointer, 'filter.reason.onlyKey', { key: 'not' });
    const item = node(obj.not, `${pointer}/not`, depth + 1, state);
    return item ? { kind: 'not', item } : undefined;
  }
  for (const key of ['with', 'without'] as const) {
    if (Object.hasOwn(obj, key)) {
      if (keys.length !== 1) return shape(state, pointer, 'filter.reason.onlyKey', { key });
      return related(obj[key], key, `${pointer}/${key}`, depth, state);
    }
  }
  const extra = keys.filter((k) => k !== 'field' && k !== 'op' && k !== 'value');
  if (extra.length) return shape(state, pointer, 'filter.reason.unknownKey', { key: extra[0] });
  return leaf(obj, pointer, state);
}

/** `with` / `without`: the child object and its lookup checked against the caller's metadata, `where` parsed against the child. */
function related(input: unknown, key: 'with' | 'without', pointer: string, depth: number, state: State): RelatedCondition | undefined {
  if (!state.opts.objects) return fail(state, pointer, 'filter.relatedNotHere', {});
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return shape(state, pointer, 'filter.reason.relatedShape', { key });
  const spec = input as Record<string, unknown>;
  const extra = Object.keys(spec).filter((k) => k !== 'object' && k !== 'field' && k !== 'where');
  if (extra.length || typeof spec.object !== 'string' || typeof spec.field !== 'string') return shape(state, pointer, 'filter.reason.relatedShape', { key });
  const child = state.opts.objects.get(spec.object);
  if (!child) return fail(state, `${pointer}/object`, 'filter.relatedObject', { object: spec.object });
  const lookup = child.fieldMap.get(spec.field);
  if (!lookup || lookup.type !== 'lookup' || lookup.target !== state.object.name) {
    return fail(state, `${pointer}/field`, 'filter.relatedField', { field: spec.field, object: spec.object, parent: state.object.name ?? '' }, spec.field);
  }
  let where: ConditionNode | undefined;
  if (spec.where !== undefined && spec.where !== null) {
    // The child's own lookup paths are not joined by the caller: only its own fields.
    const inner: State = { ...state, object: child, opts: { ...state.opts, resolvePath: undefined } };
    where = node(spec.where, `${pointer}/where`, depth + 1, inner);
    state.leaves = inner.leaves;
    if (!where) return undefined;
  }
  return { kind: 'related', negate: key === 'without', object: spec.object, field: lookup, pointer, ...(where ? { where } : {}) };
}

/** The field a leaf names: one of the object's, or a lookup path the caller resolves. */
function leafField(name: string, pointer: string, state: State): { field: FieldDef; alias?: string } | undefined {
  if (!name.includes('.')) {
    const field = state.object.fieldMap.get(name);
    return field ? { field } : fail(state, `${pointer}/field`, 'filter.unknownField', { field: name }, name);
  }
  if (!state.opts.resolvePath) return fail(state, `${pointer}/field`, 'filter.path', { field: name }, name);
  const resolved = /^[a-z][a-z0-9_]{0,62}\.[a-z][a-z0-9_]{0,62}$/.test(name) ? state.opts.resolvePath(name, `${pointer}/field`) : null;
  return resolved ?? fail(state, `${pointer}/field`, 'filter.unknownField', { field: name }, name);
}

function leaf(obj: Record<string, unknown>, pointer: string, state: State): ConditionLeaf | undefined {
  if (++state.leaves > MAX_LEAVES) return shape(state, pointer, 'filter.reason.tooMany', { max: MAX_LEAVES });
  const { field: name, op } = obj;
  if (typeof name !== 'string') return shape(state, `${pointer}/field`, 'filter.reason.fieldName');
  const found = leafField(name, pointer, state);
  if (!found) return undefined;
  const { field } = found;
  const path = found.alias ? { alias: found.alias, path: name } : {};
  const type = fieldType(field);
  if (typeof op !== 'string' || !(type.operators as string[]).includes(op)) {
    return fail(state, `${pointer}/op`, 'filter.operator', { op: shown(op), field: name }, name);
  }
  const operator = op as OperatorName;
  const badValue = () => fail(state, `${pointer}/value`, 'filter.value', { field: name, op: operator }, name);
  if (NO_VALUE_OPERATORS.has(operator)) {
    if (Object.hasOwn(obj, 'value') && obj.value !== null) return badValue();
    return { kind: 'leaf', field, valueKind: type.valueKind, op: operator, value: undefined, ...path };
  }
  const raw = obj.value;
  if (operator === 'during') {
    if (!isRelativePeriod(raw)) return badValue();
    return { kind: 'leaf', field, valueKind: type.valueKind, op: operator, value: raw, ...path };
  }
  if (LIST_OPERATORS.has(operator) || operator === 'between') {
    if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_LIST) return badValue();
    if (operator === 'between' && raw.length !== 2) return badValue();
    const values = raw.map((v) => scalar(v, type.valueKind, field, operator));
    if (values.some((v) => v === undefined)) return badValue();
    return { kind: 'leaf', field, valueKind: type.valueKind, op: operator, value: values, ...path };
  }
  const value = scalar(raw, type.valueKind, field, operator);
  if (value === undefined) return badValue();
  return { kind: 'leaf', field, valueKind: type.valueKind, op: operator, value, ...path };
}

/** Check and normalise one comparison value; undefined means invalid. */
function scalar(v: unknown, kind: ValueKind, field: FieldDef, _op: OperatorName): unknown {
  switch (kind) {
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
      // bigint columns compare with bigint parameters so their indexes stay usable.
      if (field.type === 'integer' && !Number.isSafeInteger(v)) return undefined;
      return v;
    case 'boolean':
      return typeof v === 'boolean' ? v : undefined;
    case 'date':
      return typeof v === 'string' ? (normaliseDate(v) ?? undefined) : undefined;
    case 'datetime':
      // ISO 8601 only ("2026-03-05", "2026-03-05T14:30:00+08:00"); no zone means UTC.
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? (normaliseDateTime(v) ?? undefined) : undefined;
    case 'uuid':
      if (v === ME && isUserLookup(field)) return ME;
      return typeof v === 'string' && UUID_RE.test(v) ? v.toLowerCase() : undefined;
    case 'text':
    case 'text_array':
      if (typeof v !== 'string' || v.length > 1000 || v.includes('\u0000')) return undefined;
      // Comparing with an empty string would silently match nothing: empty values are stored as null.
      if (v === '') return undefined;
      return v;
  }
}
