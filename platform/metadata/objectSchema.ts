/**
 * Builds the published object meta-schema (metadata/schema/object.schema.json) from the field-type
 * registry, so a type's designer parameters are declared once, in its module. A test keeps the
 * committed file identical to this output; `npm run gen` rewrites it and the generated TS types.
 */
import { FIELD_TYPES, FIELD_TYPE_NAMES } from '../fields/registry';
import type { JsonSchema } from '../fields/types';

const SCHEMA_BASE = 'https://tessera.dev/schema/';

const COMMON_DEFS: Record<string, JsonSchema> = {
  apiName: {
    type: 'string',
    pattern: '^[a-z][a-z0-9_]{0,62}$',
    description: 'API name: lower case letters, digits and underscores, starting with a letter.',
  },
  label: {
    type: 'object',
    description: 'Text in English and Simplified Chinese.',
    required: ['en', 'zh'],
    additionalProperties: false,
    properties: { en: { type: 'string', minLength: 1 }, zh: { type: 'string', minLength: 1 } },
  },
};

const BASE_FIELD_PROPERTIES: Record<string, JsonSchema> = {
  name: { $ref: '#/$defs/apiName' },
  label: { $ref: '#/$defs/label' },
  id: { type: 'string', description: 'Stable id used to key customisation deltas; defaults to the API name.' },
  helpText: { $ref: '#/$defs/label' },
  description: { type: 'string' },
  required: { type: 'boolean' },
  unique: { type: 'boolean' },
  readOnly: { type: 'boolean' },
  indexed: { type: 'boolean', description: 'Create an index so lists can filter and sort on this field fast.' },
  archived: { type: 'boolean', description: 'Removed by an admin: hidden everywhere, its column and data kept until purged.' },
  visibleIf: { $ref: 'condition.schema.json', description: 'Form rule: the field is shown (and may be set) only while this holds.' },
  requiredIf: { $ref: 'condition.schema.json', description: 'Form rule: the field must have a value while this holds.' },
  readOnlyIf: { $ref: 'condition.schema.json', description: 'Form rule: the field cannot be changed while the stored record meets this.' },
};

function pascal(name: string): string {
  return name.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

export function buildObjectSchema(): JsonSchema {
  const fieldDefs: Record<string, JsonSchema> = {};
  for (const typeName of FIELD_TYPE_NAMES) {
    const t = FIELD_TYPES[typeName];
    fieldDefs[`field${pascal(typeName)}`] = {
      title: `Field${pascal(typeName)}`,
      description: `${t.label.en} field (${t.label.zh}).`,
      type: 'object',
      additionalProperties: false,
      required: ['name', 'type', 'label', ...(t.params.required ?? [])],
      // name, type, label first: the order every hand-written file uses, and the order exports write (canonical.ts).
      properties: { name: BASE_FIELD_PROPERTIES.name, type: { const: typeName }, ...BASE_FIELD_PROPERTIES, ...t.params.properties },
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${SCHEMA_BASE}object.schema.json`,
    title: 'ObjectDefinition',
    description: 'A business object: its table, fields and labels.',
    type: 'object',
    additionalProperties: false,
    required: ['name', 'label', 'pluralLabel', 'fields'],
    properties: {
      $schema: { type: 'string' },
      name: { $ref: '#/$defs/apiName' },
      label: { $ref: '#/$defs/label' },
      pluralLabel: { $ref: '#/$defs/label' },
      description: { type: 'string' },
      icon: { type: 'string' },
      nameField: { $ref: '#/$defs/apiName', description: 'Field whose value is the record name (default: name).' },
      searchFields: { type: 'array', items: { $ref: '#/$defs/apiName' }, uniqueItems: true, 'x-unordered': true },
      archived: { type: 'boolean', description: 'Removed by an admin: hidden everywhere, its table and data kept until purged.' },
      teams: { type: 'boolean', description: 'Records have teams: users sharing the record, each with a role in it.' },
      sharing: {
        type: 'object',
        description: 'Organisation-wide default: who sees records they do not own (a workspace setting may override it).',
        additionalProperties: false,
        properties: {
          default: { enum: ['private', 'read', 'read_write'], description: 'private: owners and those above them; read: everyone reads; read_write: everyone edits.' },
          hierarchy: { type: 'boolean', description: 'Users above the owner in the role hierarchy get access (default true).' },
        },
      },
      process: {
        type: 'object',
        description: 'Records follow sales processes (processes/*.json): which fields hold the process, the stage and what the stage sets.',
        additionalProperties: false,
        required: ['field', 'stageField'],
        properties: {
          field: { $ref: '#/$defs/apiName', description: 'Picklist holding the record\'s process; its values are the processes.' },
          stageField: { $ref: '#/$defs/apiName', description: 'Picklist holding the stage; its values are the stages of every process.' },
          probabilityField: { $ref: '#/$defs/apiName', description: 'Set to the stage\'s probability when the stage changes.' },
          forecastField: { $ref: '#/$defs/apiName', description: 'Set to the stage\'s forecast category when the stage changes.' },
          amountField: { $ref: '#/$defs/apiName', description: 'Recorded in stage history and totalled on the kanban.' },
          stageDateField: { $ref: '#/$defs/apiName', description: 'Set to the time of the last stage change.' },
        },
      },
      fields: { type: 'array', minItems: 1, items: { $ref: '#/$defs/field' } },
    },
    $defs: {
      ...COMMON_DEFS,
      field: {
        title: 'FieldDefinition',
        type: 'object',
        discriminator: { propertyName: 'type' },
        oneOf: FIELD_TYPE_NAMES.map((n) => ({ $ref: `#/$defs/field${pascal(n)}` })),
      },
      ...fieldDefs,
    },
  };
}
