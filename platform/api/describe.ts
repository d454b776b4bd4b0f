/** Object and field descriptions for integrators (REST describe) and the app's screens. */
import { anyField, hasOptions, isUserLookup } from '../fields/guards';
import { fieldType, isWritable } from '../fields/registry';
import type { FieldDef } from '../fields/types';
import type { MetadataModel, ObjectModel } from '../metadata/model';
import { sortable } from '../data/sort';

export interface FieldDescription {
  name: string;
  type: string;
  label: { en: string; zh: string };
  helpText?: { en: string; zh: string };
  required: boolean;
  readOnly: boolean;
  /** Set by an approval flow: users may send only its current value (on create, empty or the default); administrators' changes are audited. */
  approvalManaged?: boolean;
  unique: boolean;
  system: boolean;
  sortable: boolean;
  filterOperators: string[];
  /** Extra API properties the field contributes (currency code). */
  properties: string[];
  maxLength?: number;
  precision?: number;
  scale?: number;
  min?: number;
  max?: number;
  /** Integers: false when shown without thousands separators (years, codes). */
  grouping?: boolean;
  currency?: string;
  default?: unknown;
  target?: string;
  pattern?: string;
  options?: { value: string; label: { en: string; zh: string }; active: boolean }[];
  /** Formula fields: the expression; roll-ups: what they summarise. */
  formula?: string;
  returnType?: string;
  summary?: unknown;
  /** Form rules (condition trees): shown only while, required while, read-only while. */
  visibleIf?: unknown;
  requiredIf?: unknown;
  readOnlyIf?: unknown;
}

function describeField(f: FieldDef): FieldDescription {
  const type = fieldType(f);
  const d: FieldDescription = {
    name: f.name,
    type: isUserLookup(f) ? 'user' : f.type,
    label: f.label,
    required: Boolean(f.required),
    readOnly: !isWritable(f),
    unique: Boolean(f.unique),
    system: Boolean(f.system),
    sortable: sortable(f),
    filterOperators: type.operators,
    properties: Object.keys(type.properties(f)),
  };
  for (const k of [
    'helpText',
    'maxLength',
    'precision',
    'scale',
    'min',
    'max',
    'grouping',
    'currency',
    'default',
    'target',
    'pattern',
    'formula',
    'returnType',
    'summary',
    'visibleIf',
    'requiredIf',
    'readOnlyIf',
  ] as const) {
    // Each type carries its own subset of these parameters.
    const v = anyField(f)[k];
    if (v !== undefined) (d as unknown as Record<string, unknown>)[k] = v;
  }
  if (f.system && f.name === 'id') delete d.target;
  if (hasOptions(f)) d.options = f.options.map((o) => ({ value: o.value, label: o.label, active: o.active !== false }));
  return d;
}

export function describeObject(obj: ObjectModel) {
  return {
    name: obj.name,
    label: obj.label,
    pluralLabel: obj.pluralLabel,
    description: obj.description,
    icon: obj.icon,
    nameField: obj.nameField,
    fields: obj.allFields.map((f) => (obj.approvalManaged?.has(f.name) ? { ...describeField(f), approvalManaged: true } : describeField(f))),
    relatedLists: obj.relatedLists,
  };
}

export function listObjects(meta: MetadataModel) {
  return [...meta.objects.values()].map((o) => ({ name: o.name, label: o.label, pluralLabel: o.pluralLabel, icon: o.icon }));
}
