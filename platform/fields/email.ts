/** Email address, checked with ajv-formats' email format. */
import { KEEP_COLUMN, maxLengthChecks, scalarType, TEXT_OPERATORS } from './common';

export const emailType = scalarType({
  type: 'email',
  label: { en: 'Email', zh: '电子邮件' },
  valueKind: 'text',
  params: { properties: {} },
  sqlType: () => 'text',
  schema: () => ({ type: 'string', maxLength: 254, format: 'email', 'x-message': 'validation.email' }),
  widget: () => ({ 'ui:options': { inputType: 'email' } }),
  operators: TEXT_OPERATORS,
  sortable: true,
  globalSearch: true,
  formulaType: 'text',
  canName: true,
  display: 'mailto',
  convertsTo: { text: KEEP_COLUMN, long_text: KEEP_COLUMN },
  changeChecks: maxLengthChecks,
});
