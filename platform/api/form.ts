/**
 * The create/edit form of an object for react-jsonschema-form: a JSON Schema and uiSchema derived
 * from the fields placed on its layout, plus the sections the form template lays them out in.
 */
import { pickLabel, t, type Locale } from '../core/i18n';
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

/** The form schema of a field's own property: its type's, with the title, help and default the field gives. */
function fieldSchema(f: FieldDef, locale: Locale): JsonSchema {
  const s: JsonSchema = { title: pickLabel(f.label, locale) };
  if (f.helpText) s.description = pickLabel(f.helpText, locale);
  Object.assign(s, fieldType(f).formSchema(f));
  if (f.default !== undefined) s.default = f.default; // prefilled on create; edit forms show the record
  return s;
}

export interface FormOptions {
  /** The viewer is an administrator: fields approval flows set stay editable (their changes are audited). */
  admin?: boolean;
}

/**
 * Build the form for the object's layout; `mode` decides whether computed and other non-writable
 * fields show (edit only, read-only with their value).
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
      const type = fieldType(f);
      // Nobody can type a formula, roll-up or auto number: on create it would be an empty disabled box.
      if (mode === 'create' && (type.hiddenOnCreate || !isWritable(f))) continue;
      properties[name] = fieldSchema(f, locale);
      const ui: JsonSchema = { ...type.widget(f, locale) };
      if (readOnly) ui['ui:readonly'] = true;
      if (managed) ui['ui:help'] = t(locale, opts.admin ? 'approval.managedHintAdmin' : 'approval.managedHint');
      uiSchema[name] = ui;
      if (!readOnly && (f.required || (typeof entry !== 'string' && entry.required))) required.push(name);
      names.push(name);
      for (const [prop, schema] of Object.entries(type.formCompanions?.(f, locale) ?? {})) {
        properties[prop] = schema;
        // The field's own widget shows and sets it (a currency select in the amount's input).
        uiSchema[prop] = { 'ui:widget': 'hidden', ...(readOnly ? { 'ui:readonly': true } : {}) };
        names.push(prop);
      }
    }
    // A section of computed fields only has nothing to show on create.
    if (names.length === 0) continue;
    sections.push({ id: sec.id, label: typeof sec.label === 'string' ? sec.label : pickLabel(sec.label, locale), columns: (sec.columns ?? 2) as 1 | 2, fields: names });
  }
  uiSchema['ui:order'] = sections.flatMap((s) => s.fields);
  uiSchema['ui:submitButtonOptions'] = { norender: true };
  return { schema: { type: 'object', properties, required }, uiSchema, sections };
}
