/**
 * One condition language, two evaluators: every condition must select exactly the same records when
 * compiled to SQL (listRecords with a filter) as when evaluated in memory (evaluateCondition over
 * the same records). Checked over a seeded dataset with every operator of every field, and random
 * nested all/any/not trees. A mismatch prints the condition and the records it disagrees on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRecord, deleteRecord } from '../../../platform/data';
import type { UserRef } from '../../../platform/data/context';
import type { RecordData } from '../../../platform/data/values';
import { fieldType } from '../../../platform/fields/registry';
import type { FieldDef } from '../../../platform/fields/types';
import { stockMetadata } from '../../../platform/metadata/registry';
import { evaluateCondition } from '../../../platform/rules/conditions/evaluate';
import { parseCondition } from '../../../platform/rules/conditions/parse';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';
import { ConditionGen, type Condition } from './conditionGen';
import { listAll, Rng, seedDataset, type Dataset } from './dataset';

const OBJECTS = ['account', 'opportunity', 'activity'] as const;
type ObjectName = (typeof OBJECTS)[number];
const meta = stockMetadata();
const fieldsOf = (object: ObjectName): FieldDef[] => [...meta.objects.get(object)!.fieldMap.values()];
/** System timestamps have their own test below (they carry microseconds the API does not show). */
const TIMESTAMPS = new Set(['created_at', 'updated_at']);

let tw: TestWorkspace;
let data: Dataset;
const records = {} as Record<ObjectName, RecordData[]>;

beforeAll(async () => {
  tw = await createTestWorkspace('cond');
  data = await seedDataset(tw);
  // Creation order, so the generated conditions are the same on every run.
  for (const object of OBJECTS) records[object] = await listAll(await tw.ctx(), object, { sort: 'created_at' });
});

function fieldNames(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => fieldNames(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.field === 'string') out.add(o.field);
    for (const k of ['all', 'any', 'not']) if (k in o) fieldNames(o[k], out);
  }
  return out;
}

/** Conditions checked that selected some records but not all (guards against vacuous checks). */
let partial = 0;

/** Compare both evaluators for one condition and user; returns a readable report of any difference. */
async function disagreement(object: ObjectName, filter: Condition, user: UserRef): Promise<object | null> {
  const parsed = parseCondition(filter, meta.objects.get(object)!);
  if (!parsed.condition) throw new Error(`generated an invalid condition ${JSON.stringify(filter)}: ${parsed.errors[0].message}`);
  const inSql = new Set((await listAll(await tw.ctx(user), object, { filter })).map((r) => r.id as string));
  const inMemory = new Set(records[object].filter((r) => evaluateCondition(parsed.condition!, r, { userId: user.id })).map((r) => r.id as string));
  if (inSql.size > 0 && inSql.size < records[object].length) partial++;
  const onlySql = [...inSql].filter((id) => !inMemory.has(id));
  const onlyMemory = [...inMemory].filter((id) => !inSql.has(id));
  if (!onlySql.length && !onlyMemory.length) return null;
  const fields = fieldNames(filter);
  const show = (ids: string[]) =>
    ids.slice(0, 3).map((id) => {
      const r = records[object].find((x) => x.id === id)!;
      return Object.fromEntries([['id', id], ...[...fields].map((f) => [f, r[f]])]);
    });
  return { condition: JSON.stringify(filter), user: user.name, onlyInSql: onlySql.length, onlyInMemory: onlyMemory.length, sqlOnly: show(onlySql), memoryOnly: show(onlyMemory) };
}

/** Disagreements over a batch of conditions, each run as a random user; also how many were selective. */
async function disagreements(object: ObjectName, conditions: Condition[], rng: Rng): Promise<{ mismatches: object[]; selective: number }> {
  const mismatches: object[] = [];
  const before = partial;
  for (const c of conditions) {
    const d = await disagreement(object, c, rng.pick([...data.users, data.idle]));
    if (d) mismatches.push(d);
  }
  return { mismatches, selective: partial - before };
}

/** Fields holding at least two distinct values, where some condition must split the records. */
const varied = (object: ObjectName, field: string) => new Set(records[object].map((r) => JSON.stringify(r[field] ?? null))).size > 1;

describe.each(OBJECTS)('%s: memory and SQL agree', (object) => {
  const fields = fieldsOf(object).filter((f) => !TIMESTAMPS.has(f.name));

  it('has a dataset with live records only', () => {
    expect(records[object].length).toBeGreaterThan(60);
    expect(records[object].every((r) => r.deleted_at === undefined)).toBe(true);
  });

  it.each(fields.map((f) => [f.name, f.type, f] as const))('every operator on %s (%s)', async (_, __, field) => {
    const rng = new Rng(`${object}.${field.name}`);
    const gen = new ConditionGen(rng, records[object], data.users);
    const conditions = fieldType(field).operators.flatMap((op) => [gen.leaf(field, op), gen.leaf(field, op), gen.leaf(field, op)]);
    const { mismatches, selective } = await disagreements(object, conditions, rng);
    expect(mismatches).toEqual([]);
    if (varied(object, field.name)) expect(selective).toBeGreaterThanOrEqual(2);
  });

  it('nested all/any/not trees', async () => {
    const rng = new Rng(`${object}.nested`);
    const gen = new ConditionGen(rng, records[object], data.users);
    const conditions = Array.from({ length: 80 }, () => gen.tree(fields, 4));
    const { mismatches, selective } = await disagreements(object, conditions, rng);
    expect(mismatches).toEqual([]);
    expect(selective).toBeGreaterThan(20);
  });

  it.each([...TIMESTAMPS])('system timestamp %s, compared with values the API returned', async (name) => {
    const field = meta.objects.get(object)!.fieldMap.get(name)!;
    const rng = new Rng(`${object}.${name}`);
    const gen = new ConditionGen(rng, records[object], data.users);
    const conditions = fieldType(field).operators.flatMap((op) => [gen.leaf(field, op), gen.leaf(field, op)]);
    expect((await disagreements(object, conditions, rng)).mismatches).toEqual([]);
  });
});

describe('$me', () => {
  it.each(['eq', 'ne', 'in', 'not_in'])('owner %s $me selects by whoever asks', async (op) => {
    const value = op.endsWith('in') ? ['$me'] : '$me';
    for (const user of [...data.users, data.idle]) {
      const owned = records.opportunity
        .filter((r) => r.owner === user.id)
        .map((r) => r.id)
        .sort();
      const got = (await listAll(await tw.ctx(user), 'opportunity', { filter: { field: 'owner', op, value } })).map((r) => r.id).sort();
      const expected =
        op === 'eq' || op === 'in'
          ? owned
          : records.opportunity
              .map((r) => r.id)
              .filter((id) => !owned.includes(id))
              .sort();
      expect(got).toEqual(expected);
    }
    expect(records.opportunity.some((r) => r.owner === data.idle.id)).toBe(false);
  });

  it('created_by $me selects the records the asking user created', async () => {
    const [, alice] = data.users;
    const got = await listAll(await tw.ctx(alice), 'account', { filter: { field: 'created_by', op: 'eq', value: '$me' } });
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((r) => r.created_by === alice.id)).toBe(true);
  });

  it('the text "$me" in a text field is compared as text by both evaluators', async () => {
    const named = records.account.filter((r) => r.name === '$me');
    expect(named.length).toBeGreaterThan(0);
    expect(await disagreement('account', { field: 'name', op: 'eq', value: '$me' }, data.users[0])).toBeNull();
  });
});

describe('case-insensitive text matching beyond ASCII', () => {
  // Postgres folds case letter by letter (İ -> i, Σ -> σ); JavaScript's toLowerCase is
  // context-sensitive (İ -> i + combining dot, a final Σ -> ς). Both must still agree.
  it.each([
    ['İSTANBUL Ticaret', 'contains', 'ist'],
    ['İSTANBUL Ticaret', 'starts_with', 'istanbul'],
    ['ΟΔΟΣ Ltd', 'contains', 'οδοσ'],
    ['ΟΔΟΣ Ltd', 'contains', 'οδος'],
    ['Ørsted A/S', 'starts_with', 'øRS'],
  ])('%s %s %j', async (name, op, value) => {
    const rec = await createRecord(await tw.ctx(), 'account', { name });
    try {
      const filter = { field: 'name', op, value };
      const inSql = (await listAll(await tw.ctx(), 'account', { filter: { all: [{ field: 'id', op: 'eq', value: rec.id }, filter] } })).length === 1;
      const inMemory = evaluateCondition(parseCondition(filter, meta.objects.get('account')!).condition!, rec, { userId: null });
      expect(inMemory, `SQL says ${inSql}`).toBe(inSql);
    } finally {
      await deleteRecord(await tw.ctx(), 'account', rec.id as string);
    }
  });
});
