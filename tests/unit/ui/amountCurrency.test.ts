/** The generated form's amount input carries its currency: one labelled input, one labelled select, no code field of its own. */
import Form from '@rjsf/antd';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildForm } from '../../../platform/api/form';
import { stockMetadata } from '../../../platform/metadata/registry';
import { AmountWidget, type FormValuesContext } from '../../../platform/ui/form/AmountWidget';

function render(values: Record<string, unknown>) {
  const opp = stockMetadata().objects.get('opportunity')!;
  const { schema, uiSchema } = buildForm(opp, undefined, 'en', 'edit');
  const formContext: FormValuesContext = { values, setValue: () => {} };
  // Only the amount and its code: the other widgets (lookups) need the app around them.
  const all = schema.properties as Record<string, object>;
  const props = { amount: all.amount, amount_currency: all.amount_currency };
  return renderToStaticMarkup(
    createElement(Form, {
      schema: { type: 'object', properties: props } as RJSFSchema,
      uiSchema: { amount: uiSchema.amount, amount_currency: uiSchema.amount_currency } as UiSchema,
      formData: values,
      validator,
      widgets: { amount: AmountWidget },
      formContext,
    }),
  );
}

describe('an amount with its currency', () => {
  it('shows the record’s code in a select labelled "<label> currency" inside the amount’s input', () => {
    const html = render({ amount: 1000, amount_currency: 'USD' });
    expect(html).toMatch(/<label[^>]*for="root_amount"[^>]*>[^<]*Amount/);
    expect(html).toContain('aria-label="Amount currency"');
    expect(html).toContain('title="USD"');
    // The code is not a form field of its own any more.
    expect(html).not.toMatch(/<label[^>]*for="root_amount_currency"/);
  });

  it('offers the field’s own currency when the record has none yet', () => {
    expect(render({ amount: 5 })).toContain('title="CNY"');
  });
});
