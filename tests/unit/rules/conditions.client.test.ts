/**
 * The condition evaluator as forms run it in the browser (platform/rules/conditions/client.ts): the
 * server's parse and evaluate over fields as the API describes them. These pin the answers a user
 * sees in a form where the browser's former copy answered otherwise; parity with SQL over many
 * conditions is tests/integration/data/conditions.parity.test.ts.
 */
import { anyField } from '../../../platform/fields/guards';
import { describe, expect, it } from 'vitest';
import { describeObject } from '../../../platform/api/describe';
import { fieldType } from '../../../platform/fields/registry';
import { stockMetadata } from '../../../platform/metadata/registry';
import { conditionHolds, describedFields, type DescribedField } from '../../../platform/rules/conditions/client';
import { applyFormRules, type FormShape } from '../../../platform/ui/process/formRules';
import type { RuledFieldInfo } from '../../../platform/ui/process/types';

const ME = '7d1c1a52-4c7e-4a3c-9d55-0d6c3c1d2a10';
const OTHER = '0b9e7c2e-1f7a-4e1e-8a4b-5b0b6f0b4c11';
const fields: DescribedField[] = [
  { name: 'signed', type: 'boolean' },
  { name: 'owner', type: 'user' },
  { name: 'next_step', type: 'text' },
  { name: 'name', type: 'text' },
  { name: 'close_date', type: 'date' },
  { name: 'end_at', type: 'datetime' },
  { name: 'days_open', type: 'formula', returnType: 'number' },
];
const holds = (condition: unknown, values: Record<string, unknown>) => conditionHolds(condition, fields, values, { userId: ME });

describe('form conditions in the browser answer as the server does', () => {
  it('an untouched checkbox is unticked: eq false holds and ne false does not', () => {
    expect(holds({ field: 'signed', op: 'eq', value: false }, {})).toBe(true);
    expect(holds({ field: 'signed', op: 'ne', value: false }, {})).toBe(false);
    expect(holds({ field: 'signed', op: 'ne', value: true }, {})).toBe(true);
    expect(holds({ field: 'signed', op: 'eq', value: true }, { signed: true })).toBe(true);
  });

  it('$me is the signed-in user on user fields only; elsewhere it is the text "$me"', () => {
    expect(holds({ field: 'owner', op: 'eq', value: '$me' }, { owner: ME.toUpperCase() })).toBe(true);
    expect(holds({ field: 'owner', op: 'eq', value: '$me' }, { owner: OTHER })).toBe(false);
    expect(holds({ field: 'owner', op: 'in', value: ['$me', OTHER] }, { owner: OTHER })).toBe(true);
    expect(holds({ field: 'next_step', op: 'eq', value: '$me' }, { next_step: ME })).toBe(false);
    expect(holds({ field: 'next_step', op: 'eq', value: '$me' }, { next_step: '$me' })).toBe(true);
  });

  it('datetimes compare as instants, whatever offset they are written with', () => {
    const at = { end_at: '2026-03-05T06:30:00.000Z' };
    expect(holds({ field: 'end_at', op: 'eq', value: '2026-03-05T14:30:00+08:00' }, at)).toBe(true);
    expect(holds({ field: 'end_at', op: 'gt', value: '2026-03-05T14:29:59+08:00' }, at)).toBe(true);
    expect(holds({ field: 'end_at', op: 'lt', value: '2026-03-05T14:30:00+08:00' }, at)).toBe(false);
  });

  it('dates written with slashes mean the same day', () => {
    expect(holds({ field: 'close_date', op: 'eq', value: '2026/3/5' }, { close_date: '2026-03-05' })).toBe(true);
    expect(holds({ field: 'close_date', op: 'lt', value: '2026/3/10' }, { close_date: '2026-03-09' })).toBe(true);
  });

  it('text matching folds case letter by letter, as Postgres ILIKE does', () => {
    expect(holds({ field: 'name', op: 'contains', value: 'ist' }, { name: 'İSTANBUL Ticaret' })).toBe(true);
    expect(holds({ field: 'name', op: 'contains', value: 'οδοσ' }, { name: 'ΟΔΟΣ Ltd' })).toBe(true);
    expect(holds({ field: 'name', op: 'contains', value: 'οδος' }, { name: 'ΟΔΟΣ Ltd' })).toBe(false);
    expect(holds({ field: 'name', op: 'eq', value: 'acme' }, { name: 'ACME' })).toBe(false);
  });

  it('a computed field compares by its return type', () => {
    expect(holds({ field: 'days_open', op: 'gt', value: 9 }, { days_open: 10 })).toBe(true);
    expect(holds({ field: 'days_open', op: 'is_empty' }, {})).toBe(true);
  });

  it('a condition naming a field the browser was not told about holds (the server decides on save)', () => {
    expect(holds({ field: 'secret', op: 'eq', value: 'x' }, {})).toBe(true);
    expect(
      holds(
        {
          all: [
            { field: 'signed', op: 'eq', value: true },
            { field: 'secret', op: 'eq', value: 'x' },
          ],
        },
        {},
      ),
    ).toBe(true);
  });

  it("every stock field rebuilt from its description compares as the server's definition does", () => {
    for (const obj of stockMetadata().objects.values()) {
      const rebuilt = describedFields(describeObject(obj).fields).fieldMap;
      for (const f of obj.allFields) {
        const { valueKind, operators } = fieldType(rebuilt.get(f.name)!);
        expect({ field: `${obj.name}.${f.name}`, valueKind, operators }).toEqual({
          field: `${obj.name}.${f.name}`,
          valueKind: fieldType(f).valueKind,
          operators: fieldType(f).operators,
        });
        expect(anyField(rebuilt.get(f.name)!).systemTarget).toBe(anyField(f).systemTarget);
      }
    }
  });
});

describe('applyFormRules with the shared evaluator', () => {
  const form: FormShape = {
    schema: { type: 'object', properties: { signed: { type: 'boolean' }, next_step: { type: 'string' } } },
    uiSchema: {},
    sections: [{ id: 'main', label: 'Main', columns: 1, fields: ['signed', 'next_step'] }],
  };
  const ruled = (rule: Partial<RuledFieldInfo>) =>
    [
      { name: 'signed', type: 'boolean' },
      { name: 'next_step', type: 'text', ...rule },
    ] as RuledFieldInfo[];
  const apply = (rule: Partial<RuledFieldInfo>, values: Record<string, unknown>, stored: Record<string, unknown> | null = null) =>
    applyFormRules(form, { fields: ruled(rule), values, stored, processes: null, ctx: { userId: ME }, label: () => '' });

  it('a field shown while a box is unticked shows on a new form before anyone touches the box', () => {
    expect(apply({ visibleIf: { field: 'signed', op: 'eq', value: false } }, {}).hidden.has('next_step')).toBe(false);
    expect(apply({ visibleIf: { field: 'signed', op: 'eq', value: false } }, { signed: true }).hidden.has('next_step')).toBe(true);
  });

  it('a field required while a box is ticked is not required on a new form', () => {
    expect(apply({ requiredIf: { field: 'signed', op: 'eq', value: true } }, {}).schema.required).not.toContain('next_step');
    expect(apply({ requiredIf: { field: 'signed', op: 'eq', value: true } }, { signed: true }).schema.required).toContain('next_step');
  });

  it('read-only-if is judged on the stored record', () => {
    const ro = (stored: Record<string, unknown>) =>
      (apply({ readOnlyIf: { field: 'signed', op: 'ne', value: true } }, { signed: true }, stored).uiSchema.next_step as { 'ui:readonly'?: boolean } | undefined)?.['ui:readonly'];
    expect(ro({ signed: false })).toBe(true);
    expect(ro({ signed: true })).toBeUndefined();
  });

  it('a hidden amount takes its currency with it', () => {
    const withAmount: FormShape = {
      schema: { type: 'object', properties: { signed: { type: 'boolean' }, amount: { type: 'number' }, amount_currency: { type: 'string' } }, required: ['amount'] },
      uiSchema: {},
      sections: [{ id: 'main', label: 'Main', columns: 1, fields: ['signed', 'amount', 'amount_currency'] }],
    };
    const fieldsWithAmount = [
      { name: 'signed', type: 'boolean' },
      { name: 'amount', type: 'currency', visibleIf: { field: 'signed', op: 'eq', value: true } },
    ] as RuledFieldInfo[];
    const r = applyFormRules(withAmount, { fields: fieldsWithAmount, values: {}, stored: null, processes: null, ctx: { userId: ME }, label: () => '' });
    expect([...r.hidden].sort()).toEqual(['amount', 'amount_currency']);
    expect(Object.keys(r.schema.properties as object)).toEqual(['signed']);
  });
});
