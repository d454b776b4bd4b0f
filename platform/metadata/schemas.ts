/** Validators for each metadata kind, compiled once from metadata/schema/*.schema.json. */
import conditionSchema from '../../metadata/schema/condition.schema.json' with { type: 'json' };
import extensionSchema from '../../metadata/schema/extension.schema.json' with { type: 'json' };
import manifestSchema from '../../metadata/schema/manifest.schema.json' with { type: 'json' };
import layoutSchema from '../../metadata/schema/layout.schema.json' with { type: 'json' };
import listviewSchema from '../../metadata/schema/listview.schema.json' with { type: 'json' };
import objectSchema from '../../metadata/schema/object.schema.json' with { type: 'json' };
import processSchema from '../../metadata/schema/process.schema.json' with { type: 'json' };
import approvalSchema from '../../metadata/schema/approval.schema.json' with { type: 'json' };
import ruleSchema from '../../metadata/schema/rule.schema.json' with { type: 'json' };
import type { ErrorDetail } from '../core/errors';
import { createAjv } from './ajv';

export type MetadataKind = 'object' | 'layout' | 'listview' | 'condition' | 'extension' | 'manifest' | 'rule' | 'process' | 'approval';

const SCHEMAS: Record<MetadataKind, object> = {
  object: objectSchema,
  layout: layoutSchema,
  listview: listviewSchema,
  condition: conditionSchema,
  extension: extensionSchema,
  manifest: manifestSchema,
  rule: ruleSchema,
  process: processSchema,
  approval: approvalSchema,
};

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }[] | null };
let validators: Record<MetadataKind, Validate> | undefined;

function compiled(): Record<MetadataKind, Validate> {
  if (!validators) {
    const ajv = createAjv();
    ajv.addSchema(conditionSchema);
    ajv.addSchema(objectSchema);
    validators = {
      object: ajv.getSchema(objectSchema.$id) as unknown as Validate,
      layout: ajv.compile(layoutSchema),
      listview: ajv.compile(listviewSchema),
      condition: ajv.getSchema(conditionSchema.$id) as unknown as Validate,
      extension: ajv.compile(extensionSchema),
      manifest: ajv.compile(manifestSchema),
      rule: ajv.compile(ruleSchema),
      process: ajv.compile(processSchema),
      approval: ajv.compile(approvalSchema),
    };
  }
  return validators;
}

export function metaSchema(kind: MetadataKind): object {
  return SCHEMAS[kind];
}

/** Every kind's schema: what `$ref`s between them (extension → object, object → condition) resolve against. */
export function allMetaSchemas(): object[] {
  return Object.values(SCHEMAS);
}

/** Validate one metadata document; every error names the file and the JSON pointer at fault. */
export function validateMetadata(kind: MetadataKind, data: unknown, file: string): ErrorDetail[] {
  const validate = compiled()[kind];
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => {
    const pointer = e.instancePath || '/';
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') message = `has unknown property "${String(e.params.additionalProperty)}"`;
    if (e.keyword === 'required') message = `is missing required property "${String(e.params.missingProperty)}"`;
    if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) message = `must be one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    return { file, pointer, code: `schema.${e.keyword}`, message: `${file}#${pointer} ${message}` };
  });
}
