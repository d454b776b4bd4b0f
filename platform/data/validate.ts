/**
 * Server-side validation of record input, derived from metadata: a JSON Schema per object (create
 * and update forms) compiled with ajv and cached per object model (each user's view is its own). Every problem is reported,
 * each naming its field, in the caller's language.
 */
import type { ErrorDetail } from '../core/errors';
import { pickLabel, t, type Locale, type MessageKey } from '../core/i18n';
import { FORBIDDEN_KEYS, forbiddenKeyDetail } from '../core/json';
import { hasOptions } from '../fields/guards';
import { fieldType, isWritable } from '../fields/registry';
import type { FieldDef, JsonSchema } from '../fields/types';
import { createAjv, type AjvInstance } from '../metadata/ajv';
import type { MetadataModel, ObjectModel } from '../metadata/model';

export type WriteMode = 'create' | 'update';

interface PropInfo {
  field: FieldDef;
  schema: JsonSchema;
}

interface ObjectValidators {
  /** Writable API properties -> their field and (non-null) schema. */
  props: Map<string, PropInfo>;
  /** Properties clients may read but never write (system fields, auto numbers, read-only fields). */
  readOnly: Map<string, FieldDef>;
  create: ReturnType<AjvInstance['compile']>;
  update: ReturnType<AjvInstance['compile']>;
}

/** Keyed by the object model itself: each user's view of an object (field-level security) is its own model. */
const cache = new WeakMap<ObjectModel, ObjectValidators>();
let ajv: AjvInstance | undefined;

function nullable(schema: JsonSchema): JsonSchema {
  const s = { ...schema };
  if (typeof s.type === 'string') s.type = [s.type, 'null'];
  if (Array.isArray(s.enum)) s.enum = [...s.enum, null];
  return s;
}

function build(obj: ObjectModel): ObjectValidators {
  ajv ??= createAjv();
  const props = new Map<string, PropInfo>();
  const readOnly = new Map<string, FieldDef>();
  for (const f of obj.allFields) {
    for (const [prop, schema] of Object.entries(fieldType(f).properties(f))) {
      if (isWritable(f)) props.set(prop, { field: f, schema });
      else readOnly.set(prop, f);
    }
  }
  // Required fields, and the owner (every record has one), may not be set to null.
  const nonNull = (p: string, f: FieldDef) => (f.required && p === f.name) || f.name === 'owner';
  const properties = () => Object.fromEntries([...props].map(([p, { field, schema }]) => [p, nonNull(p, field) ? schema : nullable(schema)]));
  const required = [...props].filter(([p, { field }]) => field.required && p === field.name).map(([p]) => p);
  return {
    props,
    readOnly,
    create: ajv.compile({ type: 'object', properties: properties(), required }),
    update: ajv.compile({ type: 'object', properties: properties() }),
  };
}

function validatorsFor(_meta: MetadataModel, obj: ObjectModel): ObjectValidators {
  let v = cache.get(obj);
  if (!v) {
    v = build(obj);
    cache.set(obj, v);
  }
  return v;
}

const TRIMMED = new Set(['text', 'email', 'phone', 'url']);

/**
 * Single-line text is trimmed; empty strings and empty lists mean "no value" and are stored as
 * null, so a name of spaces is missing and filters treat all empties alike.
 *
 * The result has a null prototype, so reading a field the caller did not send (`input[f.name]`,
 * `name in input`) can never fall through to a prototype the caller chose. The keys `__proto__`,
 * `constructor` and `prototype` (and an input whose prototype an earlier copy already replaced)
 * are kept as own keys with a null value, for validateInput to refuse: every channel calls it next.
 */
export function normaliseInput(obj: ObjectModel, input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  const proto: unknown = Object.getPrototypeOf(input);
  if (proto !== Object.prototype && proto !== null) out.__proto__ = null;
  for (const [k, raw] of Object.entries(input)) {
    if (FORBIDDEN_KEYS.has(k)) {
      out[k] = null;
      continue;
    }
    const f = obj.fieldMap.get(k);
    const v = typeof raw === 'string' && f && TRIMMED.has(f.type) ? raw.trim() : raw;
    out[k] = v === '' || (Array.isArray(v) && v.length === 0) ? null : v;
  }
  return out;
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  return Array.isArray(value) && value.some(containsNul);
}

function labelOf(prop: string, field: FieldDef, locale: Locale): string {
  const base = pickLabel(field.label, locale);
  return prop === field.name ? base : `${base} (${locale === 'zh-CN' ? '币种' : 'currency'})`;
}

const TYPE_NAMES: Record<string, { en: string; zh: string }> = {
  string: { en: 'text', zh: '文本' },
  number: { en: 'a number', zh: '数字' },
  integer: { en: 'a whole number', zh: '整数' },
  boolean: { en: 'true or false', zh: '是或否' },
  array: { en: 'a list', zh: '列表' },
};

/**
 * Validate input for create or update; returns every problem (unknown fields, read-only fields,
 * missing required values, wrong types, formats, ranges, choices), each naming its field.
 */
export function validateInput(meta: MetadataModel, obj: ObjectModel, input: Record<string, unknown>, mode: WriteMode, locale: Locale): ErrorDetail[] {
  const v = validatorsFor(meta, obj);
  const errors: ErrorDetail[] = [];
  const checked: Record<string, unknown> = Object.create(null);
  for (const [prop, value] of Object.entries(input)) {
    if (FORBIDDEN_KEYS.has(prop)) {
      errors.push({ ...forbiddenKeyDetail(locale, prop, `/${prop}`), field: prop });
      continue;
    }
    if (v.props.has(prop)) {
      checked[prop] = value;
      continue;
    }
    const ro = v.readOnly.get(prop);
    if (ro) errors.push({ field: prop, code: 'readOnly', message: t(locale, 'validation.readOnly', { label: labelOf(prop, ro, locale) }) });
    else errors.push({ field: prop, code: 'unknownField', message: t(locale, 'validation.unknownField', { field: prop }) });
  }
  const reported = new Set<string>();
  // Postgres text cannot hold NUL; refuse it as an input error rather than fail in the database.
  for (const [prop, value] of Object.entries(checked)) {
    if (containsNul(value)) {
      const info = v.props.get(prop)!;
      errors.push({ field: prop, code: 'nul', message: t(locale, 'validation.nul', { label: labelOf(prop, info.field, locale) }) });
      reported.add(prop);
      delete checked[prop];
    }
  }
  const validate = mode === 'create' ? v.create : v.update;
  if (!validate(checked)) {
    const seen = reported;
    for (const e of validate.errors ?? []) {
      const prop = e.keyword === 'required' ? String(e.params.missingProperty) : e.instancePath.split('/')[1];
      const info = v.props.get(prop);
      if (!info || seen.has(prop)) continue; // one message per field is enough
      seen.add(prop);
      errors.push(toDetail(prop, info, e, checked[prop], locale));
    }
  }
  return errors;
}

function toDetail(prop: string, info: PropInfo, e: { keyword: string; params: Record<string, unknown>; parentSchema?: JsonSchema }, value: unknown, locale: Locale): ErrorDetail {
  const label = labelOf(prop, info.field, locale);
  const msg = (key: MessageKey, params: Record<string, string | number> = {}) => t(locale, key, { label, ...params });
  const custom = (info.schema['x-message'] ?? (info.schema.items as JsonSchema | undefined)?.['x-message']) as MessageKey | undefined;
  switch (e.keyword) {
    case 'required':
      return { field: prop, code: 'required', message: msg('validation.required') };
    case 'type':
      if (value === null) return { field: prop, code: 'required', message: msg('validation.required') };
      {
        const expected = TYPE_NAMES[String(e.params.type).split(',')[0]] ?? TYPE_NAMES.string;
        return { field: prop, code: 'type', message: msg('validation.type', { expected: locale === 'zh-CN' ? expected.zh : expected.en }) };
      }
    case 'maxLength':
      return { field: prop, code: 'maxLength', message: msg('validation.maxLength', { limit: Number(e.params.limit) }) };
    case 'minimum':
      return { field: prop, code: 'minimum', message: msg('validation.minimum', { limit: Number(e.params.limit) }) };
    case 'exclusiveMinimum':
      return { field: prop, code: 'minimum', message: msg('validation.greaterThan', { limit: Number(e.params.limit) }) };
    case 'maximum':
      return { field: prop, code: 'maximum', message: msg('validation.maximum', { limit: Number(e.params.limit) }) };
    case 'exclusiveMaximum':
      return { field: prop, code: 'maximum', message: msg('validation.lessThan', { limit: Number(e.params.limit) }) };
    case 'enum': {
      // A Chinese reader is shown the options' names, with the value an integration sends.
      const allowed = (hasOptions(info.field) ? info.field.options : [])
        .filter((o) => o.active !== false)
        .map((o) => (locale === 'zh-CN' && o.label.zh && o.label.zh !== o.value ? `${o.label.zh}（${o.value}）` : o.value))
        .join(locale === 'zh-CN' ? '、' : ', ');
      return { field: prop, code: 'enum', message: msg('validation.enum', { allowed }) };
    }
    case 'uniqueItems':
      return { field: prop, code: 'uniqueItems', message: msg('validation.uniqueItems') };
    case 'format':
    case 'pattern':
      return { field: prop, code: custom ? custom.replace('validation.', '') : 'format', message: msg(custom ?? 'validation.invalid') };
    default:
      return { field: prop, code: e.keyword, message: msg('validation.invalid') };
  }
}
