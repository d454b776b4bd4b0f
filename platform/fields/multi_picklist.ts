/** Several values from an admin-defined list, stored as text[]; CSV cells separate values with ";". */
import { scalarType } from './common';
import type { PicklistFieldDef } from './types';
import { activeValues, findOption, optionChecks, optionLabel, optionsParam, optionsWidget } from './picklist';

export const multiPicklistType = scalarType<PicklistFieldDef>({
  type: 'multi_picklist',
  label: { en: 'Multi-select picklist', zh: '多选列表' },
  valueKind: 'text_array',
  params: {
    properties: { options: optionsParam, default: { type: 'array', items: { type: 'string' } } },
    required: ['options'],
  },
  sqlType: () => 'text[]',
  schema: (f) => ({
    type: 'array',
    uniqueItems: true,
    items: { type: 'string', enum: activeValues(f), 'x-message': 'validation.enum' },
  }),
  formSchema: (f) => ({ type: 'array', uniqueItems: true, items: { type: 'string', enum: activeValues(f) } }),
  widget: optionsWidget,
  operators: ['includes_any', 'includes_all', 'excludes_all', 'is_empty', 'is_not_empty'],
  sortable: false,
  unsortedIndex: 'gin',
  filterInput: 'options',
  changeChecks: optionChecks,
  format: (f, v, locale) => (Array.isArray(v) ? v.map((x) => optionLabel(f, x, locale)).join(', ') : ''),
  parseCsv: (f, cell) => {
    const parts = cell
      .split(/[;；]/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length === 0) return { ok: true, value: null };
    const values: string[] = [];
    for (const p of parts) {
      const o = findOption(f, p);
      if (!o) return { ok: false, message: `"${p}" is not one of the values` };
      if (!values.includes(o.value)) values.push(o.value);
    }
    return { ok: true, value: values };
  },
  formatCsv: (_f, v) => (Array.isArray(v) ? v.join(';') : ''),
});
