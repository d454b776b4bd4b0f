/**
 * Picklist buckets (kind `bucket`): named groups of picklist values defined once per object and
 * field and used by many reports (`{"field":"stage","bucket":"stage_phase"}`). A value no bucket
 * places groups as "Unbucketed", and the result names such values so an admin sees a new picklist
 * value that the buckets have not caught up with.
 */
import type { Label } from '../core/i18n';
import { hasOptions } from '../fields/guards';
import type { FieldDef } from '../fields/types';
import type { MetadataModel } from '../metadata/model';

export interface BucketDefinition {
  object: string;
  name: string;
  field: string;
  label: Label;
  description?: string;
  buckets: { name: string; label: Label; values: string[] }[];
}

/** The key of the group of values no bucket places. */
export const UNBUCKETED = '__unbucketed';

/** A workspace's bucket definition `name` of `object`, if any. */
export function bucketOf(meta: MetadataModel, object: string, name: string): BucketDefinition | undefined {
  const docs = (meta.documents?.get('bucket')?.get(object) ?? []) as BucketDefinition[];
  return docs.find((b) => b.name === name);
}

/** Picklist values of `field` that no bucket of `def` places. */
export function unplacedValues(def: BucketDefinition, field: FieldDef): string[] {
  if (!hasOptions(field)) return [];
  const placed = new Set(def.buckets.flatMap((b) => b.values));
  return field.options.filter((o) => !placed.has(o.value)).map((o) => o.value);
}
