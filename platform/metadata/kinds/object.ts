/**
 * The core kinds: objects (`object:<object>`, with one `field:<object>.<field>` item per field,
 * metadata/objects, schema object.schema.json) and extensions (a package's changes to an object it
 * does not own, `extensions/<object>.json`, schema extension.schema.json). Every other kind hangs on
 * an object, so objects are built first (`buildObjects`, called by build.ts before any other kind)
 * and are not in the document-kind registry. Their logic (roll-ups, form rules, formulas) is in
 * logic.ts and runs among the other kinds by build order.
 */
import extensionSchema from '../../../metadata/schema/extension.schema.json' with { type: 'json' };
import objectSchema from '../../../metadata/schema/object.schema.json' with { type: 'json' };
import type { ErrorDetail, MessageParams } from '../../core/errors';
import type { MessageKey } from '../../core/i18n';
import { problem } from '../../core/problems';
import { hasOptions, isLookup } from '../../fields/guards';
import { fieldType } from '../../fields/registry';
import type { FieldDef } from '../../fields/types';
import type { ObjectDefinition, ObjectModel } from '../model';
import { RESERVED_FIELD_NAMES, systemFields } from '../model';
import type { KindDoc } from './types';

/** Names that would reach a JavaScript object's prototype: request bodies and URLs refuse them (core/json.ts), so no field or object may have one. */
const PROTOTYPE_NAMES = new Set(['constructor', 'prototype']);


/** A core kind: its folder, schema and how its items are keyed. */
export interface CoreKind {
  name: 'object' | 'extension';
  folder: string;
  schemaName: 'object' | 'extension';
  schema: object;
}

export const objectKind: CoreKind = { name: 'object', folder: 'objects', schemaName: 'object', schema: objectSchema };
/** Packages only: stock and workspace layers change objects through items directly. */
export const extensionKind: CoreKind = { name: 'extension', folder: 'extensions', schemaName: 'extension', schema: extensionSchema };

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
  const err = (pointer: string, key: MessageKey, params: MessageParams, code?: string) => errors.push(problem(key, params, { file, pointer, code }));
  const seen = new Map<string, number>();
  def.fields.forEach((f, i) => {
    const field = f as FieldDef;
    // `tessera_` columns are the platform's maintained system columns (schema/maintained.ts).
    if (RESERVED_FIELD_NAMES.has(field.name) || field.name.startsWith('tessera_')) err(`/fields/${i}/name`, 'field.reserved', { field: field.name });
    if (PROTOTYPE_NAMES.has(field.name)) err(`/fields/${i}/name`, 'field.reserved.prototype', { field: field.name }, 'field.reserved');
    if (seen.has(field.name)) err(`/fields/${i}/name`, 'field.duplicate', { field: field.name, first: seen.get(field.name)! });
    seen.set(field.name, i);
    if (isLookup(field) && !field.archived && !names.has(field.target)) {
      err(`/fields/${i}/target`, archivedNames.has(field.target) ? 'field.target.archived' : 'field.target', { target: field.target }, 'field.target');
    }
    // A column the type keeps next to the field's own (a currency's code) is a name no other field may take.
    for (const c of fieldType(field).columns(field)) {
      const clash = c.name === field.name ? -1 : def.fields.findIndex((g) => g.name === c.name);
      if (clash >= 0) err(`/fields/${clash}/name`, 'field.reserved.currency', { field: c.name, currencyField: field.name }, 'field.reserved');
    }
    if (hasOptions(field) && field.options) {
      const values = field.options.map((o) => o.value);
      values.forEach((v, j) => {
        if (values.indexOf(v) !== j) err(`/fields/${i}/options/${j}/value`, 'field.optionDuplicate', { value: v });
      });
      const defaults = field.default === undefined ? [] : Array.isArray(field.default) ? field.default : [field.default];
      for (const d of defaults) {
        if (!values.includes(String(d))) err(`/fields/${i}/default`, 'field.default', { value: String(d) });
      }
    }
  });
  const nameField = def.nameField ?? 'name';
  const nf = def.fields.find((f) => f.name === nameField);
  if (!nf) err('/nameField', 'object.nameField', { field: nameField });
  else if (nf.archived) err(`/fields/${def.fields.indexOf(nf)}/archived`, 'object.nameField.archived', { field: nameField }, 'object.nameField');
  else if (!fieldType(nf as FieldDef).canName) err('/nameField', 'object.nameField.type', { field: nameField }, 'object.nameField');
  (def.searchFields ?? []).forEach((s, i) => {
    if (!def.fields.some((f) => f.name === s)) err(`/searchFields/${i}`, 'object.searchField', { field: s });
  });
}

/** Check every object document and build its model; archived objects are kept aside (their dependants are left unchecked). */
export function buildObjects(docs: KindDoc<ObjectDefinition>[], unusable: Set<string>, errors: ErrorDetail[]) {
  const live = docs.filter((o) => !o.def.archived);
  const archivedObjects = new Map(docs.filter((o) => o.def.archived).map((o) => [o.def.name, o.def]));
  const names = new Set([...live.map((o) => o.def.name), ...unusable]);
  const archivedNames = new Set(archivedObjects.keys());
  const objects = new Map<string, ObjectModel>();
  for (const { file, def } of docs) {
    if (def.archived) {
      if (live.some((o) => o.def.name === def.name)) errors.push(problem('object.duplicate', { object: def.name }, { file, pointer: '/name' }));
      continue;
    }
    if (PROTOTYPE_NAMES.has(def.name)) errors.push(problem('object.reserved', { object: def.name }, { file, pointer: '/name' }));
    if (def.name.startsWith('tessera_')) errors.push(problem('object.reserved.platform', { object: def.name }, { file, pointer: '/name', code: 'object.reserved' }));
    if (objects.has(def.name)) errors.push(problem('object.duplicate', { object: def.name }, { file, pointer: '/name' }));
    checkObject(def, file, names, archivedNames, errors);
    objects.set(def.name, objectModel(def));
  }
  return { objects, archivedObjects, archivedNames };
}
