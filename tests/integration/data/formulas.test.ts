/**
 * One formula language, two evaluators: every formula must give the same value per record when
 * compiled to SQL (run by Postgres over the record table) as when evaluated in memory over the
 * records the API returns (with the accounts its lookups reach). Checked over a seeded dataset with
 * blanks, boundary numbers and dates, deleted and missing accounts, for a hand-written list that
 * uses every function and operator (and the inputs that would make naive SQL raise an error), and
 * for random well-typed formulas from a seeded generator. A mismatch prints the formula, the
 * record's fields it read and both values.
 */
import { asLookup, asPicklist } from '../../fieldShapes';
import { beforeAll, describe, expect, it } from 'vitest';
import { qualified } from '../../../platform/core/identifiers';
import { Params } from '../../../platform/core/sql';
import { createRecord, deleteRecord, listDeleted } from '../../../platform/data';
import type { RecordData } from '../../../platform/data/values';
import { getPool, isoFromPg } from '../../../platform/db/pool';
import type { FieldDef } from '../../../platform/fields/types';
import type { ObjectModel } from '../../../platform/metadata/model';
import { checkFormula, compileFormulaSql, evaluateFormula, fieldFormulaType, type CheckedFormula, type FormulaEnv, type FormulaType } from '../../../platform/rules/formula';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';
import { COMPANY_NAMES, EMPLOYEES, listAll, PROBABILITIES, randomAmount, randomDate, randomDatetime, Rng } from './dataset';

const AT = { today: '2026-03-05', now: '2026-03-05T06:30:00.123Z', timeZone: 'Asia/Shanghai' };
const L = (en: string) => ({ en, zh: en });

/** Formula fields added to the models (they have no column: SQL inlines them). */
const ACCOUNT_FORMULAS: FieldDef[] = [
  { name: 'fx_size', type: 'formula', label: L('Size'), returnType: 'text', formula: "IF(employees >= 1000, 'large', IF(employees >= 100, 'medium', 'small'))" },
  { name: 'fx_rev_per_head', type: 'formula', label: L('Revenue per head'), returnType: 'currency', formula: 'annual_revenue / employees' },
  { name: 'fx_flag', type: 'formula', label: L('Flag'), returnType: 'boolean', formula: "ISBLANK(region) || level = 'a'" },
];
/** Stored columns the stock opportunity lacks, added to the test workspace's table. */
const OPPORTUNITY_COLUMNS: FieldDef[] = [
  { name: 'fx_flagged', type: 'boolean', label: L('Flagged') },
  { name: 'fx_signed_at', type: 'datetime', label: L('Signed at') },
  { name: 'fx_due', type: 'date', label: L('Due') },
];
const OPPORTUNITY_FORMULAS: FieldDef[] = [
  { name: 'fx_weighted', type: 'formula', label: L('Weighted'), returnType: 'currency', formula: 'amount * probability / 100' },
  { name: 'fx_key', type: 'formula', label: L('Key'), returnType: 'boolean', formula: 'fx_weighted > 100000 || account.fx_flag' },
  { name: 'fx_label', type: 'formula', label: L('Label'), returnType: 'text', formula: "name & ' @ ' & account.name & ' / ' & account.fx_size" },
];

function extend(obj: ObjectModel, extra: FieldDef[]): ObjectModel {
  const allFields = [...obj.allFields, ...extra];
  return { ...obj, fields: [...obj.fields, ...extra], allFields, fieldMap: new Map(allFields.map((f) => [f.name, f])) };
}

let tw: TestWorkspace;
let schema: string;
const models = new Map<string, ObjectModel>();
let opportunities: RecordData[] = [];
/** Every account, deleted ones too (a lookup may still point at one). */
const accounts = new Map<string, RecordData>();

/**
 * Accounts (some with parents, some deleted) and opportunities (some without an account) with
 * blanks and boundary values, through the record service. Stages are then set in SQL, so the sales
 * process's stage gates do not decide which stages the data has.
 */
async function seed(): Promise<void> {
  const rng = new Rng(20260306);
  const users = [tw.admin, await tw.addUser('Alice 李')];
  const ctx = await tw.ctx();
  const option = (object: string, field: string) => rng.pick(asPicklist(ctx.meta.objects.get(object)!.fieldMap.get(field)).options.map((o) => o.value));
  const accountIds: string[] = [];
  for (let i = 0; i < 50; i++) {
    const rec = await createRecord(ctx, 'account', {
      name: `${rng.pick(COMPANY_NAMES)}${rng.chance(0.3) ? ` ${rng.int(1, 99)}` : ''}`,
      parent: accountIds.length && rng.chance(0.4) ? rng.pick(accountIds) : null,
      region: rng.maybe(0.3, () => option('account', 'region')),
      level: rng.maybe(0.4, () => option('account', 'level')),
      address: rng.maybe(0.4, () => rng.pick(['上海市浦东新区', ' 12.5 ', '1e5', '007', '-0.0', '+.5', '12345678901234567890.123456789'])),
      annual_revenue: rng.maybe(0.3, () => randomAmount(rng)),
      employees: rng.maybe(0.3, () => (rng.chance(0.5) ? rng.pick(EMPLOYEES) : rng.int(0, 100_000))),
      description: rng.maybe(0.5, () => rng.pick(['客户关注价格', 'line one\nline two', 'MIXED case Notes', '%'])),
      owner: rng.pick(users).id,
    });
    accountIds.push(rec.id as string);
  }
  for (let i = 0; i < 140; i++) {
    await createRecord(ctx, 'opportunity', {
      name: `${rng.pick(['ERP 升级', 'renewal', 'Renewal 2026', 'POC_test', '50% discount', 'Zeta', 'ärger', 'ΣΟΦΙΑ', 'ΟΔΟΣ', 'İSTANBUL', '😀 emoji', 'ｚenkaku'])}${rng.chance(0.5) ? ` - ${rng.pick(COMPANY_NAMES)}` : ''}`,
      account: rng.maybe(0.2, () => rng.pick(accountIds)),
      amount: rng.maybe(0.2, () => randomAmount(rng)),
      close_date: randomDate(rng),
      probability: rng.maybe(0.3, () => (rng.chance(0.5) ? rng.pick(PROBABILITIES) : rng.int(0, 10000) / 100)),
      source: rng.maybe(0.4, () => option('opportunity', 'source')),
      next_step: rng.maybe(0.4, () => rng.pick(['Call back', '12.50', ' 7 ', '-3.', 'abc', '', '  ', '1,000'])),
      description: rng.maybe(0.6, () => rng.pick(['Asked for a discount of 10%', 'Call back', 'renewal'])),
      owner: rng.pick(users).id,
    });
  }
  for (const id of new Set(rng.sample(accountIds, 6))) await deleteRecord(ctx, 'account', id);

  const pool = getPool(tw.url);
  const table = qualified(schema, 'opportunity');
  await pool.query(`ALTER TABLE ${table} ADD COLUMN "fx_flagged" boolean NOT NULL DEFAULT false, ADD COLUMN "fx_signed_at" timestamptz(3), ADD COLUMN "fx_due" date`);
  const ids = (await pool.query<{ id: string }>(`SELECT "id" FROM ${table} ORDER BY "created_at"`)).rows.map((r) => r.id);
  for (const id of ids) {
    const signed = rng.maybe(0.3, () => randomDatetime(rng));
    const due = rng.maybe(0.3, () => randomDate(rng));
    await pool.query(`UPDATE ${table} SET "stage" = $1, "fx_flagged" = $2, "fx_signed_at" = $3, "fx_due" = $4 WHERE "id" = $5`, [
      option('opportunity', 'stage'),
      rng.chance(0.4),
      signed,
      due,
      id,
    ]);
  }
  // Signed when created, to the millisecond the API shows (created_at itself keeps microseconds).
  await pool.query(`UPDATE ${table} SET "fx_signed_at" = date_trunc('milliseconds', "created_at") WHERE "id" = ANY($1)`, [rng.sample(ids, 30)]);
}

beforeAll(async () => {
  tw = await createTestWorkspace('fx');
  schema = tw.workspace.schema;
  await seed();
  const ctx = await tw.ctx();
  models.set('account', extend(ctx.meta.objects.get('account')!, ACCOUNT_FORMULAS));
  models.set('opportunity', extend(ctx.meta.objects.get('opportunity')!, [...OPPORTUNITY_COLUMNS, ...OPPORTUNITY_FORMULAS]));
  for (const [name, obj] of ctx.meta.objects) if (!models.has(name)) models.set(name, obj);

  opportunities = await listAll(ctx, 'opportunity', { sort: 'created_at' });
  const extra = await getPool(tw.url).query(`SELECT "id", "fx_flagged", "fx_signed_at", "fx_due" FROM ${qualified(schema, 'opportunity')}`);
  const byId = new Map(extra.rows.map((r) => [r.id as string, r]));
  for (const r of opportunities) {
    const row = byId.get(r.id as string)!;
    Object.assign(r, { fx_flagged: row.fx_flagged, fx_signed_at: isoFromPg(row.fx_signed_at), fx_due: row.fx_due });
  }
  for (const a of await listAll(ctx, 'account')) accounts.set(a.id as string, a);
  let cursor: string | null = null;
  do {
    const page = await listDeleted(ctx, 'account', { limit: 200, cursor });
    for (const a of page.records) accounts.set(a.id as string, a);
    cursor = page.nextCursor;
  } while (cursor);
}, 300_000);

const envOf = (mode: 'field' | 'rule' = 'field'): FormulaEnv => ({ object: models.get('opportunity')!, objects: (n) => models.get(n), mode });

function checked(src: string, mode: 'field' | 'rule' = 'field'): CheckedFormula {
  const r = checkFormula(src, envOf(mode));
  if (!r.formula) throw new Error(`${src}: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.formula;
}

/** The records a formula's lookup paths reach from a record, keyed by path. */
function relatedOf(record: RecordData, paths: string[][]): Record<string, RecordData | null> {
  const out: Record<string, RecordData | null> = {};
  for (const path of paths) {
    let obj = models.get('opportunity')!;
    let rec: RecordData | null = record;
    for (const step of path) {
      const target = asLookup(obj.fieldMap.get(step)).target;
      const id: unknown = rec?.[step];
      rec = typeof id === 'string' ? (target === 'account' ? (accounts.get(id) ?? null) : null) : null;
      obj = models.get(target)!;
    }
    out[path.join('.')] = rec;
  }
  return out;
}

/** A value Postgres returned, in the form evaluateFormula gives. */
function fromSql(type: FormulaType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'number') return Number(v);
  if (type === 'datetime') return isoFromPg(v);
  return v;
}

function agree(type: FormulaType, a: unknown, b: unknown): boolean {
  if (type === 'number' && typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
  return a === b;
}

interface Outcome {
  mismatches: object[];
  /** Distinct values the formula gave (guards against checks that pass vacuously). */
  distinct: number;
}

/** Run one formula both ways over every live opportunity; in rules, the stored record is its own prior. */
async function compare(src: string, mode: 'field' | 'rule' = 'field', at = AT): Promise<Outcome> {
  const f = checked(src, mode);
  const params = new Params();
  const expr = compileFormulaSql(f, params, { alias: 't', schema, ...at });
  const sql = `SELECT "t"."id" AS "id", ${expr} AS "v" FROM ${qualified(schema, 'opportunity')} AS "t" WHERE "t"."deleted_at" IS NULL`;
  let rows: { id: string; v: unknown }[];
  try {
    rows = (await getPool(tw.url).query(sql, params.values)).rows;
  } catch (e) {
    return { mismatches: [{ formula: src, sqlError: (e as Error).message, sql }], distinct: 0 };
  }
  const inSql = new Map(rows.map((r) => [r.id, fromSql(f.type, r.v)]));
  const mismatches: object[] = [];
  const seen = new Set<string>();
  for (const record of opportunities) {
    const related = relatedOf(record, f.paths);
    const memory = evaluateFormula(f, { record, prior: mode === 'rule' ? record : undefined, related, ...at });
    const db = inSql.get(record.id as string);
    seen.add(JSON.stringify(memory));
    if (!agree(f.type, memory, db) && mismatches.length < 3) {
      mismatches.push({ formula: src, id: record.id, memory, sql: db, fields: Object.fromEntries(f.fields.map((k) => [k, record[k]])), related });
    }
  }
  if (inSql.size !== opportunities.length) mismatches.push({ formula: src, rows: inSql.size, records: opportunities.length });
  return { mismatches, distinct: seen.size };
}

const HAND_WRITTEN: [string, ('field' | 'rule')?][] = [
  // arithmetic, exact decimals, blanks, division by zero
  ['amount + probability'],
  ['amount - 1'],
  ['amount * 1.1'],
  ['amount / 3'],
  ['amount / 0'],
  ['-amount'],
  ['- -amount'],
  ['amount / probability'],
  ['(amount - 1000) / amount * 100'],
  ['amount * amount * amount'],
  ['amount / 7 / 7 / 7'],
  ['TEXT(amount / 7)'],
  ['TEXT(amount * probability / 100)'],
  ['TEXT(amount / 7 / 7 / 7)'],
  ['TEXT(amount * amount * amount)'],
  ['TEXT(0.1 + 0.2)'],
  ['TEXT(2 / 3 * 3)'],
  ['TEXT(1 / 3)'],
  ['LEN(TEXT(1 / 3))'],
  ['amount * 1.1 > 110'],
  ['account.employees / 1000'],
  ['account.employees * 1.5 - amount'],
  // ROUND, ABS, MIN, MAX
  ['ROUND(amount / 3, 2)'],
  ['ROUND(amount * 1.005, 2)'],
  ['ROUND(amount, -3)'],
  ['ROUND(probability)'],
  ['ROUND(amount / 7, probability / 10)'],
  ['ROUND(1.5, 99999999999)'],
  ['ROUND(amount, 99999999999)'],
  ['ROUND(amount, -99999999999)'],
  ['ROUND(amount, NULL)'],
  ['ABS(100 - amount)'],
  ['MIN(amount, probability, 50)'],
  ['MAX(amount, account.employees)'],
  ['MIN(close_date, TODAY())'],
  ['MAX(created_at, updated_at, NOW())'],
  ['MIN(fx_signed_at, created_at)'],
  ['MAX(NULL, amount)'],
  ['TEXT(MIN(amount, 1000.50))'],
  // text
  ["name & ' - ' & stage"],
  ['TEXT(close_date)'],
  ['TEXT(created_at)'],
  ['TEXT(updated_at)'],
  ['TEXT(fx_signed_at)'],
  ['TEXT(amount > 5)'],
  ['TEXT(fx_flagged)'],
  ['LOWER(name)'],
  ['UPPER(name)'],
  ['UPPER(account.name)'],
  ['LOWER(account.name)'],
  ['LEN(name)'],
  ['LEN(description)'],
  ['LEN(account.name)'],
  ["CONTAINS(name, 'ERP')"],
  ["CONTAINS(LOWER(name), 'renewal')"],
  ["BEGINS(name, 'Renewal')"],
  ["BEGINS(account.name, 'Acme')"],
  ["CONTAINS(account.name, '%')"],
  ['VALUE(next_step)'],
  ["VALUE('12.50')"],
  ["VALUE('abc')"],
  ['VALUE(TEXT(amount))'],
  ["VALUE(' 1. ')"],
  ["VALUE('-.5')"],
  ['VALUE(account.address)'],
  ["'😀' > 'ｚ'"],
  ["name & '😀' < name & 'ｚ'"],
  ["name > 'ｚ'"],
  ['MIN(LEN(name), 3)'],
  ["name < 'M'"],
  ["name >= 'a'"],
  ["account.name > 'Zeta'"],
  ["account.name <= 'zeta'"],
  ['next_step = description'],
  // blanks
  ['ISBLANK(amount)'],
  ['ISBLANK(next_step)'],
  ['ISBLANK(account.region)'],
  ['ISBLANK(account)'],
  ['ISBLANK(account.parent.name)'],
  ['ISBLANK(fx_signed_at)'],
  ['BLANKVALUE(amount, -1)'],
  ["BLANKVALUE(source, 'none')"],
  ['BLANKVALUE(close_date, TODAY())'],
  ['BLANKVALUE(fx_signed_at, NOW())'],
  ['name & NULL'],
  ['amount = NULL'],
  ["next_step = ''"],
  // logic and comparisons
  ["IF(amount > 100000, 'big', IF(amount > 1000, 'medium', 'small'))"],
  ["CASE(stage, 'closed_won', 1, 'closed_lost', 0, probability / 100)"],
  ["CASE(account.region, 'east', 'E', 'north', 'N', '?')"],
  ['CASE(probability, 100, 1, 0, 0, 0.5)'],
  ['CASE(fx_flagged, TRUE, amount, 0)'],
  ['AND(amount > 1000, probability >= 50)'],
  ['OR(ISBLANK(amount), amount < 10)'],
  ['NOT(amount > 1000)'],
  ['amount > 1000 && probability > 50 || ISBLANK(source)'],
  ['!(amount > 1000)'],
  ['amount = 1000'],
  ['amount != 1000'],
  ['amount <> 0'],
  ["stage = 'proposal'"],
  ['close_date < TODAY()'],
  ['close_date >= DATE(2026, 1, 1)'],
  ['created_at < NOW()'],
  ['created_at = updated_at'],
  ['fx_signed_at > created_at'],
  ['fx_signed_at = created_at'],
  ['fx_signed_at >= created_at'],
  ['fx_flagged = TRUE'],
  ['fx_flagged != (amount > 5000)'],
  ['AND(amount > 1000, NOT(probability > 50), OR(fx_flagged, ISBLANK(account)))'],
  // dates
  ['TODAY()'],
  ['NOW()'],
  ['DATE(2026, 2, 29)'],
  ['DATE(2024, 2, 29)'],
  ['DATE(YEAR(close_date), MONTH(close_date), 31)'],
  ['DATE(YEAR(close_date), 2, 29)'],
  ['DATE(YEAR(close_date) + 8000, 1, 1)'],
  ['DATE(amount, 1, 1)'],
  ['DATE(2026, probability, 1)'],
  ['DATE(2026, 1, probability)'],
  ['DATE(99999999999, 1, 1)'],
  ['DATE(2026, 2, 30)'],
  ['DATE(2026, 13, 1)'],
  ['YEAR(DATE(2026, 2, 30))'],
  ['ADDMONTHS(close_date, 1)'],
  ['ADDMONTHS(close_date, -13)'],
  ['ADDMONTHS(close_date, probability)'],
  ['ADDMONTHS(close_date, amount)'],
  ['ADDMONTHS(close_date, 99999999999)'],
  ['ADDMONTHS(DATE(2026, 1, 31), 1)'],
  ['ADDMONTHS(DATE(2026, 1, 1), 99999999999)'],
  ['ADDMONTHS(DATE(9999, 12, 31), 1)'],
  ['DATEDIFF(close_date, TODAY())'],
  ['DATEDIFF(created_at, NOW())'],
  ['DATEDIFF(created_at, close_date)'],
  ['DATEDIFF(fx_signed_at, created_at)'],
  ['YEAR(close_date)'],
  ['MONTH(created_at)'],
  ['DAY(fx_signed_at)'],
  ['DAY(created_at)'],
  ['YEAR(NOW())'],
  ['close_date + 30'],
  ['close_date - 1'],
  ['close_date + amount'],
  ['close_date - amount'],
  ['close_date + 99999999999'],
  ['close_date - DATE(2026, 1, 1)'],
  ['ISBLANK(fx_due)'],
  ['fx_due - close_date'],
  ['ADDMONTHS(fx_due, 1)'],
  ['BLANKVALUE(fx_due, close_date)'],
  ['fx_due < TODAY()'],
  ['TEXT(fx_due)'],
  ['DATEDIFF(fx_due, fx_signed_at)'],
  ['MAX(fx_due, close_date)'],
  ['fx_due + probability'],
  ['TODAY() - close_date'],
  ['1.5 + close_date'],
  ['DATE(2026, 1, 1) + 99999999999'],
  ['TODAY() + 4000000'],
  ['DATE(9999, 12, 31) + 1'],
  ['DATE(1, 1, 1) - 1'],
  // lookups (one hop, two, three; formula fields through lookups) and formula fields
  ['account.name'],
  ['account.region'],
  ['account.parent.name'],
  ['account.parent.parent.name'],
  ['ISBLANK(account.parent.employees)'],
  ['account.annual_revenue'],
  ['account.fx_size'],
  ['account.fx_rev_per_head'],
  ['account.fx_flag'],
  ['fx_key'],
  ['fx_label'],
  ['fx_weighted'],
  ['account.parent.fx_size'],
  ['account.id = account'],
  // validation-rule functions: a stored record is its own prior
  ['ISNEW()', 'rule'],
  ['ISCHANGED(amount)', 'rule'],
  ['PRIORVALUE(amount)', 'rule'],
  ["ISCHANGED(stage) && PRIORVALUE(stage) = 'closed_won'", 'rule'],
];

describe('memory and SQL agree', () => {
  it('has a dataset with blanks, missing and deleted accounts', () => {
    expect(opportunities.length).toBeGreaterThan(100);
    expect(opportunities.some((r) => r.account === null)).toBe(true);
    expect(opportunities.some((r) => r.amount === null)).toBe(true);
    expect(opportunities.some((r) => typeof r.account === 'string' && accounts.get(r.account)?.deleted_at)).toBe(true);
    expect(opportunities.some((r) => typeof r.account === 'string' && typeof accounts.get(r.account)?.parent === 'string')).toBe(true);
  });

  it.each(HAND_WRITTEN)('%s', async (src, mode) => {
    expect((await compare(src, mode)).mismatches).toEqual([]);
  });

  it('every stock formula and roll-up field, read directly and through the account lookup', async () => {
    const refs = [
      ...models
        .get('opportunity')!
        .fields.filter((f) => f.type === 'formula' || f.type === 'rollup')
        .map((f) => f.name),
      ...models
        .get('account')!
        .fields.filter((f) => f.type === 'formula' || f.type === 'rollup')
        .map((f) => `account.${f.name}`),
    ];
    const mismatches = [];
    for (const r of refs) mismatches.push(...(await compare(r)).mismatches);
    expect(mismatches).toEqual([]);
  });

  it.each(['UTC', 'America/New_York', 'Asia/Kolkata'])('date/time conversions in %s', async (timeZone) => {
    const at = { ...AT, timeZone, today: '2026-03-04' };
    const mismatches = [];
    for (const src of ['DAY(created_at)', 'DATEDIFF(fx_signed_at, TODAY())', 'YEAR(fx_signed_at) * 100 + MONTH(fx_signed_at)', 'DATEDIFF(created_at, fx_signed_at)']) {
      mismatches.push(...(await compare(src, 'field', at)).mismatches);
    }
    expect(mismatches).toEqual([]);
  });
});

// ---- random well-typed formulas -----------------------------------------------------------------

const NUMBERS = ['0', '1', '2', '3', '7', '0.5', '1.25', '100', '1000.50', '0.001', '12345.678', '99999999', '0.3333'];
const TEXTS = ["''", "'a'", "'Acme'", "'华为'", "'proposal'", "'closed_won'", "'east'", "'  '", "'Ø'", "'12.5'", "' 7 '", "'-3.'", "'ERP'", "'%'", "'\\''", "'Z'"];

/** Random formulas of a given type over the opportunity model, valid by construction. */
class FormulaGen {
  private readonly refs: Record<FormulaType, string[]>;

  constructor(
    private readonly rng: Rng,
    refs: Record<FormulaType, string[]>,
  ) {
    this.refs = refs;
  }

  private pick<T>(items: readonly T[]): T {
    return this.rng.pick(items);
  }

  gen(type: FormulaType, depth: number): string {
    if (depth <= 0 || this.rng.chance(0.25)) return this.leaf(type);
    const d = depth - 1;
    const r = this.rng;
    const any = () => this.gen(this.pick(['number', 'text', 'boolean', 'date', 'datetime'] as const), d);
    const day = () => this.gen(this.pick(['date', 'datetime'] as const), d);
    switch (type) {
      case 'number':
        return this.pick([
          () => `(${this.gen('number', d)} ${this.pick(['+', '-', '*', '/'])} ${this.gen('number', d)})`,
          () => `-${this.gen('number', d)}`,
          () => (r.chance(0.3) ? `ROUND(${this.gen('number', d)})` : `ROUND(${this.gen('number', d)}, ${r.int(-3, 5)})`),
          () => `ABS(${this.gen('number', d)})`,
          () => `${this.pick(['MIN', 'MAX'])}(${this.gen('number', d)}, ${this.gen('number', d)}${r.chance(0.3) ? `, ${this.gen('number', d)}` : ''})`,
          () => `IF(${this.gen('boolean', d)}, ${this.gen('number', d)}, ${this.gen('number', d)})`,
          () => `CASE(${this.gen('text', d)}, ${this.pick(TEXTS)}, ${this.gen('number', d)}, ${this.pick(TEXTS)}, ${this.gen('number', d)}, ${this.gen('number', d)})`,
          () => `BLANKVALUE(${this.gen('number', d)}, ${this.gen('number', d)})`,
          () => `VALUE(${this.gen('text', d)})`,
          () => `LEN(${this.gen('text', d)})`,
          () => `${this.pick(['YEAR', 'MONTH', 'DAY'])}(${day()})`,
          () => `DATEDIFF(${day()}, ${day()})`,
          () => `(${this.gen('date', d)} - ${this.gen('date', d)})`,
        ])();
      case 'text':
        return this.pick([
          () => `${this.gen('text', d)} & ${this.gen('text', d)}`,
          () => `TEXT(${any()})`,
          () => `${this.pick(['LOWER', 'UPPER'])}(${this.gen('text', d)})`,
          () => `IF(${this.gen('boolean', d)}, ${this.gen('text', d)}, ${this.gen('text', d)})`,
          () => `CASE(${this.gen('number', d)}, ${this.pick(NUMBERS)}, ${this.gen('text', d)}, ${this.gen('text', d)})`,
          () => `BLANKVALUE(${this.gen('text', d)}, ${this.gen('text', d)})`,
        ])();
      case 'boolean':
        return this.pick([
          () => {
            const t = this.pick(['number', 'text', 'date', 'datetime'] as const);
            return `(${this.gen(t, d)} ${this.pick(['=', '!=', '<', '<=', '>', '>='])} ${this.gen(t, d)})`;
          },
          () => `(${this.gen('boolean', d)} ${this.pick(['=', '!=', '&&', '||'])} ${this.gen('boolean', d)})`,
          () => `${this.pick(['AND', 'OR'])}(${this.gen('boolean', d)}, ${this.gen('boolean', d)}${r.chance(0.4) ? `, ${this.gen('boolean', d)}` : ''})`,
          () => (r.chance(0.5) ? `NOT(${this.gen('boolean', d)})` : `!${this.gen('boolean', d)}`),
          () => `ISBLANK(${any()})`,
          () => `${this.pick(['CONTAINS', 'BEGINS'])}(${this.gen('text', d)}, ${this.gen('text', d)})`,
          () => `IF(${this.gen('boolean', d)}, ${this.gen('boolean', d)}, ${this.gen('boolean', d)})`,
        ])();
      case 'date':
        return this.pick([
          () => `ADDMONTHS(${this.gen('date', d)}, ${r.chance(0.6) ? r.int(-30, 30) : this.gen('number', d)})`,
          () => `(${this.gen('date', d)} ${this.pick(['+', '-'])} ${r.chance(0.6) ? r.int(-400, 400) : this.gen('number', d)})`,
          () =>
            `DATE(${r.chance(0.5) ? `YEAR(${day()})` : this.pick(['2024', '2026', '1999', '9999'])}, ${r.chance(0.5) ? r.int(0, 13) : this.gen('number', d)}, ${r.chance(0.5) ? r.int(0, 32) : this.gen('number', d)})`,
          () => `IF(${this.gen('boolean', d)}, ${this.gen('date', d)}, ${this.gen('date', d)})`,
          () => `${this.pick(['MIN', 'MAX'])}(${this.gen('date', d)}, ${this.gen('date', d)})`,
          () => `BLANKVALUE(${this.gen('date', d)}, ${this.gen('date', d)})`,
        ])();
      case 'datetime':
        return this.pick([
          () => `IF(${this.gen('boolean', d)}, ${this.gen('datetime', d)}, ${this.gen('datetime', d)})`,
          () => `${this.pick(['MIN', 'MAX'])}(${this.gen('datetime', d)}, ${this.gen('datetime', d)})`,
          () => `BLANKVALUE(${this.gen('datetime', d)}, ${this.gen('datetime', d)})`,
        ])();
    }
  }

  private leaf(type: FormulaType): string {
    const r = this.rng;
    if (r.chance(0.55)) return this.pick(this.refs[type]);
    switch (type) {
      case 'number':
        return r.chance(0.1) ? 'NULL' : this.pick(NUMBERS);
      case 'text':
        return r.chance(0.1) ? 'NULL' : this.pick(TEXTS);
      case 'boolean':
        return this.pick(['TRUE', 'FALSE', 'NULL']);
      case 'date':
        return this.pick(['TODAY()', 'DATE(2026, 3, 5)', 'DATE(2024, 2, 29)']);
      case 'datetime':
        return 'NOW()';
    }
  }
}

/** Field references by type: the opportunity's fields, its account's, and some of the parent account's. */
function references(): Record<FormulaType, string[]> {
  const out: Record<FormulaType, string[]> = { number: [], text: [], boolean: [], date: [], datetime: [] };
  const add = (obj: ObjectModel, prefix: string, only?: string[]) => {
    for (const f of obj.allFields) {
      const type = fieldFormulaType(f);
      if (!type || (only && !only.includes(f.name))) continue;
      const ref = `${prefix}${f.name}`;
      if (checkFormula(ref, envOf()).formula) out[type].push(ref);
    }
  };
  add(models.get('opportunity')!, '');
  add(models.get('account')!, 'account.');
  add(models.get('account')!, 'account.parent.', ['name', 'employees', 'region', 'fx_size', 'annual_revenue']);
  return out;
}

describe('random formulas: memory and SQL agree', () => {
  it.each(['number', 'text', 'boolean', 'date', 'datetime'] as const)('%s formulas', async (type) => {
    const rng = new Rng(`formulas.${type}`);
    const gen = new FormulaGen(rng, references());
    const mismatches: object[] = [];
    let varied = 0;
    for (let i = 0; i < 70; i++) {
      let src = gen.gen(type, rng.int(1, 4));
      while (src.length > 4000) src = gen.gen(type, 2);
      const { mismatches: m, distinct } = await compare(src);
      mismatches.push(...m);
      if (distinct > 1) varied++;
    }
    expect(mismatches).toEqual([]);
    // Most formulas must tell records apart, or the comparison says little.
    expect(varied).toBeGreaterThan(type === 'datetime' ? 20 : 30);
  });
});
