/** Web address. Only http(s) is accepted: a stored link is rendered as an anchor, so no javascript: URLs. */
import { KEEP_COLUMN, maxLengthChecks, scalarType, TEXT_OPERATORS } from './common';

export const urlType = scalarType({
  type: 'url',
  label: { en: 'URL', zh: '网址' },
  valueKind: 'text',
  params: { properties: {} },
  sqlType: () => 'text',
  schema: () => ({
    type: 'string',
    maxLength: 2000,
    // http(s) and a host, any script (IDN hosts such as 例子.中国 are fine), no spaces.
    pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/$.?#][^\\s]*$',
    'x-message': 'validation.url',
  }),
  widget: () => ({ 'ui:options': { inputType: 'url' } }),
  operators: TEXT_OPERATORS,
  sortable: true,
  formulaType: 'text',
  display: 'link',
  convertsTo: { text: KEEP_COLUMN, long_text: KEEP_COLUMN },
  changeChecks: maxLengthChecks,
});
