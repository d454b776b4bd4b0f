/**
 * Memory/SQL agreement for the field types stock objects do not use (boolean, multi_picklist,
 * decimal): opportunity is extended with such fields, the workspace converged, records written
 * through the record service, and every operator compared as in conditions.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRecord, updateRecord } from '../../../platform/data';
import type { RecordContext } from '../../../platform/data/context';
import type { RecordData } from '../../../platform/data/values';
import { fieldType } from '../../../platform/fields/registry';
import { evaluateCondition } from '../../../platform/rules/conditions/evaluate';
import { parseCondition } from '../../../platform/rules/conditions/parse';
import { convergeSchema } from '../../../platform/schema/converge';
import { createTestWorkspace } from '../../support/workspace';
import { ConditionGen, type Condition } from './conditionGen';
import { listAll, Rng } from './dataset';
import { metadataWith } from './metadata';

const label = (en: string) => ({ en, zh: en });
const TAGS = [
  { value: 'vip', label: { en: 'VIP', zh: '重要客户' } },
  { value: 'renewal', label: label('Renewal') },
  { value: 'key_account', label: { en: 'Key account', zh: '大客户' } },
  { value: 'new_logo', label: label('New logo') },
];
const meta = metadataWith('opportunity', [
  { name: 'signed', type: 'boolean', label: label('Signed') },
  { name: 'strategic', type: 'boolean', label: label('Strategic'), default: true },
  { name: 'tags', type: 'multi_picklist', label: label('Tags'), options: TAGS },
  { name: 'margin', type: 'decimal', label: label('Margin'), precision: 10, scale: 4 },
]);
const opportunity = meta.objects.get('opportunity')!;
const NEW_FIELDS = ['signed', 'strategic', 'tags', 'margin'].map((n) => opportunity.fieldMap.get(n)!);

let ctx: RecordContext;
let records: RecordData[];

beforeAll(async () => {
  const tw = await createTestWorkspace('types');
  const base = await tw.ctx();
  ctx = { ...base, meta, security: { ...base.security, fullMeta: meta } };
  await convergeSchema(ctx.pool, tw.workspace.schema, meta);
  const rng = new Rng('extra types');
  const tagValues = TAGS.map((t) => t.value);
  for (let i = 0; i < 120; i++) {
    const input: Record<string, unknown> = {
      name: `Deal ${i} ${rng.pick(['VIP', '大客户', 'renewal'])}`,
      close_date: '2026-03-05',
      amount: rng.maybe(0.3, () => rng.int(0, 1000)),
      margin: rng.maybe(0.3, () => rng.pick([0, 0.0001, -0.5, 12.3456, 999999.9999, rng.int(-10000, 10000) / 100])),
    };
    if (rng.chance(0.7)) input.signed = rng.chance(0.5);
    if (rng.chance(0.5)) input.strategic = rng.chance(0.5);
    if (rng.chance(0.8)) input.tags = rng.chance(0.15) ? [] : [...new Set(rng.sample(tagValues, rng.int(1, 3)))];
    const rec = await createRecord(ctx, 'opportunity', input);
    if (rng.chance(0.1)) await updateRecord(ctx, 'opportunity', rec.id as string, { tags: null, signed: true });
  }
  records = await listAll(ctx, 'opportunity', { sort: 'created_at' });
});

async function disagreements(conditions: Condition[]): Promise<object[]> {
  const out: object[] = [];
  for (const filter of conditions) {
    const parsed = parseCondition(filter, opportunity);
    if (!parsed.condition) throw new Error(`generated an invalid condition ${JSON.stringify(filter)}: ${parsed.errors[0].message}`);
    const inSql = new Set((await listAll(ctx, 'opportunity', { filter })).map((r) => r.id));
    const inMemory = new Set(records.filter((r) => evaluateCondition(parsed.condition!, r, { userId: ctx.user.id })).map((r) => r.id));
    const onlySql = [...inSql].filter((id) => !inMemory.has(id));
    const onlyMemory = [...inMemory].filter((id) => !inSql.has(id));
    if (onlySql.length || onlyMemory.length) out.push({ condition: JSON.stringify(filter), onlySql: onlySql.length, onlyMemory: onlyMemory.length });
  }
  return out;
}

describe('extra field types: memory and SQL agree', () => {
  it('booleans are never null, and empty tag lists are stored as no tags', () => {
    expect(records).toHaveLength(120);
    for (const r of records) {
      expect(typeof r.signed).toBe('boolean');
      expect(typeof r.strategic).toBe('boolean');
      expect(r.tags === null || (Array.isArray(r.tags) && r.tags.length > 0)).toBe(true);
    }
    expect(records.filter((r) => r.strategic === true).length).toBeGreaterThan(records.filter((r) => r.strategic === false).length);
  });

  it.each(NEW_FIELDS.map((f) => [f.name, f.type, f] as const))('every operator on %s (%s)', async (_, __, field) => {
    const rng = new Rng(`types.${field.name}`);
    const gen = new ConditionGen(rng, records, [ctx.user]);
    const conditions = fieldType(field).operators.flatMap((op) => Array.from({ length: 6 }, () => gen.leaf(field, op)));
    expect(await disagreements(conditions)).toEqual([]);
  });

  it.each([
    [{ field: 'tags', op: 'includes_any', value: ['vip', 'key_account'] }],
    [{ field: 'tags', op: 'includes_all', value: ['vip', 'renewal'] }],
    [{ field: 'tags', op: 'excludes_all', value: ['vip'] }],
    [{ not: { field: 'tags', op: 'is_empty' } }],
    [{ field: 'signed', op: 'ne', value: true }],
    [{ not: { field: 'strategic', op: 'eq', value: false } }],
    [{ field: 'margin', op: 'between', value: [-0.5, 0.0001] }],
  ])('%j', async (filter) => {
    expect(await disagreements([filter])).toEqual([]);
  });

  it('nested trees over new and stock fields', async () => {
    const rng = new Rng('types.nested');
    const gen = new ConditionGen(rng, records, [ctx.user]);
    const fields = [...NEW_FIELDS, ...['name', 'amount', 'stage'].map((n) => opportunity.fieldMap.get(n)!)];
    expect(await disagreements(Array.from({ length: 80 }, () => gen.tree(fields, 4)))).toEqual([]);
  });
});
