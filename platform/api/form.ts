/**
 * The create/edit form of an object for react-jsonschema-form: a JSON Schema and uiSchema derived
 * from the fields placed on its layout, plus the sections the form template lays them out in.
 */
import { pickLabel, t, type Locale } from '../core/i18n';
import { currencyColumn } from '../fields/currency';
import { activeValues } from '../fields/picklist';
import { fieldType, isWritable } from '../fields/registry';
import type { FieldDef, JsonSchema } from '../fields/types';
import type { LayoutDefinition, ObjectModel } from '../metadata/model';

export interface FormSection {
  id: string;
  label: string;
  columns: 1 | 2;
  fields: string[];
}

export interface FormDefinition {
  schema: JsonSchema;
  uiSchema: JsonSchema;
  sections: FormSection[];
}

export const CURRENCY_CODES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'TWD'];

function fieldSchema(f: FieldDef, locale: Locale): JsonSchema {
  const raw = fieldType(f).properties(f)[f.name];
  const s: JsonSchema = { title: pickLabel(f.label, locale) };
  if (f.helpText) s.description = pickLabel(f.helpText, locale);
  for (const k of ['type', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'format'] as const) {
    if (raw[k] !== undefined) s[k] = raw[k];
  }
  if (f.type === 'url' || f.type === 'phone') delete s.format;
  // Plain enums (labels in uiSchema): a oneOf would make rjsf pre-select its first option.
  if (f.type === 'picklist') s.enum = activeValues(f);
  if (f.type === 'multi_picklist') {
    s.type = 'array';
    s.uniqueItems = true;
    s.items = { type: 'string', enum: activeValues(f) };
  }
  if (f.type === 'lookup') s.type = 'string';
  if (f.default !== undefined) s.default = f.default; // prefilled on create; edit forms show the record
  return s;
}

export interface FormOptions {
  /** The viewer is an administrator: fields approval flows set stay editable (their changes are audited). */
  admin?: boolean;
}

/**
 * Build the form for the object's layout; `mode` decides whether auto numbers show (edit only).
 * Fields an approval flow sets are read-only with a hint (the record service refuses a user's
 * change to them anyway); administrators may still change them, and are told it is audited.
 */
export function buildForm(obj: ObjectModel, layout: LayoutDefinition | undefined, locale: Locale, mode: 'create' | 'edit', opts: FormOptions = {}): FormDefinition {
  const sections: FormSection[] = [];
  const properties: Record<string, JsonSchema> = {};
  const uiSchema: JsonSchema = {};
  const required: string[] = [];
  const layoutSections = layout?.sections ?? [{ id: 'main', label: obj.label, columns: 2 as const, fields: obj.fields.map((f) => f.name) }];
  for (const sec of layoutSections) {
    const names: string[] = [];
    for (const entry of sec.fields) {
      const name = typeof entry === 'string' ? entry : entry.field;
      const f = obj.fieldMap.get(name);
      if (!f || (f.system && f.name !== 'owner')) continue;
      const managed = isWritable(f) && obj.approvalManaged?.has(f.name) === true;
      const readOnly = !isWritable(f) || (typeof entry !== 'string' && entry.readOnly === true) || (managed && !opts.admin);
      if (mode === 'create' && f.type === 'auto_number') continue;
      properties[name] = fieldSchema(f, locale);
      const ui: JsonSchema = { ...fieldType(f).widget(f) };
      if (readOnly) ui['ui:readonly'] = true;
      if (managed) ui['ui:help'] = t(locale, opts.admin ? 'approval.managedHintAdmin' : 'approval.managedHint');
      if (f.type === 'picklist' || f.type === 'multi_picklist') {
        ui['ui:placeholder'] = locale === 'zh-CN' ? '请选择' : 'Select...';
        ui['ui:enumNames'] = (f.options ?? []).filter((o) => o.active !== false).map((o) => pickLabel(o.label, locale));
        if (f.type === 'multi_picklist') ui['ui:widget'] = 'select';
      }
      uiSchema[name] = ui;
      if (!readOnly && (f.required || (typeof entry !== 'string' && entry.required))) required.push(name);
      names.push(name);
      if (f.type === 'currency') {
        const code = currencyColumn(f);
        properties[code] = {
          type: 'string',
          title: `${pickLabel(f.label, locale)} · ${locale === 'zh-CN' ? '币种' : 'currency'}`,
          enum: CURRENCY_CODES,
          default: f.currency ?? 'CNY',
        };
        uiSchema[code] = readOnly ? { 'ui:readonly': true } : {};
        names.push(code);
      }
    }
    sections.push({ id: sec.id, label: typeof sec.label === 'string' ? sec.label : pickLabel(sec.label, locale), columns: (sec.columns ?? 2) as 1 | 2, fields: names });
  }
  uiSchema['ui:order'] = sections.flatMap((s) => s.fields);
  uiSchema['ui:submitButtonOptions'] = { norender: true };
  return { schema: { type: 'object', properties, required }, uiSchema, sections };
}
