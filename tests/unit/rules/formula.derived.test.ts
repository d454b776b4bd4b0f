/**
 * What field-level security needs from the formula language: the fields a formula reads (through
 * lookups, formula fields listed as themselves), and a number formula field's value rounded to its
 * scale wherever it is read, in memory and in SQL (the integration tests run the SQL).
 */
import type { AnyField } from '../../../platform/fields/guards';
import { asFormula } from '../../fieldShapes';
import { describe, expect, it } from 'vitest';
import { Params } from '../../../platform/core/sql';
import type { FieldDef } from '../../../platform/fields/types';
import { systemFields, type ObjectModel } from '../../../platform/metadata/model';
import { checkFormula, compileFormulaSql, evaluateFormula, formulaInputs, formulaScale, type CheckedFormula } from '../../../platform/rules/formula';

const L = (en: string) => ({ en, zh: en });
const f = (name: string, type: FieldDef['type'], extra: Partial<AnyField> = {}): FieldDef => ({ name, type, label: L(name), ...extra }) as FieldDef;

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
  f('score', 'decimal'),
  f('score_x3', 'formula', { formula: 'score * 3', returnType: 'number', scale: 0 }),
]);
const contract = model('contract', [
  f('name', 'text'),
  f('account', 'lookup', { target: 'account' }),
  f('amount', 'currency'),
  f('cost', 'currency'),
  f('margin', 'formula', { formula: 'IF(amount > 0, (amount - BLANKVALUE(cost, 0)) / amount * 100, NULL)', returnType: 'percent', scale: 1 }),
  f('ratio', 'formula', { formula: 'cost / amount', returnType: 'number' }),
  f('label', 'formula', { formula: "name & '!'", returnType: 'text', scale: 1 }),
]);
const objects = new Map([
  ['account', account],
  ['contract', contract],
]);

function check(src: string, scaleOf?: string): CheckedFormula {
  const r = checkFormula(src, { object: contract, objects: (n) => objects.get(n), mode: 'field' });
  if (!r.formula) throw new Error(`${src}: ${r.errors.map((e) => e.message).join('; ')}`);
  const scale = scaleOf ? formulaScale(contract.fieldMap.get(scaleOf)!) : undefined;
  return scale === undefined ? r.formula : { ...r.formula, scale };
}

const AT = { today: '2026-03-05', now: '2026-03-05T06:30:00.000Z', timeZone: 'Asia/Shanghai' };
const run = (fx: CheckedFormula, record: Record<string, unknown>, related: Record<string, Record<string, unknown> | null> = {}) => evaluateFormula(fx, { record, related, ...AT });

describe('formulaInputs: what a formula reads directly', () => {
  const shown = (src: string) => formulaInputs(check(src)).map((i) => [...i.steps.map((s) => s.name), i.field.name].join('.'));

  it.each([
    ['amount - cost', ['amount', 'cost']],
    ['account.score + account.parent.score', ['account.score', 'account.parent.score']],
    // Formula fields are listed as themselves: what they read is their own inputs.
    ['margin * 2', ['margin']],
    ['account.score_x3', ['account.score_x3']],
    ["IF(ISBLANK(account.name), name, 'x') & TEXT(ratio)", ['account.name', 'name', 'ratio']],
    ['1 + 2', []],
  ])('%s reads %j', (src, expected) => {
    expect(shown(src)).toEqual(expected);
  });
});

describe('formulaScale: where a formula field is rounded', () => {
  it.each<[string, FieldDef, number | undefined]>([
    ['a declared scale', contract.fieldMap.get('margin')!, 1],
    ['2 when none is declared', contract.fieldMap.get('ratio')!, 2],
    ['scale 0', account.fieldMap.get('score_x3')!, 0],
    ['not text results', contract.fieldMap.get('label')!, undefined],
    ['not stored fields', contract.fieldMap.get('amount')!, undefined],
  ])('%s', (_what, field, expected) => {
    expect(formulaScale(field)).toBe(expected);
  });
});

describe('rounding to the scale', () => {
  it("rounds a field's own value half away from zero, as Postgres round() does", () => {
    const margin = check(asFormula(contract.fieldMap.get('margin')).formula, 'margin');
    expect(run(margin, { amount: 30_000, cost: 10_001 })).toBe(66.7);
    expect(run(margin, { amount: 200, cost: 100.1 })).toBe(50); // 49.95 -> 50.0
    expect(run(margin, { amount: 200, cost: 300.1 })).toBe(-50.1); // -50.05 -> -50.1
    expect(run(margin, { amount: 0 })).toBeNull();
    const ratio = check('cost / amount', 'ratio');
    expect(run(ratio, { amount: 3, cost: 1 })).toBe(0.33);
  });

  it('a formula reading a formula field sees its rounded value, through lookups too', () => {
    expect(run(check('margin'), { amount: 30_000, cost: 10_001 })).toBe(66.7);
    expect(run(check('margin * 1000'), { amount: 30_000, cost: 10_001 })).toBe(66_700);
    expect(run(check('margin >= 66.7'), { amount: 30_000, cost: 10_001 })).toBe(true);
    // score 0.5 * 3 = 1.5, scale 0 -> 2
    expect(run(check('account.score_x3'), { account: 'a1' }, { account: { score: 0.5 } })).toBe(2);
  });

  it('without a scale (a validation rule, a check in the designer) nothing is rounded', () => {
    expect(run(check('cost / amount'), { amount: 3, cost: 1 })).toBe(0.3333333333333333);
  });

  it('compiles to SQL that rounds to the same scale, the scale a bind parameter', () => {
    const params = new Params();
    const sql = compileFormulaSql(check('margin', 'margin'), params, { alias: 't', schema: 'ws', ...AT });
    expect(sql).toMatch(/^round\(round\(.*, \$\d+::int\), \$\d+::int\)$/s);
    expect(params.values).toContain(1);
    const text = compileFormulaSql(check("name & '!'"), new Params(), { alias: 't', schema: 'ws', ...AT });
    expect(text).not.toContain('round(');
  });
});
