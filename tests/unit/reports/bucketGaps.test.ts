import { describe, expect, it } from 'vitest';
import { bucketGaps } from '@/platform/ui/reports/BucketGaps';

describe('bucketGaps', () => {
  const docs = [
    { name: 'phase', field: 'stage', label: { en: 'Phase', zh: '阶段分组' }, buckets: [{ values: ['won', 'lost'] }, { values: ['new'] }] },
    { name: 'all', field: 'stage', buckets: [{ values: ['won', 'lost', 'new', 'review'] }] },
    { name: 'sizes', field: 'size', buckets: [{ values: [] }] },
  ];

  it('names each definition of the field that leaves a value out, in the picklist’s order', () => {
    expect(bucketGaps(docs, 'stage', ['new', 'review', 'won', 'lost'])).toEqual([{ name: 'phase', label: docs[0].label, values: ['review'] }]);
  });

  it('a value being typed (blank) is not a gap; a field whose definitions place everything has none', () => {
    expect(bucketGaps(docs, 'stage', ['new', 'won', 'lost', ''])).toEqual([]);
    expect(bucketGaps(docs, 'source', ['web'])).toEqual([]);
  });
});
