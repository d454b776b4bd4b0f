/**
 * Build the effective metadata model from validated documents, cross-checking references. Objects
 * (the core kind) are built here first; then each kind of the registry (kinds/registry.ts) checks
 * and builds its documents, in `buildOrder`, interleaved with the object logic (roll-ups at 25,
 * form rules and formulas at 40; logic.ts). Every problem is collected and reported together.
 */
import { createHash } from 'node:crypto';
import { AppError, type ErrorDetail } from '../core/errors';
import { currencyColumn } from '../fields/currency';
import type { FieldDef } from '../fields/types';
import { formulaScale } from '../rules/formula';
import { documentKinds } from './kinds/registry';
import type { BuildContext, KindDoc } from './kinds/types';
import type { ApprovalFlowDefinition, LayoutDefinition, ListViewDefinition, MetadataModel, ObjectDefinition, ObjectModel, RelatedListModel, SalesProcessDefinition, ValidationRuleDefinition } from './model';
import { buildFormLogic, buildRollups } from './logic';
import { RESERVED_FIELD_NAMES, systemFields } from './model';

/** Names that would reach a JavaScript object's prototype: request bodies and URLs refuse them (core/json.ts), so no field or object may have one. */
const PROTOTYPE_NAMES = new Set(['constructor', 'prototype']);

/** Validated documents by folder: `objects`, and each document kind's under its folder name. */
export interface MetadataDocuments {
  objects: KindDoc<ObjectDefinition>[];
  layouts: KindDoc<LayoutDefinition>[];
  views: KindDoc<ListViewDefinition>[];
  rules?: KindDoc<ValidationRuleDefinition>[];
  processes?: KindDoc<SalesProcessDefinition>[];
  approvals?: KindDoc<ApprovalFlowDefinition>[];
  /** Objects whose own file is invalid: their dependants are not checked (they would only echo that error). */
  unusable?: string[];
  /** Documents of any other registered kind, under its folder. */
  [folder: string]: KindDoc<unknown>[] | string[] | undefined;
}

/** Documents with an empty list for objects and every registered kind. */
export function emptyDocuments(): MetadataDocuments {
  const docs: MetadataDocuments = { objects: [], layouts: [], views: [], unusable: [] };
  for (const k of documentKinds()) docs[k.folder] = [];
  return docs;
}

/** The documents of a folder (created empty when missing). */
export function documentsOf(docs: MetadataDocuments, folder: string): KindDoc<unknown>[] {
  docs[folder] ??= [];
  return docs[folder] as KindDoc<unknown>[];
}

/** The object logic's steps, placed among the kinds by the same `buildOrder` scale. */
const OBJECT_LOGIC: { buildOrder: number; run: (ctx: BuildContext) => void }[] = [
  { buildOrder: 25, run: buildRollups },
  { buildOrder: 40, run: buildFormLogic },
];

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

  const ctx: BuildContext = {
    objects,
    defs: new Map(docs.objects.map((o) => [o.def.name, o])),
    built: new Map(),
    unusable,
    archived: archivedNames,
    isGone: (o) => unusable.has(o) || archivedNames.has(o),
    err: (file, pointer, code, message) => errors.push({ file, pointer, code, message: `${file}#${pointer} ${message}` }),
    errors,
  };
  // Kinds and object logic in build order: a kind sees the objects and every kind built before it.
  const steps = [
    ...documentKinds().map((k) => ({ buildOrder: k.buildOrder, run: (c: BuildContext) => c.built.set(k.name, k.build((docs[k.folder] ?? []) as KindDoc<never>[], c) as Map<string, unknown[]>) })),
    ...OBJECT_LOGIC,
  ].sort((a, b) => a.buildOrder - b.buildOrder);
  for (const step of steps) step.run(ctx);
  const of = <T>(kind: string) => (ctx.built.get(kind) ?? new Map()) as Map<string, T[]>;
  const layouts = of<LayoutDefinition>('layout');

  if (errors.length) {
    throw new AppError('METADATA_INVALID', `Metadata has ${errors.length} problem(s):\n${errors.map((e) => `  ${e.message}`).join('\n')}`, errors);
  }

  for (const obj of objects.values()) {
    obj.relatedLists = relatedListsOf(obj, objects, layouts.get(obj.name)?.[0]);
    roundFormulas(obj);
  }
  const revision = createHash('sha256').update(JSON.stringify(docs)).digest('hex').slice(0, 16);
  return {
    revision, objects, layouts, views: of('view'), rules: of('rule'), processes: of('process'), approvals: of('approval'), archivedObjects,
    documents: ctx.built,
  };
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
