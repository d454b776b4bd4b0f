/** What each type puts on the create/edit form: the value schema rjsf checks, the widget, and companions. */
import { describe, expect, it } from 'vitest';
import { buildForm } from '../../../platform/api/form';
import { CURRENCY_CODES } from '../../../platform/fields/currency';
import { fieldType } from '../../../platform/fields/registry';
import type { FieldDef } from '../../../platform/fields/types';
import { stockMetadata } from '../../../platform/metadata/registry';
import { fieldOf, REGION_OPTIONS } from './helpers';

const form = (f: FieldDef) => fieldType(f).formSchema(f);
const widget = (f: FieldDef, locale: 'en' | 'zh-CN' = 'en') => fieldType(f).widget(f, locale);

describe('form schemas per type', () => {
  it('a picklist offers only its active values, labelled in the viewer’s language', () => {
    const f = fieldOf('picklist', { options: REGION_OPTIONS });
    expect(form(f)).toEqual({ type: 'string', enum: ['east', 'north'] });
    expect(widget(f, 'zh-CN')).toMatchObject({ 'ui:widget': 'select', 'ui:placeholder': '请选择', 'ui:enumNames': ['华东', '华北'] });
    expect(widget(f)).toMatchObject({ 'ui:placeholder': 'Select...', 'ui:enumNames': ['East China', 'North China'] });
  });

  it('a multi-select picklist is a list of distinct active values', () => {
    const f = fieldOf('multi_picklist', { options: REGION_OPTIONS });
    expect(form(f)).toEqual({ type: 'array', uniqueItems: true, items: { type: 'string', enum: ['east', 'north'] } });
    expect(widget(f)).toMatchObject({ 'ui:widget': 'select', 'ui:options': { mode: 'multiple' } });
  });

  it('text keeps its length limit and email its format; a lookup is a plain string picked by the lookup widget', () => {
    expect(form(fieldOf('text', { maxLength: 80 }))).toEqual({ type: 'string', maxLength: 80 });
    expect(form(fieldOf('email'))).toEqual({ type: 'string', maxLength: 254, format: 'email' });
    expect(form(fieldOf('lookup', { target: 'account' }))).toEqual({ type: 'string' });
    expect(widget(fieldOf('lookup', { target: 'account' }))).toEqual({ 'ui:widget': 'lookup', 'ui:options': { target: 'account' } });
  });

  it('a currency amount is typed with its currency: a select in the amount’s own input, defaulting to the field’s', () => {
    const f = fieldOf('currency', { currency: 'USD' }, 'amount');
    expect(fieldType(f).formCompanions?.(f, 'zh-CN')).toEqual({
      amount_currency: { type: 'string', title: '字段币种', enum: CURRENCY_CODES, default: 'USD' },
    });
    expect(widget(f, 'zh-CN')).toEqual({
      'ui:widget': 'amount',
      'ui:options': { hint: true, currency: { field: 'amount_currency', codes: CURRENCY_CODES, default: 'USD', label: '字段币种' } },
    });
    expect((widget(f) as { 'ui:options': { currency: { label: string } } })['ui:options'].currency.label).toBe('Field currency');
    expect(fieldType(fieldOf('decimal')).formCompanions).toBeUndefined();
  });

  it('a formula shows its result read-only, with the schema of its result type', () => {
    const f = fieldOf('formula', { formula: 'amount * 2', returnType: 'text' });
    expect(form(f)).toEqual({ type: 'string', maxLength: 255 });
    expect(widget(f)).toEqual({ 'ui:readonly': true });
  });
});

describe('the stock opportunity form', () => {
  const meta = stockMetadata();
  const opp = meta.objects.get('opportunity')!;

  it('puts the amount’s currency right after the amount, in both languages', () => {
    const f = buildForm(opp, undefined, 'zh-CN', 'create');
    const order = f.uiSchema['ui:order'] as string[];
    expect(order[order.indexOf('amount') + 1]).toBe('amount_currency');
    expect(f.schema.properties).toMatchObject({ amount_currency: { enum: CURRENCY_CODES, default: 'CNY' } });
    // Saved as its own property, but shown inside the amount's input, not as a field of its own.
    expect(f.uiSchema.amount_currency).toEqual({ 'ui:widget': 'hidden' });
    expect(f.uiSchema.amount).toMatchObject({ 'ui:widget': 'amount', 'ui:options': { currency: { field: 'amount_currency', label: '金额币种' } } });
  });

  it('leaves auto numbers off the create form and shows them read-only when editing', () => {
    const contract = meta.objects.get('contract')!;
    const numbered = contract.fields.find((x) => x.type === 'auto_number');
    expect(numbered).toBeDefined();
    expect(buildForm(contract, undefined, 'en', 'create').schema.properties).not.toHaveProperty(numbered!.name);
    expect(buildForm(contract, undefined, 'en', 'edit').uiSchema[numbered!.name]).toMatchObject({ 'ui:readonly': true });
  });

  it('leaves formulas and roll-ups off the create form and shows them read-only when editing', () => {
    const computed = opp.fields.filter((x) => x.type === 'formula' || x.type === 'rollup').map((x) => x.name);
    expect(computed).toContain('quote_count');
    const create = buildForm(opp, undefined, 'en', 'create');
    for (const name of computed) expect(create.schema.properties).not.toHaveProperty(name);
    expect(create.sections.flatMap((s) => s.fields)).not.toContain('quote_count');
    const edit = buildForm(opp, undefined, 'en', 'edit');
    for (const name of computed) expect(edit.uiSchema[name], name).toMatchObject({ 'ui:readonly': true });
  });
});
