'use client';
/**
 * The warning that a picklist has values no bucket of a bucket definition places (reports grouped
 * by that definition show them as "Unbucketed"): in the field designer as values are added, and in
 * the report builder where a grouping picks its bucket definition.
 */
import { Alert } from 'antd';
import { useT } from '../i18n';

/** A bucket definition as the designer and the builder see it. */
export interface BucketDoc {
  name: string;
  field: string;
  label?: { en: string; zh?: string };
  buckets: { values: string[] }[];
}

/** For each bucket definition of `field`, the values (in the picklist's order) none of its buckets places. */
export function bucketGaps(docs: BucketDoc[], field: string, values: string[]): { name: string; label?: BucketDoc['label']; values: string[] }[] {
  return docs
    .filter((d) => d.field === field)
    .map((d) => {
      const placed = new Set(d.buckets.flatMap((b) => b.values));
      return { name: d.name, label: d.label, values: values.filter((v) => v && !placed.has(v)) };
    })
    .filter((g) => g.values.length > 0);
}

/** One warning per bucket definition that leaves values out. */
export function BucketGaps({ gaps }: { gaps: ReturnType<typeof bucketGaps> }) {
  const { tr, label } = useT();
  if (!gaps.length) return null;
  return (
    <div role="status">
      {gaps.map((g) => (
        <Alert
          key={g.name}
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={tr('rui.bucketGaps', {
            bucket: g.label ? label({ en: g.label.en, zh: g.label.zh ?? g.label.en }) : g.name,
            values: g.values.join(tr('rui.listSeparator')),
          })}
        />
      ))}
    </div>
  );
}
