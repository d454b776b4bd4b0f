/**
 * The formula language in memory: parsing and precedence, every function, blank (null) semantics,
 * lookups and formula fields, rule-only functions with prior values, and every kind of problem
 * reported with its message and position. The SQL side is held to the same results by
 * tests/integration/data/formulas.test.ts.
 */
import type { AnyField } from '../../../platform/fields/guards';
import { describe, expect, it } from 'vitest';
import { Params } from '../../../platform/core/sql';
import type { FieldDef } from '../../../platform/fields/types';
import { systemFields, type ObjectModel } from '../../../platform/metadata/model';
import { stockMetadata } from '../../../platform/metadata/registry';
import { checkFormula, compileFormulaSql, evaluateFormula, formulaSqlType, type EvalInput, type FormulaEnv } from '../../../platform/rules/formula';

const L = (en: string) => ({ en, zh: en });
const f = (name: string, type: FieldDef['type'], extra: Partial<AnyField> = {}): FieldDef => ({ name, type, label: L(name), ...extra }) as FieldDef;

/** A small object model, as buildMetadata would make it (system fields first). */
function model(name: string, fields: FieldDef[]): ObjectModel {
  const all = [...systemFields(name, 'name'), ...fields];
  return {
    name,
    label: L(name),
    pluralLabel: L(name),
    nameField: 'name',
    searchFields: [],
    fields,
    allFields: all,
    fieldMap: new Map(all.map((x) => [x.name, x])),
    relatedLists: [],
    formulas: new Map(),
    rules: [],
    formRules: new Map(),
    rollupsFed: [],
    approvals: [],
  };
}

const account = model('account', [
  f('name', 'text'),
  f('parent', 'lookup', { target: 'account' }),
  f('region', 'picklist'),
  f('employees', 'integer'),
  f('revenue', 'currency'),
  f('rating', 'formula', { formula: 'employees / 100', returnType: 'number' }),
  f('tags', 'multi_picklist'),
  f('deals', 'rollup', { returnType: 'number' }),
]);
const opportunity = model('opportunity', [
  f('name', 'text'),
  f('account', 'lookup', { target: 'account' }),
  f('amount', 'currency'),
  f('cost', 'currency'),
  f('probability', 'percent'),
  f('close_date', 'date'),
  f('signed_at', 'datetime'),
  f('stage', 'picklist'),
  f('is_key', 'boolean'),
  f('next_step', 'text'),
  f('quantity', 'integer'),
  f('margin', 'formula', { formula: 'amount - cost', returnType: 'currency' }),
  f('margin_pct', 'formula', { formula: 'IF(amount > 0, margin / amount * 100, NULL)', returnType: 'percent' }),
  f('via_account', 'formula', { formula: 'account.rating * 2', returnType: 'number' }),
  f('big', 'formula', { formula: 'amount > 100000', returnType: 'boolean' }),
  f('loop_a', 'formula', { formula: 'loop_b + 1', returnType: 'number' }),
  f('loop_b', 'formula', { formula: 'loop_a * 2', returnType: 'number' }),
  f('self', 'formula', { formula: 'self', returnType: 'number' }),
  f('broken', 'formula', { formula: '1 +', returnType: 'number' }),
  f('uses_loop', 'formula', { formula: 'loop_a', returnType: 'number' }),
]);
const objects = new Map([
  ['account', account],
  ['opportunity', opportunity],
]);

const env = (extra: Partial<FormulaEnv> = {}): FormulaEnv => ({ object: opportunity, objects: (n) => objects.get(n), mode: 'rule', ...extra });

function check(src: string, extra: Partial<FormulaEnv> = {}) {
  const r = checkFormula(src, env(extra));
  if (!r.formula) throw new Error(`${src}: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.formula;
}

const BASE: EvalInput = { record: {}, today: '2026-03-05', now: '2026-03-05T06:30:00.000Z', timeZone: 'Asia/Shanghai' };

/** Evaluate `src` against a record of the opportunity model. */
function run(src: string, record: Record<string, unknown> = {}, input: Partial<EvalInput> = {}): unknown {
  return evaluateFormula(check(src), { ...BASE, record, ...input });
}

/** The problems of a formula that must be refused. */
function problems(src: string, extra: Partial<FormulaEnv> = {}) {
  const r = checkFormula(src, env(extra));
  expect(r.formula).toBeUndefined();
  return r.errors;
}

describe('literals, operators and precedence', () => {
  it.each([
    ['12', 12],
    ['3.5', 3.5],
    ['"double"', 'double'],
    ["'single'", 'single'],
    ['TRUE', true],
    ['false', false],
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['2 * 3 / 4', 1.5],
    ['-2 * 3', -6],
    ['- -2', 2],
    ['-(1 + 2)', -3],
    ['1 + 2 = 3 && 2 < 3', true],
    ['TRUE || FALSE && FALSE', true],
    ['(TRUE || FALSE) && FALSE', false],
    ['!TRUE = FALSE', true],
    ["'a' & 'b' = 'ab'", true],
    ['1 < 2 = TRUE', true],
    ['1 == 1', true],
    ['1 <> 1', false],
    ['1 != 2', true],
    ['2 >= 2', true],
    ['2 > 2', false],
    ['2 <= 1', false],
    ["'it\\'s'", "it's"],
    ['"say \\"hi\\"\\n"', 'say "hi"\n'],
    ["'back\\\\slash\\t'", 'back\\slash\t'],
    ['if(true, 1, 2)', 1],
    ['Today()', '2026-03-05'],
    ['  1  +\n2 ', 3],
  ])('%s', (src, expected) => {
    expect(run(src)).toEqual(expected);
  });

  it('works in exact decimals, as Postgres numeric does', () => {
    expect(run('0.1 + 0.2 = 0.3')).toBe(true);
    expect(run('amount * 1.1 > 110', { amount: 100 })).toBe(false);
    expect(run('1 / 3')).toBe(0.3333333333333333);
    expect(run('TEXT(1 / 3)')).toBe('0.33333333333333333333');
    expect(run('TEXT(10 / 4)')).toBe('2.5');
    expect(run('ROUND(1.005, 2)')).toBe(1.01);
  });

  it('reads percent fields as the number shown (40 means 40%)', () => {
    expect(run('amount * probability / 100', { amount: 2000, probability: 40 })).toBe(800);
  });

  it('orders text by code point, case-sensitively', () => {
    expect(run("'B' < 'a'")).toBe(true);
    expect(run("'é' > 'z'")).toBe(true);
    expect(run("'abc' < 'abd'")).toBe(true);
    expect(run("'ab' < 'abc'")).toBe(true);
    expect(run("'😀' > '\uFFFD'")).toBe(true);
  });

  it('does date arithmetic in whole days', () => {
    const rec = { close_date: '2026-02-27' };
    expect(run('close_date + 2', rec)).toBe('2026-03-01');
    expect(run('2 + close_date', rec)).toBe('2026-03-01');
    expect(run('close_date - 27', rec)).toBe('2026-01-31');
    expect(run('close_date + 1.9', rec)).toBe('2026-02-28');
    expect(run('close_date - DATE(2026, 1, 1)', rec)).toBe(57);
    expect(run('TODAY() - close_date', rec)).toBe(6);
    expect(run('DATE(9999, 12, 31) + 1')).toBeNull();
    expect(run('close_date + 100000000', rec)).toBeNull();
    expect(run('close_date + 1', {})).toBeNull();
  });
});

describe('functions', () => {
  const rec = {
    name: 'Acme Corp',
    amount: 1234.5,
    cost: 1000,
    probability: 40,
    close_date: '2026-01-31',
    signed_at: '2026-03-04T16:30:00.000Z',
    stage: 'proposal',
    next_step: 'Call back',
    quantity: 3,
    is_key: true,
  };
  it.each([
    ['AND(TRUE, TRUE)', true],
    ['AND(TRUE, FALSE, TRUE)', false],
    ['OR(FALSE, FALSE)', false],
    ['OR(FALSE, TRUE)', true],
    ['NOT(is_key)', false],
    ["IF(amount > 1000, 'big', 'small')", 'big'],
    ["CASE(stage, 'won', 1, 'proposal', 0.5, 0)", 0.5],
    ["CASE(stage, 'won', 1, 0)", 0],
    ['CASE(quantity, 1, 10, 3, 30, 0)', 30],
    ['ISBLANK(next_step)', false],
    ['ISBLANK(amount)', false],
    ['BLANKVALUE(amount, 0)', 1234.5],
    ['TODAY()', '2026-03-05'],
    ['NOW()', '2026-03-05T06:30:00.000Z'],
    ['DATE(2024, 2, 29)', '2024-02-29'],
    ['DATE(2023, 2, 29)', null],
    ['DATE(2026, 13, 1)', null],
    ['DATE(2026.5, 1, 1)', null],
    ['DATE(0, 1, 1)', null],
    ['DATE(10000, 1, 1)', null],
    ['DATE(1, 1, 1)', '0001-01-01'],
    ['ADDMONTHS(close_date, 1)', '2026-02-28'],
    ['ADDMONTHS(DATE(2024, 1, 31), 1)', '2024-02-29'],
    ['ADDMONTHS(DATE(2026, 3, 31), -1)', '2026-02-28'],
    ['ADDMONTHS(close_date, 1.9)', '2026-02-28'],
    ['ADDMONTHS(close_date, -1.9)', '2025-12-31'],
    ['ADDMONTHS(close_date, 12)', '2027-01-31'],
    ['ADDMONTHS(DATE(9999, 12, 1), 1)', null],
    ['ADDMONTHS(close_date, 100000000)', null],
    ['DATEDIFF(DATE(2026, 1, 1), DATE(2026, 3, 1))', 59],
    ['DATEDIFF(close_date, DATE(2026, 1, 1))', -30],
    ['DATEDIFF(signed_at, TODAY())', 0],
    ['YEAR(close_date)', 2026],
    ['MONTH(close_date)', 1],
    ['DAY(close_date)', 31],
    ['DAY(signed_at)', 5],
    ['MONTH(signed_at)', 3],
    ['YEAR(NOW())', 2026],
    ['TEXT(amount)', '1234.5'],
    ['TEXT(cost)', '1000'],
    ['TEXT(-0.50)', '-0.5'],
    ['TEXT(close_date)', '2026-01-31'],
    ['TEXT(signed_at)', '2026-03-04T16:30:00.000Z'],
    ['TEXT(is_key)', 'true'],
    ['TEXT(name)', 'Acme Corp'],
    ['TEXT(1 > 2)', 'false'],
    ["VALUE('12.50')", 12.5],
    ["VALUE(' 7 ')", 7],
    ["VALUE('-.5')", -0.5],
    ["VALUE('+3.')", 3],
    ["VALUE('1e5')", null],
    ["VALUE('abc')", null],
    ["VALUE('')", null],
    ["VALUE('1,000')", null],
    ["VALUE('١٢')", null],
    ["LEN('华为')", 2],
    ["LEN('𝒜b')", 2],
    ['LEN(name)', 9],
    ["CONTAINS(name, 'Corp')", true],
    ["CONTAINS(name, 'corp')", false],
    ["CONTAINS(name, '')", true],
    ["BEGINS(name, 'Acme')", true],
    ["BEGINS(name, 'acme')", false],
    ["LOWER('İSTANBUL Ærø')", 'istanbul ærø'],
    ["UPPER('straße ᾳ')", 'STRAßE ᾼ'],
    ['UPPER(name)', 'ACME CORP'],
    ['ROUND(2.5)', 3],
    ['ROUND(-2.5, 0)', -3],
    ['ROUND(1234.5678, 2)', 1234.57],
    ['ROUND(1250, -2)', 1300],
    ['ROUND(-1250, -2)', -1300],
    ['ROUND(1.23456, 2.5)', 1.235],
    ['ROUND(amount, 99)', 1234.5],
    ['ROUND(amount, NULL)', null],
    ['ABS(-3)', 3],
    ['ABS(cost - amount)', 234.5],
    ['MIN(3, 1, 2)', 1],
    ['MAX(3, 1, 2)', 3],
    ['MIN(close_date, TODAY())', '2026-01-31'],
    ['MAX(signed_at, NOW())', '2026-03-05T06:30:00.000Z'],
    ['MIN(NULL, 5)', 5],
    ['MAX(NULL, NULL)', null],
  ])('%s', (src, expected) => {
    expect(run(src, rec)).toEqual(expected);
  });

  it('converts date/times to dates in the workspace time zone', () => {
    const at = { signed_at: '2026-03-04T16:30:00.000Z' };
    expect(run('DAY(signed_at)', at, { timeZone: 'Asia/Shanghai' })).toBe(5);
    expect(run('DAY(signed_at)', at, { timeZone: 'UTC' })).toBe(4);
    expect(run('DATEDIFF(signed_at, TODAY())', at, { timeZone: 'UTC' })).toBe(1);
    expect(run('DATEDIFF(signed_at, TODAY())', at, { timeZone: 'America/New_York' })).toBe(1);
  });

  it('names functions case-insensitively', () => {
    expect(run("Upper('x') & lower('Y') & TeXt(1)")).toBe('Xy1');
  });
});

describe('blanks', () => {
  it.each([
    ['amount + 1', null],
    ['-amount', null],
    ['amount / 0', null],
    ['0 / 0', null],
    ["name & NULL & 'x'", 'x'],
    ["name = ''", true],
    ['name = NULL', true],
    ['amount = NULL', false],
    ['amount > 5', false],
    ['NOT(amount > 5)', false],
    ['!(amount > 5)', false],
    ["IF(amount > 5, 'big', 'small')", 'small'],
    ['AND(amount > 5, FALSE)', false],
    ['OR(amount > 5, TRUE)', true],
    ['NOT(OR(amount > 5, FALSE))', false],
    ['ISBLANK(amount > 5)', true],
    ['ISBLANK(name)', true],
    ['ISBLANK(amount)', true],
    ['ISBLANK(close_date)', true],
    ['ISBLANK(is_key)', false],
    ['is_key', false],
    ['BLANKVALUE(amount, 0)', 0],
    ["BLANKVALUE(next_step, 'none')", 'none'],
    ['TEXT(amount)', null],
    ['LEN(name)', 0],
    ['MIN(amount, 5)', 5],
    ["CASE(amount, NULL, 'blank', 'other')", 'other'],
    ['ADDMONTHS(close_date, 1)', null],
    ['DATEDIFF(close_date, TODAY())', null],
    ['YEAR(close_date)', null],
    ['NULL', null],
    ['IF(TRUE, NULL, NULL)', null],
  ])('%s with every field blank', (src, expected) => {
    expect(run(src, {})).toEqual(expected);
  });

  it('reads empty text as blank', () => {
    expect(run('ISBLANK(next_step)', { next_step: '' })).toBe(true);
    expect(run("next_step & ''", { next_step: '' })).toBeNull();
  });

  it('gives a boolean result that is unknown as false, in rules and in fields', () => {
    expect(run('amount > 0 || amount <= 0')).toBe(false);
    expect(evaluateFormula(check('big', { mode: 'field' }), { ...BASE, record: {} })).toBe(false);
  });
});

describe('lookups and formula fields', () => {
  const acme = { id: 'a1', name: 'Acme', region: 'east', employees: 250, parent: 'p1' };
  const holding = { id: 'p1', name: 'Acme Holding', region: null, employees: null };
  const related = { account: acme, 'account.parent': holding };

  it('reads fields through one or more lookups', () => {
    expect(run('account.region', { account: 'a1' }, { related })).toBe('east');
    expect(run("account.parent.name & ' / ' & account.name", { account: 'a1' }, { related })).toBe('Acme Holding / Acme');
    expect(run('ISBLANK(account.parent.region)', { account: 'a1' }, { related })).toBe(true);
  });

  it('reads blanks through an empty lookup', () => {
    expect(run('account.region', {}, { related: { account: null } })).toBeNull();
    expect(run('ISBLANK(account.parent.name)', {}, { related: {} })).toBe(true);
    expect(run('account.employees + 1', {}, { related: { account: null } })).toBeNull();
    // The intermediate record is missing even if a deeper one was given.
    expect(run('account.parent.name', {}, { related: { account: null, 'account.parent': holding } })).toBeNull();
  });

  it('computes formula fields it reads, also through lookups', () => {
    expect(run('margin', { amount: 1500, cost: 1000 })).toBe(500);
    expect(run('margin_pct', { amount: 2000, cost: 1500 })).toBe(25);
    expect(run('margin_pct', { amount: 0, cost: 10 })).toBeNull();
    expect(run('account.rating', { account: 'a1' }, { related })).toBe(2.5);
    expect(run('via_account', { account: 'a1' }, { related })).toBe(5);
    expect(run('via_account', {}, { related: {} })).toBeNull();
    expect(run('big || is_key', { amount: 200000 })).toBe(true);
  });

  it('lists the fields and lookup paths it reads', () => {
    const c = check('account.parent.name & TEXT(margin) & TEXT(via_account)');
    expect(c.fields.sort()).toEqual(['account', 'amount', 'cost', 'margin', 'via_account']);
    expect(c.paths).toEqual([['account'], ['account', 'parent']]);
    expect(c.type).toBe('text');
  });

  it('is case-insensitive in field names, which are lower-case API names', () => {
    expect(run('Amount + AMOUNT', { amount: 2 })).toBe(4);
  });
});

describe('rules: ISCHANGED, PRIORVALUE, ISNEW', () => {
  const prior = { amount: 100, stage: 'proposal', close_date: '2026-01-31', next_step: null, is_key: false };
  it('compare with the stored record', () => {
    expect(run('ISCHANGED(amount)', { ...prior, amount: 100 }, { prior })).toBe(false);
    expect(run('ISCHANGED(amount)', { ...prior, amount: 100.0 }, { prior: { ...prior, amount: '100.00' } })).toBe(false);
    expect(run('ISCHANGED(amount)', { ...prior, amount: 150 }, { prior })).toBe(true);
    expect(run('ISCHANGED(next_step)', { ...prior, next_step: '' }, { prior })).toBe(false);
    expect(run('ISCHANGED(is_key)', { ...prior, is_key: true }, { prior })).toBe(true);
    expect(run('ISCHANGED(close_date)', { ...prior, close_date: '2026-02-01' }, { prior })).toBe(true);
    expect(run('PRIORVALUE(amount)', { amount: 150 }, { prior })).toBe(100);
    expect(run("PRIORVALUE(stage) = 'proposal' && stage = 'won'", { stage: 'won' }, { prior })).toBe(true);
    expect(run('amount < PRIORVALUE(amount)', { amount: 50 }, { prior })).toBe(true);
    expect(run('ISNEW()', {}, { prior })).toBe(false);
  });

  it('on a new record: nothing changed, no prior value, ISNEW is true', () => {
    expect(run('ISCHANGED(amount)', { amount: 5 }, { prior: null })).toBe(false);
    expect(run('PRIORVALUE(amount)', { amount: 5 })).toBeNull();
    expect(run('ISBLANK(PRIORVALUE(stage))', { stage: 'won' })).toBe(true);
    expect(run('ISNEW()', {}, { prior: undefined })).toBe(true);
  });

  it('compile for a stored record compared with itself', () => {
    const params = new Params();
    const sql = compileFormulaSql(check('ISNEW() || ISCHANGED(amount) || PRIORVALUE(amount) > 5'), params, {
      alias: 't',
      schema: 's1',
      today: '2026-03-05',
      now: BASE.now,
      timeZone: 'UTC',
    });
    expect(sql).toContain('FALSE OR FALSE');
    expect(sql).toContain('"t"."amount"::numeric');
  });
});

describe('problems, with their message and position', () => {
  it.each([
    ['amout + 1', 'unknownField', 0, 5, 'Unknown field "amout" at position 1'],
    ['amount + amout', 'unknownField', 9, 5, 'Unknown field "amout" at position 10'],
    ['account.regoin', 'unknownField', 8, 6, 'Unknown field "account.regoin" at position 9'],
    ['name.first', 'notLookup', 0, 4, '"name" is not a lookup, so no field can follow it (at position 1)'],
    ['owner.name', 'notLookup', 0, 5, '"owner" is not a lookup, so no field can follow it (at position 1)'],
    ['account.tags', 'unsupportedField', 8, 4, 'Field "tags" (multi_picklist) cannot be used in formulas, at position 9'],
    ['1 + (2', 'unclosedParen', 4, 1, 'The parenthesis opened at position 5 is never closed'],
    ['IF(amount > 0, 1', 'unclosedParen', 2, 1, 'The parenthesis opened at position 3 is never closed'],
    ["'abc", 'unclosedString', 0, 4, 'The text starting at position 1 has no closing quote'],
    ['"abc\\', 'unclosedString', 0, 5, 'The text starting at position 1 has no closing quote'],
    ["'a\\qb'", 'badEscape', 2, 2, 'Unknown escape "\\q" at position 3 (use \\\\, \\", \\\', \\n, \\r or \\t)'],
    ['1 + ', 'unexpectedEnd', 4, 0, 'The formula ends too early at position 5: a value is missing'],
    ['account.', 'unexpectedEnd', 8, 0, 'The formula ends too early at position 9: a field name is missing'],
    ['1 + * 2', 'unexpectedToken', 4, 1, 'Unexpected "*" at position 5'],
    ['(1 2)', 'unexpectedToken', 3, 1, 'Unexpected "2" at position 4'],
    ['MAX(1 2)', 'unexpectedToken', 6, 1, 'Unexpected "2" at position 7'],
    ['1)', 'unexpectedToken', 1, 1, 'Unexpected ")" at position 2'],
    ['amount # 2', 'badCharacter', 7, 1, 'Unexpected character "#" at position 8'],
    ['amount | 2', 'badCharacter', 7, 1, 'Unexpected character "|" at position 8'],
    ['   ', 'empty', 0, 3, 'The formula is empty'],
    ['FOO(1)', 'unknownFunction', 0, 3, 'Unknown function "FOO" at position 1'],
    ['IF(TRUE, 1)', 'argCount', 0, 2, 'IF takes 3 argument(s), found 2, at position 1'],
    ['1 + ROUND()', 'argCount', 4, 5, 'ROUND takes 1 to 2 argument(s), found 0, at position 5'],
    ['AND()', 'argCount', 0, 3, 'AND takes at least 1 argument(s), found 0, at position 1'],
    ["CASE(stage, 'a', 1)", 'caseArgs', 0, 4, 'CASE takes an expression, value/result pairs and an else result (an even number of arguments, at least 4), found 3, at position 1'],
    [
      "CASE(stage, 'a', 1, 'b', 2)",
      'caseArgs',
      0,
      4,
      'CASE takes an expression, value/result pairs and an else result (an even number of arguments, at least 4), found 5, at position 1',
    ],
    ["'a' + 1", 'operandType', 0, 3, 'Operator "+" expects a number or a date, found text, at position 1'],
    ["amount & 'x'", 'operandType', 0, 6, 'Operator "&" expects text, found a number, at position 1'],
    ['close_date + close_date', 'operandType', 13, 10, 'Operator "+" expects a number, found a date, at position 14'],
    ['-name', 'operandType', 1, 4, 'Operator "-" expects a number, found text, at position 2'],
    ['is_key < TRUE', 'operandType', 0, 6, 'Operator "<" expects a number or text or a date or a date/time, found true/false, at position 1'],
    ['IF(1, 2, 3)', 'argumentType', 3, 1, 'Argument 1 of IF expects true/false, found a number, at position 4'],
    ['ADDMONTHS(signed_at, 1)', 'argumentType', 10, 9, 'Argument 1 of ADDMONTHS expects a date, found a date/time, at position 11'],
    ["MIN(name, 'x')", 'argumentType', 4, 4, 'Argument 1 of MIN expects a number or a date or a date/time, found text, at position 5'],
    ["IF(TRUE, 1, 'a')", 'branchType', 12, 3, 'The results of IF must have one type: found a number and text, at position 13'],
    ["amount = 'x'", 'compareType', 9, 3, 'Cannot compare a number with text at position 10'],
    ["CASE(amount, 'a', 1, 0)", 'compareType', 13, 3, 'Cannot compare a number with text at position 14'],
    ['loop_a', 'circular', 0, 6, 'Circular reference: opportunity.loop_a → opportunity.loop_b → opportunity.loop_a (at position 1)'],
    ['self + 1', 'circular', 0, 4, 'Circular reference: opportunity.self → opportunity.self (at position 1)'],
    ['uses_loop', 'circular', 0, 9, 'Circular reference: opportunity.loop_a → opportunity.loop_b → opportunity.loop_a (at position 1)'],
    ['broken * 2', 'invalidField', 0, 6, 'Formula field "broken" has errors of its own (at position 1)'],
    ['ISCHANGED(account.name)', 'fieldArgument', 10, 12, 'ISCHANGED expects a field of this object, at position 11'],
    ['PRIORVALUE(1)', 'fieldArgument', 11, 1, 'PRIORVALUE expects a field of this object, at position 12'],
    ['ISCHANGED(margin)', 'fieldArgument', 10, 6, 'ISCHANGED expects a field of this object, at position 11'],
  ])('%s', (src, code, position, length, message) => {
    const errors = problems(src);
    // Problems also carry the message's values (params), for wording them in another language.
    expect(errors[0]).toMatchObject({ code, message, position, length });
  });

  it('speaks Chinese', () => {
    expect(problems('amount + amout', { locale: 'zh-CN' })[0].message).toBe('位置 10 处的字段"amout"不存在');
    expect(problems('IF(1, 2, 3)', { locale: 'zh-CN' })[0].message).toBe('IF 的第 1 个参数需要布尔值，实际是数字（位置 4）');
    expect(problems('IF(TRUE, 1)', { locale: 'zh-CN' })[0].message).toBe('IF 需要3 个参数，实际有 2 个（位置 1）');
  });

  it('reports every type problem, not only the first', () => {
    const errors = problems("('a' + 1) * (TRUE - 2) & IF(1, amout, 3)");
    expect(errors.map((e) => [e.code, e.position])).toEqual([
      ['operandType', 1],
      ['operandType', 13],
      ['argumentType', 28],
      ['unknownField', 31],
    ]);
  });

  it('refuses rule-only functions in formula fields', () => {
    for (const [src, name] of [
      ['ISCHANGED(amount)', 'ISCHANGED'],
      ['PRIORVALUE(amount) > 1', 'PRIORVALUE'],
      ['ISNEW()', 'ISNEW'],
    ]) {
      const errors = problems(src, { mode: 'field' });
      expect(errors.map((e) => e.code)).toEqual(['ruleOnly']);
      expect(errors[0].message).toBe(`${name} can be used only in validation rules, at position 1`);
    }
    expect(checkFormula('ISCHANGED(amount)', env({ mode: 'rule' })).errors).toEqual([]);
  });

  it('checks the result type when one is expected', () => {
    expect(problems('amount + 1', { expect: 'boolean' })[0]).toMatchObject({
      code: 'resultType',
      message: 'The formula must give true/false, but it gives a number',
      position: 0,
      length: 10,
    });
    expect(check('NULL', { expect: 'date' }).type).toBe('date');
    expect(check('IF(TRUE, NULL, NULL)', { expect: 'text' }).type).toBe('text');
  });

  it('limits length and nesting', () => {
    expect(problems(`1${' + 1'.repeat(1000)}`)[0]).toMatchObject({ code: 'tooLong', message: 'The formula is longer than 4000 characters', position: 4000, length: 1 });
    const nested = (n: number) => `${'NOT('.repeat(n)}TRUE${')'.repeat(n)}`;
    expect(checkFormula(nested(99), env()).errors).toEqual([]);
    const deep = problems(nested(101));
    expect(deep[0].code).toBe('tooDeep');
    expect(deep[0].message).toMatch(/^The formula is nested more than 100 levels deep at position \d+$/);
    expect(problems(`1${' + 1'.repeat(150)}`)[0].code).toBe('tooDeep');
    expect(problems(`${'('.repeat(120)}1${')'.repeat(120)}`)[0].code).toBe('tooDeep');
  });

  it('limits how large formula fields make a formula once expanded', () => {
    // Each level doubles the size of the one below: 2^13 nodes at the top.
    const levels: FieldDef[] = [f('l0', 'formula', { formula: 'amount', returnType: 'number' })];
    for (let i = 1; i <= 13; i++) levels.push(f(`l${i}`, 'formula', { formula: `l${i - 1} + l${i - 1}`, returnType: 'number' }));
    const big = model('big', [f('name', 'text'), f('amount', 'decimal'), ...levels]);
    const r = checkFormula('l13', { object: big, objects: () => undefined, mode: 'field' });
    expect(r.errors[0].code).toBe('tooComplex');
    expect(checkFormula('l5', { object: big, objects: () => undefined, mode: 'field' }).errors).toEqual([]);
  });

  it('refuses characters Postgres text cannot hold', () => {
    expect(problems("'a\u0000b'")[0].code).toBe('badCharacter');
    expect(problems("'a\uD800b'")[0].code).toBe('badCharacter');
    expect(run("'😀'")).toBe('😀');
  });
});

describe('SQL form', () => {
  const opts = { alias: 't', schema: 'ws_1', today: '2026-03-05', now: '2026-03-05T06:30:00Z', timeZone: 'Asia/Shanghai' };

  it('passes every value as a bind parameter', () => {
    const params = new Params();
    const sql = compileFormulaSql(check("name = 'x\\'); DROP TABLE account;--' || amount > 12.50"), params, opts);
    expect(sql).not.toContain('DROP');
    expect(params.values).toEqual(["x'); DROP TABLE account;--", '12.50']);
  });

  it('reads lookups with correlated subqueries under unique aliases', () => {
    const params = new Params();
    const sql = compileFormulaSql(check('account.parent.name & account.name'), params, { ...opts, alias: 'fx2' });
    expect(sql).toContain('FROM "ws_1"."account" AS "fx1" WHERE "fx1"."id" = "fx2"."account"');
    expect(sql).toContain('FROM "ws_1"."account" AS "fx3" WHERE "fx3"."id" = "fx1"."parent"');
    expect(sql).toContain('AS "fx4" WHERE "fx4"."id" = "fx2"."account"');
  });

  it('binds TODAY, NOW and the time zone once each', () => {
    const params = new Params();
    compileFormulaSql(check('DATEDIFF(signed_at, TODAY()) + DATEDIFF(NOW(), TODAY()) + DAY(signed_at)'), params, opts);
    expect([...params.values].sort()).toEqual(['2026-03-05', '2026-03-05T06:30:00.000Z', 'Asia/Shanghai']);
  });

  it('has a SQL type per formula type', () => {
    expect(['number', 'text', 'boolean', 'date', 'datetime'].map((x) => formulaSqlType(x as 'number'))).toEqual(['numeric', 'text', 'boolean', 'date', 'timestamptz']);
  });
});

describe('against the stock metadata', () => {
  const meta = stockMetadata();
  const stockEnv: FormulaEnv = { object: meta.objects.get('opportunity')!, objects: (n) => meta.objects.get(n), mode: 'field' };

  it('checks formulas over stock objects', () => {
    const r = checkFormula("IF(amount > 0 && BEGINS(stage, 'closed'), amount * probability / 100, 0) + LEN(account.name)", stockEnv);
    expect(r.errors).toEqual([]);
    const { formula } = r;
    if (!formula) throw new Error('the formula did not check');
    expect(formula.type).toBe('number');
    expect(formula.paths).toEqual([['account']]);
    const v = evaluateFormula(formula, { ...BASE, record: { amount: 1000, stage: 'closed_won', probability: 100, account: 'x' }, related: { account: { name: '华为' } } });
    expect(v).toBe(1002);
  });

  it('checks the type of system fields', () => {
    expect(checkFormula('DATEDIFF(created_at, NOW()) >= 0 && version > 0 && ISBLANK(owner) = FALSE', { ...stockEnv, expect: 'boolean' }).errors).toEqual([]);
  });
});
