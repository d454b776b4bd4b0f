/**
 * Picklist buckets (`bucket:<object>.<name>`, metadata/buckets, schema bucket.schema.json): named
 * groups of one picklist field's values, defined once and used by many reports. Values a bucket
 * names must be values of the field and sit in one bucket only; values no bucket places are not an
 * error (a new picklist value appears as "Unbucketed" in reports, which name it: see
 * platform/reports/buckets.ts).
 */
import bucketSchema from '../../../metadata/schema/bucket.schema.json' with { type: 'json' };
import { hasOptions } from '../../fields/guards';
import type { BucketDefinition } from '../../reports/buckets';
import { documentNamed, removeDocument, saveDocument } from '../documents';
import type { BuildContext, DocumentKind, KindDoc } from './types';

function build(docs: KindDoc<BucketDefinition>[], ctx: BuildContext): Map<string, BucketDefinition[]> {
  const out = new Map<string, BucketDefinition[]>();
  for (const { file, def } of docs) {
    const obj = ctx.objects.get(def.object);
    if (!obj) {
      if (!ctx.isGone(def.object)) ctx.err(file, '/object', 'report.object', { object: def.object });
      continue;
    }
    const field = obj.fieldMap.get(def.field);
    if (!hasOptions(field)) ctx.err(file, '/field', 'bucket.field', { field: def.field, object: def.object });
    else {
      const placed = new Set<string>();
      def.buckets.forEach((b, i) =>
        b.values.forEach((v, j) => {
          if (!field.options.some((o) => o.value === v)) ctx.err(file, `/buckets/${i}/values/${j}`, 'bucket.value', { value: v, field: field.label });
          else if (placed.has(v)) ctx.err(file, `/buckets/${i}/values/${j}`, 'bucket.twice', { value: v });
          placed.add(v);
        }),
      );
    }
    if ((out.get(def.object) ?? []).some((b) => b.name === def.name)) ctx.err(file, '/name', 'bucket.duplicate', { name: def.name, object: def.object });
    out.set(def.object, [...(out.get(def.object) ?? []), def]);
  }
  return out;
}

export const bucketKind: DocumentKind<BucketDefinition> = {
  name: 'bucket',
  folder: 'buckets',
  schemaName: 'bucket',
  schema: bucketSchema,
  label: { en: 'bucket definition', zh: '分段定义' },
  key: (d) => `bucket:${d.object}.${d.name}`,
  buildOrder: 70,
  build,
  verbs: {
    save: (actor, doc, mode) => saveDocument(actor, bucketKind.key(doc), doc, `Saved bucket definition ${doc.object}.${doc.name}`, mode),
    remove: (actor, object, name) => removeDocument(actor, `bucket:${object}.${name}`, `Deleted bucket definition ${object}.${name}`, documentNamed(bucketKind.label, object, name)),
  },
};
