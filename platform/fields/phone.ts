/** Phone number: digits with the separators people write (+86 138-0013-8000, 021 6888 1234 转 12). */
import { KEEP_COLUMN, maxLengthChecks, scalarType, TEXT_OPERATORS } from './common';

const PHONE_PATTERN = '^\\+?[0-9(][0-9 ()\\-.]{2,29}(\\s*(x|ext\\.?|转)\\s*[0-9]{1,6})?$';

export const phoneType = scalarType({
  type: 'phone',
  label: { en: 'Phone', zh: '电话' },
  valueKind: 'text',
  params: { properties: {} },
  sqlType: () => 'text',
  schema: () => ({ type: 'string', maxLength: 40, pattern: PHONE_PATTERN, 'x-message': 'validation.phone' }),
  widget: () => ({ 'ui:options': { inputType: 'tel' } }),
  operators: TEXT_OPERATORS,
  sortable: true,
  globalSearch: true,
  formulaType: 'text',
  canName: true,
  convertsTo: { text: KEEP_COLUMN, long_text: KEEP_COLUMN },
  changeChecks: maxLengthChecks,
});
