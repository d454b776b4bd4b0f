/**
 * The indexes a table gets follow what each field type declares (fields/types.ts: alwaysIndexed,
 * sortable, unsortedIndex): lookups are always indexed, an indexed multi-select gets a GIN index,
 * an indexed sortable field an index in sort order, and a list view sorted by a formula none.
 */
import { describe, expect, it } from 'vitest';
import { stockMetadata } from '../../../platform/metadata/registry';
import { objectIndexes } from '../../../platform/schema/indexes';
import { metadataWith } from '../../integration/data/metadata';

const names = (object: string, meta = stockMetadata()) => objectIndexes(meta.objects.get(object)!, meta).map((i) => `${i.name} ${i.body}`);

describe('indexes by field type', () => {
  it('indexes every lookup whatever the metadata says (related lists and joins read by it)', () => {
    expect(names('contact')).toContain('contact_account_idx ("account")');
    expect(names('opportunity')).toContain('opportunity_account_idx ("account")');
  });

  it('gives an indexed multi-select a GIN index and an indexed number one in sort order, and leaves unindexed fields alone', () => {
    const meta = metadataWith('account', [
      { name: 'tags', type: 'multi_picklist', label: { en: 'Tags', zh: '标签' }, indexed: true, options: [{ value: 'a', label: { en: 'A', zh: 'A' } }] },
      { name: 'score', type: 'integer', label: { en: 'Score', zh: '评分' }, indexed: true },
      { name: 'notes2', type: 'long_text', label: { en: 'Notes', zh: '备注' } },
    ]);
    const ix = names('account', meta);
    expect(ix.filter((i) => i.includes('USING gin ("tags")'))).toHaveLength(1);
    expect(ix.some((i) => i.includes('"score"'))).toBe(true);
    expect(ix.some((i) => i.includes('"notes2"'))).toBe(false);
  });
});
