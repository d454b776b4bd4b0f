/** Single-line text. */
import type { TextFieldDef } from './types';
import { KEEP_COLUMN, maxLengthChecks, maxLengthParam, scalarType, TEXT_OPERATORS } from './common';

export const textType = scalarType<TextFieldDef>({
  type: 'text',
  label: { en: 'Text', zh: '文本' },
  valueKind: 'text',
  params: { properties: { maxLength: maxLengthParam(1000), default: { type: 'string' } } },
  sqlType: () => 'text',
  schema: (f) => ({ type: 'string', maxLength: f.maxLength ?? 255 }),
  widget: () => ({}),
  operators: TEXT_OPERATORS,
  sortable: true,
  formulaType: 'text',
  canName: true,
  convertsTo: { long_text: KEEP_COLUMN },
  changeChecks: maxLengthChecks,
});
