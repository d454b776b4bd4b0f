/**
 * The pure part of web forms, shared by the server and the designer's live preview (no server
 * imports): which field types a public form takes, the honeypot's default name, and the view of a
 * form the public page renders.
 */
import { pickLabel, type Label, type Locale } from '../core/i18n';
import type { FieldDef, FieldTypeName } from '../fields/types';
import type { WebFormDefinition } from '../metadata/generated/web_form';

/**
 * Types a public form takes. Not lookups (a visitor cannot search the workspace's records), files,
 * computed fields, or currency (its code is a second property a visitor should not choose).
 */
export const PUBLIC_FIELD_TYPES: readonly FieldTypeName[] = [
  'text',
  'long_text',
  'email',
  'phone',
  'url',
  'integer',
  'decimal',
  'percent',
  'date',
  'boolean',
  'picklist',
  'multi_picklist',
];

/** The honeypot field's name when a form names none. */
export const DEFAULT_HONEYPOT = 'homepage';

/** The honeypot's name for a form. */
export const honeypotOf = (form: Pick<WebFormDefinition, 'honeypot'>) => form.honeypot ?? DEFAULT_HONEYPOT;

export type Widget = 'text' | 'email' | 'tel' | 'url' | 'number' | 'date' | 'textarea' | 'checkbox' | 'select' | 'checkboxes';

export interface ViewField {
  name: string;
  label: string;
  widget: Widget;
  required: boolean;
  placeholder?: string;
  maxLength?: number;
  options?: { value: string; label: string }[];
}

export type ViewText = Record<'submit' | 'sending' | 'fix' | 'honeypot' | 'choose' | 'failed' | 'other', string>;

export interface PublicFormViewModel {
  action: string;
  lang: 'en' | 'zh';
  title: string;
  description?: string;
  fields: ViewField[];
  honeypot: string;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  /** A problem that names no field (e.g. a refused value a script sent). */
  formError?: string;
  text: ViewText;
}

const WIDGETS: Partial<Record<FieldTypeName, Widget>> = {
  text: 'text',
  email: 'email',
  phone: 'tel',
  url: 'url',
  integer: 'number',
  decimal: 'number',
  percent: 'number',
  date: 'date',
  long_text: 'textarea',
  boolean: 'checkbox',
  picklist: 'select',
  multi_picklist: 'checkboxes',
};

/** The label a form shows for one of its fields: its own, else the field's. */
export function formLabel(form: Pick<WebFormDefinition, 'fields'>, field: FieldDef | undefined, name: string, locale: Locale): string {
  const entry = form.fields.find((e) => e.field === name);
  return pickLabel((entry?.label ?? field?.label) as Label | undefined, locale) || name;
}

function viewField(form: WebFormDefinition, f: FieldDef | undefined, entry: WebFormDefinition['fields'][number], locale: Locale): ViewField | null {
  const widget = f && WIDGETS[f.type];
  if (!f || !widget) return null;
  const options =
    'options' in f && Array.isArray(f.options) ? f.options.filter((o) => o.active !== false).map((o) => ({ value: o.value, label: pickLabel(o.label, locale) })) : undefined;
  const maxLength = 'maxLength' in f && typeof f.maxLength === 'number' ? f.maxLength : undefined;
  return {
    name: f.name,
    label: formLabel(form, f, f.name, locale),
    widget,
    required: Boolean(entry.required || (f.required && f.default === undefined)),
    ...(entry.placeholder ? { placeholder: pickLabel(entry.placeholder, locale) } : {}),
    ...(maxLength ? { maxLength } : {}),
    ...(options ? { options } : {}),
  };
}

/** The public address of a form's endpoint (relative to the app's origin). */
export const endpointPath = (workspace: string, form: string) => `/api/v1/public/forms/${workspace}/${form}`;

/** What the public page shows of a form in a language (no submission values yet). */
export function formViewModel(workspace: string, form: WebFormDefinition, fields: (name: string) => FieldDef | undefined, locale: Locale, text: ViewText): PublicFormViewModel {
  return {
    action: endpointPath(workspace, form.name),
    lang: locale === 'zh-CN' ? 'zh' : 'en',
    title: pickLabel(form.label, locale),
    description: form.description ? pickLabel(form.description, locale) : undefined,
    fields: form.fields.map((e) => viewField(form, fields(e.field), e, locale)).filter((f): f is ViewField => f !== null),
    honeypot: honeypotOf(form),
    values: {},
    errors: {},
    text,
  };
}
