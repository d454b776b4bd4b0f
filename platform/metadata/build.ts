/**
 * Build the effective metadata model from validated documents, cross-checking references:
 * lookup targets, name and search fields, layout fields, list-view columns, sorts and filters.
 * Every problem is collected and reported together.
 */
import { createHash } from 'node:crypto';
import { AppError, type ErrorDetail } from '../core/errors';
import { currencyColumn } from '../fields/currency';
import { fieldType } from '../fields/registry';
import type { FieldDef } from '../fields/types';
import { parseCondition } from '../rules/conditions/parse';
import { formulaScale } from '../rules/formula';
import type { LayoutDefinition, ListViewDefinition, MetadataModel, ObjectDefinition, ObjectModel, RelatedListModel, SalesProcessDefinition, ValidationRuleDefinition, ApprovalFlowDefinition } from './model';
import { buildApprovals } from './approvals';
import { buildLogic } from './logic';
import { RESERVED_FIELD_NAMES, systemFields } from './model';

/** Names that would reach a JavaScript object's prototype: request bodies and URLs refuse them (core/json.ts), so no field or object may have one. */
const PROTOTYPE_NAMES = new Set(['constructor', 'prototype']);

export interface MetadataDocuments {
  objects: { file: string; def: ObjectDefinition }[];
  layouts: { file: string; def: LayoutDefinition }[];
  views: { file: string; def: ListViewDefinition }[];
  rules?: { file: string; def: ValidationRuleDefinition }[];
  processes?: { file: string; def: SalesProcessDefinition }[];
  approvals?: { file: string; def: ApprovalFlowDefinition }[];
  /** Objects whose own file is invalid: their dependants are not checked (they would only echo that error). */
  unusable?: string[];
}

function objectModel(def: ObjectDefinition): ObjectModel {
  const nameField = def.nameField ?? 'name';
  const fields = (def.fields as FieldDef[]).filter((f) => !f.archived);
  const archivedFields = (def.fields as FieldDef[]).filter((f) => f.archived);
  const allFields = [...systemFields(def.name, nameField), ...fields];
  return {
    name: def.name,
    label: def.label,
    pluralLabel: def.pluralLabel,
    description: def.description,
    icon: def.icon,
    nameField,
    searchFields: (def.searchFields ?? []).filter((n) => fields.some((f) => f.name === n)),
    fields,
    archivedFields,
    allFields,
    fieldMap: new Map(allFields.map((f) => [f.name, f])),
    relatedLists: [],
    sharing: def.sharing,
    teams: def.teams,
    formulas: new Map(),
    rules: [],
    formRules: new Map(),
    rollupsFed: [],
    approvals: [],
  };
}

function checkObject(def: ObjectDefinition, file: string, names: Set<string>, archivedNames: Set<string>, errors: ErrorDetail[]) {
  const err = (pointer: string, code: string, message: string) => errors.push({ file, pointer, code, message: `${file}#${pointer} ${message}` });
  const seen = new Map<string, number>();
  def.fields.forEach((f, i) => {
    const field = f as FieldDef;
    if (RESERVED_FIELD_NAMES.has(field.name)) err(`/fields/${i}/name`, 'field.reserved', `"${field.name}" is a system field name`);
    if (PROTOTYPE_NAMES.has(field.name)) err(`/fields/${i}/name`, 'field.reserved', `"${field.name}" cannot be a field name: every request carrying it is refused`);
    if (seen.has(field.name)) err(`/fields/${i}/name`, 'field.duplicate', `duplicates field "${field.name}" at /fields/${seen.get(field.name)}`);
    seen.set(field.name, i);
    if (field.type === 'lookup' && field.target && !field.archived && !names.has(field.target)) {
      err(`/fields/${i}/target`, 'field.target', archivedNames.has(field.target)
        ? `lookup target "${field.target}" is archived: archive or retarget this field first`
        : `lookup target "${field.target}" is not an object`);
    }
    if (field.type === 'currency') {
      const companion = currencyColumn(field);
      const clash = def.fields.findIndex((g) => g.name === companion);
      if (clash >= 0) err(`/fields/${clash}/name`, 'field.reserved', `"${companion}" holds the currency code of "${field.name}"`);
    }
    if ((field.type === 'picklist' || field.type === 'multi_picklist') && field.options) {
      const values = field.options.map((o) => o.value);
      values.forEach((v, j) => {
        if (values.indexOf(v) !== j) err(`/fields/${i}/options/${j}/value`, 'field.optionDuplicate', `picklist value "${v}" appears twice`);
      });
      const defaults = field.default === undefined ? [] : Array.isArray(field.default) ? field.default : [field.default];
      for (const d of defaults) {
        if (!values.includes(String(d))) err(`/fields/${i}/default`, 'field.default', `default "${String(d)}" is not one of the values`);
      }
    }
  });
  const nameField = def.nameField ?? 'name';
  const nf = def.fields.find((f) => f.name === nameField);
  if (!nf) err('/nameField', 'object.nameField', `name field "${nameField}" is not a field of the object`);
  else if (nf.archived) err(`/fields/${def.fields.indexOf(nf)}/archived`, 'object.nameField', `the name field "${nameField}" cannot be archived`);
  else if (!['text', 'auto_number', 'email', 'phone'].includes(nf.type)) err('/nameField', 'object.nameField', `name field "${nameField}" must be a text field`);
  (def.searchFields ?? []).forEach((s, i) => {
    if (!def.fields.some((f) => f.name === s)) err(`/searchFields/${i}`, 'object.searchField', `search field "${s}" is not a field of the object`);
  });
}

/** Validate references across documents and build the model; throws METADATA_INVALID listing every problem. */
export function buildMetadata(docs: MetadataDocuments, extraErrors: ErrorDetail[] = []): MetadataModel {
  const errors = [...extraErrors];
  const unusable = new Set(docs.unusable ?? []);
  const live = docs.objects.filter((o) => !o.def.archived);
  const archivedObjects = new Map(docs.objects.filter((o) => o.def.archived).map((o) => [o.def.name, o.def]));
  const names = new Set([...live.map((o) => o.def.name), ...unusable]);
  const archivedNames = new Set(archivedObjects.keys());
  const objects = new Map<string, ObjectModel>();
  for (const { file, def } of docs.objects) {
    if (def.archived) {
      if (live.some((o) => o.def.name === def.name)) errors.push({ file, pointer: '/name', code: 'object.duplicate', message: `${file}#/name object "${def.name}" is defined twice` });
      continue;
    }
    if (PROTOTYPE_NAMES.has(def.name)) errors.push({ file, pointer: '/name', code: 'object.reserved', message: `${file}#/name "${def.name}" cannot be an object name: every request naming it is refused` });
    if (def.name.startsWith('tessera_')) errors.push({ file, pointer: '/name', code: 'object.reserved', message: `${file}#/name object names starting with "tessera_" are reserved for the platform` });
    if (objects.has(def.name)) errors.push({ file, pointer: '/name', code: 'object.duplicate', message: `${file}#/name object "${def.name}" is defined twice` });
    checkObject(def, file, names, archivedNames, errors);
    objects.set(def.name, objectModel(def));
  }

  const layouts = new Map<string, LayoutDefinition[]>();
  for (const { file, def: given } of docs.layouts) {
    const err = (pointer: string, code: string, message: string) => errors.push({ file, pointer, code, message: `${file}#${pointer} ${message}` });
    const obj = objects.get(given.object);
    if (!obj) { if (!unusable.has(given.object) && !archivedNames.has(given.object)) err('/object', 'layout.object', `object "${given.object}" does not exist`); continue; }
    const def = withoutArchived(given, obj);
    const placed = new Set<string>();
    def.sections.forEach((s, i) => s.fields.forEach((entry, j) => {
      const name = typeof entry === 'string' ? entry : entry.field;
      const f = obj.fieldMap.get(name);
      if (!f) err(`/sections/${i}/fields/${j}`, 'layout.field', `field "${name}" is not a field of ${def.object}`);
      if (placed.has(name)) err(`/sections/${i}/fields/${j}`, 'layout.duplicate', `field "${name}" is placed twice`);
      placed.add(name);
    }));
    (def.relatedLists ?? []).forEach((r, i) => {
      const child = objects.get(r.object);
      const lookup = child?.fieldMap.get(r.field);
      if (!child && unusable.has(r.object)) return;
      if (!child) err(`/relatedLists/${i}/object`, 'layout.related', `object "${r.object}" does not exist`);
      else if (!lookup || lookup.type !== 'lookup' || lookup.target !== def.object) {
        err(`/relatedLists/${i}/field`, 'layout.related', `"${r.object}.${r.field}" is not a lookup to ${def.object}`);
      }
      (r.columns ?? []).forEach((c, j) => {
        if (child && !child.fieldMap.has(c)) err(`/relatedLists/${i}/columns/${j}`, 'layout.related', `field "${c}" is not a field of ${r.object}`);
      });
    });
    layouts.set(def.object, [...(layouts.get(def.object) ?? []), def]);
  }

  const views = new Map<string, ListViewDefinition[]>();
  for (const { file, def: given } of docs.views) {
    const err = (pointer: string, code: string, message: string) => errors.push({ file, pointer, code, message: `${file}#${pointer} ${message}` });
    const obj = objects.get(given.object);
    if (!obj) { if (!unusable.has(given.object) && !archivedNames.has(given.object)) err('/object', 'view.object', `object "${given.object}" does not exist`); continue; }
    const archived = new Set((obj.archivedFields ?? []).map((f) => f.name));
    const def: ListViewDefinition = archived.size
      ? ({ ...given, columns: given.columns.filter((c) => !archived.has(c)), sort: given.sort?.filter((x) => !archived.has(x.field)) } as ListViewDefinition)
      : given;
    def.columns.forEach((c, i) => {
      if (!obj.fieldMap.has(c)) err(`/columns/${i}`, 'view.column', `field "${c}" is not a field of ${def.object}`);
    });
    (def.sort ?? []).forEach((s, i) => {
      const f = obj.fieldMap.get(s.field);
      if (!f) err(`/sort/${i}/field`, 'view.sort', `field "${s.field}" is not a field of ${def.object}`);
      else if (!fieldType(f).sortable && f.name !== 'id') err(`/sort/${i}/field`, 'view.sort', `field "${s.field}" cannot be sorted`);
    });
    if (def.filter !== undefined) {
      for (const e of parseCondition(def.filter, obj, { pointer: '/filter' }).errors) {
        errors.push({ ...e, file, message: `${file}#${e.pointer} ${e.message}` });
      }
    }
    if ((views.get(def.object) ?? []).some((v) => v.name === def.name)) err('/name', 'view.duplicate', `view "${def.name}" is defined twice for ${def.object}`);
    views.set(def.object, [...(views.get(def.object) ?? []), def]);
  }

  // Computed fields, form rules, validation rules and sales processes: they reach across objects.
  const defs = new Map(docs.objects.map((o) => [o.def.name, o]));
  const { rules, processes } = buildLogic(objects, defs, docs.rules ?? [], docs.processes ?? [], layouts, unusable, archivedNames, errors);
  const approvals = buildApprovals(objects, docs.approvals ?? [], (o) => unusable.has(o) || archivedNames.has(o), errors);

  if (errors.length) {
    throw new AppError('METADATA_INVALID', `Metadata has ${errors.length} problem(s):\n${errors.map((e) => `  ${e.message}`).join('\n')}`, errors);
  }

  for (const obj of objects.values()) {
    obj.relatedLists = relatedListsOf(obj, objects, layouts.get(obj.name)?.[0]);
    roundFormulas(obj);
  }
  const revision = createHash('sha256').update(JSON.stringify(docs)).digest('hex').slice(0, 16);
  return { revision, objects, layouts, views, rules, processes, approvals, archivedObjects };
}

/**
 * A number formula field's value is rounded to its scale wherever it is computed (records, filters,
 * sorts, rules), so no channel shows more precision than the field declares.
 */
function roundFormulas(obj: ObjectModel): void {
  for (const [name, formula] of obj.formulas) {
    const scale = formulaScale(obj.fieldMap.get(name)!);
    if (scale !== undefined) obj.formulas.set(name, { ...formula, scale });
  }
}

/** A layout without the fields (and related lists) that are archived: they come back when restored. */
function withoutArchived(def: LayoutDefinition, obj: ObjectModel): LayoutDefinition {
  const archived = new Set((obj.archivedFields ?? []).map((f) => f.name));
  if (!archived.size) return def;
  return { ...def, sections: def.sections.map((s) => ({ ...s, fields: s.fields.filter((e) => !archived.has(typeof e === 'string' ? e : e.field)) })) as LayoutDefinition['sections'] };
}

/** Related lists: those the default layout lists, else one per lookup pointing at the object. */
function relatedListsOf(obj: ObjectModel, objects: Map<string, ObjectModel>, layout?: LayoutDefinition): RelatedListModel[] {
  const columnsFor = (child: ObjectModel) => [child.nameField === 'name' ? 'name' : child.nameField, ...child.fields.filter((f) => f.name !== child.nameField && f.type !== 'long_text' && f.type !== 'lookup').slice(0, 3).map((f) => f.name)];
  if (layout?.relatedLists) {
    return layout.relatedLists.map((r) => {
      const child = objects.get(r.object)!;
      return { object: r.object, field: r.field, label: r.label ?? child.pluralLabel, columns: r.columns ?? columnsFor(child) };
    });
  }
  const out: RelatedListModel[] = [];
  for (const child of objects.values()) {
    for (const f of child.fields) {
      if (f.type === 'lookup' && f.target === obj.name) {
        out.push({ object: child.name, field: f.name, label: f.relatedLabel ?? child.pluralLabel, columns: columnsFor(child) });
      }
    }
  }
  return out;
}
