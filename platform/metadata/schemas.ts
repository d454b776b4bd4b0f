/**
 * Validators for each metadata kind, compiled from metadata/schema/*.schema.json: the core
 * schemas here (object, extension, condition, manifest) and each document kind's own, from the
 * kind registry (recompiled when a kind is registered).
 */
import conditionSchema from '../../metadata/schema/condition.schema.json' with { type: 'json' };
import manifestSchema from '../../metadata/schema/manifest.schema.json' with { type: 'json' };
import type { ErrorDetail, MessageParam, MessageParams } from '../core/errors';
import { hasMessage } from '../core/i18n';
import { problem } from '../core/problems';
import { createAjv } from './ajv';
import { extensionKind, objectKind } from './kinds/object';
import { documentKinds } from './kinds/registry';

/** A schema name: the core ones, or a document kind's `schemaName` (layout, listview, rule, process, approval...). */
export type MetadataKind = 'object' | 'layout' | 'listview' | 'condition' | 'extension' | 'manifest' | 'rule' | 'process' | 'approval' | (string & {});

const CORE_SCHEMAS: Record<string, object> = {
  object: objectKind.schema,
  condition: conditionSchema,
  extension: extensionKind.schema,
  manifest: manifestSchema,
};

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }[] | null };
let compiledFor: { kinds: ReturnType<typeof documentKinds>; schemas: Record<string, object>; validators: Map<string, Validate> } | undefined;

/** Schemas and validators for the kinds registered now (compiled lazily, once per registry state). */
function current() {
  const kinds = documentKinds();
  if (compiledFor?.kinds !== kinds) {
    const schemas: Record<string, object> = { ...CORE_SCHEMAS };
    for (const k of kinds) schemas[k.schemaName] = k.schema;
    compiledFor = { kinds, schemas, validators: new Map() };
  }
  return compiledFor;
}

function validator(kind: MetadataKind): Validate {
  const c = current();
  let v = c.validators.get(kind);
  if (!v) {
    if (!c.validators.size) {
      // One ajv per registry state: object and condition are referred to by the others' $refs.
      const ajv = createAjv();
      ajv.addSchema(conditionSchema);
      ajv.addSchema(objectKind.schema);
      for (const [name, schema] of Object.entries(c.schemas)) {
        const id = (schema as { $id?: string }).$id;
        c.validators.set(name, (name === 'object' || name === 'condition') && id ? (ajv.getSchema(id) as unknown as Validate) : (ajv.compile(schema) as unknown as Validate));
      }
    }
    v = c.validators.get(kind);
    if (!v) throw new Error(`No metadata schema named ${JSON.stringify(kind)}`);
  }
  return v;
}

/** The JSON Schema of a kind (by schema name). */
export function metaSchema(kind: MetadataKind): object {
  const schema = current().schemas[kind];
  if (!schema) throw new Error(`No metadata schema named ${JSON.stringify(kind)}`);
  return schema;
}

/** Every kind's schema: what `$ref`s between them (extension → object, object → condition) resolve against. */
export function allMetaSchemas(): object[] {
  return Object.values(current().schemas);
}

/** Values of the ajv keywords the catalog words (`schema.<keyword>`); other keywords keep ajv's English text. */
export const KEYWORD_PARAMS: Record<string, (p: Record<string, unknown>) => MessageParams> = {
  required: (p) => ({ property: String(p.missingProperty) }),
  additionalProperties: (p) => ({ property: String(p.additionalProperty) }),
  enum: (p) => ({ allowed: (Array.isArray(p.allowedValues) ? p.allowedValues : []).map((v) => JSON.stringify(v)).join(', ') }),
  type: (p) => ({ type: typeName(String(p.type)) }),
  pattern: (p) => ({ pattern: String(p.pattern) }),
  minLength: (p) => ({ limit: Number(p.limit) }),
  maxLength: (p) => ({ limit: Number(p.limit) }),
  minItems: (p) => ({ limit: Number(p.limit) }),
  maxItems: (p) => ({ limit: Number(p.limit) }),
  minimum: (p) => ({ limit: Number(p.limit) }),
  maximum: (p) => ({ limit: Number(p.limit) }),
  const: (p) => ({ value: JSON.stringify(p.allowedValue) }),
  oneOf: () => ({}),
  anyOf: () => ({}),
};

/** "text", "a number"... as a message of its own; several types ("string,null") stay as ajv names them. */
function typeName(type: string): MessageParam {
  const key = `schema.typeName.${type}`;
  return hasMessage(key) ? { key } : type;
}

/** Validate one metadata document; every error names the file and the JSON pointer at fault (in the detail, not the sentence). */
export function validateMetadata(kind: MetadataKind, data: unknown, file: string): ErrorDetail[] {
  const validate = validator(kind);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => {
    const pointer = e.instancePath || '/';
    const params = KEYWORD_PARAMS[e.keyword]?.(e.params as Record<string, unknown>);
    const key = `schema.${e.keyword}`;
    if (params && hasMessage(key)) return problem(key, params, { file, pointer });
    return { file, pointer, code: key, message: e.message ?? 'is invalid' };
  });
}
