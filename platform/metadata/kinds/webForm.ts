/**
 * Web forms (`web_form:<object>.<name>`, metadata/webforms, schema web_form.schema.json): a public
 * form that creates a record of its object (web-to-lead). The public page, the endpoint and the
 * submissions list live in platform/webforms; this module cross-checks the definition against the
 * object: fields exist, are writable and of a type a visitor can type in, required fields are
 * covered, hidden values name writable fields, names are unique in the workspace.
 */
import webFormSchema from '../../../metadata/schema/web_form.schema.json' with { type: 'json' };
import { isWritable } from '../../fields/registry';
import type { FieldDef } from '../../fields/types';
import { DEFAULT_HONEYPOT, PUBLIC_FIELD_TYPES } from '../../webforms/shape';
import { documentNamed, removeDocument, saveDocument } from '../documents';
import type { WebFormDefinition } from '../generated/web_form';
import type { BuildContext, DocumentKind, KindDoc } from './types';


function checkField(f: FieldDef | undefined, name: string, at: string, file: string, object: string, ctx: BuildContext): void {
  if (!f) return ctx.err(file, at, 'webForm.field', { field: name, object });
  if (!isWritable(f) || f.name === 'owner') return ctx.err(file, at, 'webForm.readOnly', { field: name });
  if (!PUBLIC_FIELD_TYPES.includes(f.type)) ctx.err(file, at, 'webForm.fieldType', { field: name, type: f.type });
}

function checkHidden(f: FieldDef, value: unknown, at: string, file: string, ctx: BuildContext): void {
  if (f.type !== 'picklist') return;
  const values = f.options.map((o) => o.value);
  if (typeof value !== 'string' || !values.includes(value)) ctx.err(file, at, 'webForm.hiddenValue', { field: f.name, allowed: values.join(', ') });
}

function checkForm(file: string, def: WebFormDefinition, ctx: BuildContext): void {
  const obj = ctx.objects.get(def.object)!;
  const seen = new Set<string>();
  def.fields.forEach((entry, i) => {
    if (seen.has(entry.field)) ctx.err(file, `/fields/${i}/field`, 'webForm.fieldTwice', { field: entry.field });
    seen.add(entry.field);
    checkField(obj.fieldMap.get(entry.field), entry.field, `/fields/${i}/field`, file, def.object, ctx);
  });
  const hidden = def.hiddenValues ?? {};
  for (const [name, value] of Object.entries(hidden)) {
    const f = obj.fieldMap.get(name);
    checkField(f, name, `/hiddenValues/${name}`, file, def.object, ctx);
    if (seen.has(name)) ctx.err(file, `/hiddenValues/${name}`, 'webForm.hiddenShown', { field: name });
    if (f) checkHidden(f, value, `/hiddenValues/${name}`, file, ctx);
  }
  // A required field with no default must come from the visitor or the form, or every submission fails.
  for (const f of obj.fields) {
    if (f.required && f.default === undefined && isWritable(f) && !seen.has(f.name) && !(f.name in hidden)) {
      ctx.err(file, '/fields', 'webForm.requiredMissing', { field: f.name, object: def.object });
    }
  }
  const honeypot = def.honeypot ?? DEFAULT_HONEYPOT;
  if (seen.has(honeypot) || honeypot in hidden) ctx.err(file, '/honeypot', 'webForm.honeypot', { field: honeypot });
  if (def.redirectUrl && def.thankYou) ctx.err(file, '/redirectUrl', 'webForm.thankYouTwice', {});
}

function build(docs: KindDoc<WebFormDefinition>[], ctx: BuildContext): Map<string, WebFormDefinition[]> {
  const forms = new Map<string, WebFormDefinition[]>();
  const names = new Set<string>();
  for (const { file, def } of docs) {
    if (!ctx.objects.has(def.object)) {
      if (!ctx.isGone(def.object)) ctx.err(file, '/object', 'webForm.object', { object: def.object });
      continue;
    }
    // The public address names the form without its object: names are unique in the workspace.
    if (names.has(def.name)) ctx.err(file, '/name', 'webForm.duplicate', { name: def.name });
    names.add(def.name);
    checkForm(file, def, ctx);
    forms.set(def.object, [...(forms.get(def.object) ?? []), def]);
  }
  for (const list of forms.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return forms;
}

export const webFormKind: DocumentKind<WebFormDefinition> = {
  name: 'web_form',
  folder: 'webforms',
  schemaName: 'web_form',
  schema: webFormSchema,
  label: { en: 'web form', zh: '网页表单' },
  key: (d) => `web_form:${d.object}.${d.name}`,
  // Last: it reads only the objects' fields, and nothing reads it.
  buildOrder: 110,
  build,
  verbs: {
    save: (actor, form, mode) => saveDocument(actor, webFormKind.key(form), form, `Saved web form ${form.object}.${form.name}`, mode),
    remove: (actor, object, name) => removeDocument(actor, `web_form:${object}.${name}`, `Deleted web form ${object}.${name}`, documentNamed(webFormKind.label, object, name)),
  },
};
