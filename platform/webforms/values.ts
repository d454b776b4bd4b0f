/**
 * What a submission says, checked against its form: only the declared fields (and the honeypot and
 * `lang`) are accepted, each a string (a list of strings for a multi-select), the form's required
 * fields filled in. Text from an HTML form becomes the field's type (numbers read as the app's
 * number inputs read them: 1,234 / 12万; check boxes on/true/1) so the record service sees typed
 * values; what cannot be read is passed on as text, and the record service names the field.
 */
import type { ErrorDetail } from '../core/errors';
import { FORBIDDEN_KEYS } from '../core/json';
import { t, type Locale } from '../core/i18n';
import { parseAmount } from '../fields/amount';
import type { FieldDef } from '../fields/types';
import type { WebFormDefinition } from '../metadata/generated/web_form';
import type { ObjectModel } from '../metadata/model';
import { formLabel as shapeLabel, honeypotOf } from './shape';

/** Body properties that are not fields: the visitor's language. */
const EXTRA_KEYS = new Set(['lang']);

/** True when the honeypot carries anything but blanks. */
export function honeypotFilled(form: WebFormDefinition, body: Record<string, unknown>): boolean {
  const v = Object.hasOwn(body, honeypotOf(form)) ? body[honeypotOf(form)] : undefined;
  return v !== undefined && v !== null && String(v).trim() !== '';
}

/** The label a form shows for one of its fields: its own, else the field's. */
export function formLabel(form: WebFormDefinition, obj: ObjectModel, field: string, locale: Locale): string {
  return shapeLabel(form, obj.fieldMap.get(field), field, locale);
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

function typed(f: FieldDef, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const text = raw.trim();
  switch (f.type) {
    case 'integer':
    case 'decimal':
    case 'percent': {
      const r = parseAmount(text, { integer: f.type === 'integer', percent: f.type === 'percent' });
      return r.ok ? r.value : text;
    }
    case 'boolean':
      return ['on', 'true', '1', 'yes'].includes(text.toLowerCase()) ? true : ['off', 'false', '0', 'no'].includes(text.toLowerCase()) ? false : text;
    case 'multi_picklist':
      return [text];
    default:
      return f.type === 'long_text' ? raw.replace(/\r\n/g, '\n').trim() : text;
  }
}

export interface CheckedValues {
  /** The record input: the visitor's typed values and the form's hidden values. */
  input: Record<string, unknown>;
  errors: ErrorDetail[];
}

/** Check a submission's values against its form; `errors` names each field in the visitor's language. */
export function checkValues(form: WebFormDefinition, obj: ObjectModel, body: Record<string, unknown>, locale: Locale): CheckedValues {
  const errors: ErrorDetail[] = [];
  const declared = new Map(form.fields.map((e) => [e.field, e]));
  const input: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(body)) {
    if (declared.has(key) || key === honeypotOf(form) || EXTRA_KEYS.has(key)) continue;
    // Named so the site's developer sees the typo; `__proto__` and its kin never reach a record.
    const code = FORBIDDEN_KEYS.has(key) ? 'request.forbiddenKey' : 'webForm.undeclared';
    errors.push({ field: key.slice(0, 100), code, message: t(locale, 'webForm.undeclared', { field: key.slice(0, 100) }) });
  }
  for (const [name, entry] of declared) {
    const f = obj.fieldMap.get(name);
    if (!f) continue;
    const raw = Object.hasOwn(body, name) ? body[name] : undefined;
    const label = formLabel(form, obj, name, locale);
    const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    const ok = raw === undefined || raw === null || scalar(raw) || (f.type === 'multi_picklist' && Array.isArray(raw) && raw.every((v) => typeof v === 'string'));
    if (!ok) {
      errors.push({ field: name, code: 'webForm.value', message: t(locale, 'webForm.value', { label }) });
      continue;
    }
    if (isBlank(raw)) {
      if (entry.required || (f.required && f.default === undefined)) errors.push({ field: name, code: 'required', message: t(locale, 'webForm.required', { label }) });
      continue;
    }
    input[name] = typed(f, raw);
  }
  for (const [name, value] of Object.entries(form.hiddenValues ?? {})) input[name] = value;
  return { input, errors };
}
