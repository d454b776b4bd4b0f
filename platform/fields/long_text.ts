/** Multi-line text (notes, descriptions). Not sortable: lists never order by a paragraph. */
import type { TextFieldDef } from './types';
import { maxLengthChecks, maxLengthParam, scalarType } from './common';

export const longTextType = scalarType<TextFieldDef>({
  type: 'long_text',
  label: { en: 'Long text', zh: '长文本' },
  valueKind: 'text',
  params: { properties: { maxLength: maxLengthParam(131072), default: { type: 'string' } } },
  sqlType: () => 'text',
  schema: (f) => ({ type: 'string', maxLength: f.maxLength ?? 32000 }),
  widget: () => ({ 'ui:widget': 'textarea', 'ui:options': { rows: 4 } }),
  operators: ['contains', 'not_contains', 'is_empty', 'is_not_empty'],
  sortable: false,
  notACompactColumn: true,
  formulaType: 'text',
  changeChecks: maxLengthChecks,
});
