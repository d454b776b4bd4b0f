/** Email address, checked with ajv-formats' email format. */
import { scalarType, TEXT_OPERATORS } from './common';

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
});
