/** Yes/no. Never null in the database: an unticked box is false. */
import { scalarType } from './common';

const TRUE = new Set(['true', 'yes', 'y', '1', '是', '对', 'x']);
const FALSE = new Set(['false', 'no', 'n', '0', '否', '错', '']);

export const booleanType = scalarType({
  type: 'boolean',
  label: { en: 'Checkbox', zh: '复选框' },
  valueKind: 'boolean',
  params: { properties: { default: { type: 'boolean' } } },
  sqlType: () => 'boolean',
  notNull: true,
  columnDefault: (f) => (f.default === true ? 'true' : 'false'),
  schema: () => ({ type: 'boolean' }),
  widget: () => ({ 'ui:widget': 'checkbox' }),
  operators: ['eq', 'ne'],
  sortable: true,
  formulaType: 'boolean',
  filterInput: 'boolean',
  write: (v) => v === true,
  format: (_f, v, locale) => (v === true ? (locale === 'zh-CN' ? '是' : 'Yes') : locale === 'zh-CN' ? '否' : 'No'),
  parseCsv: (_f, cell) => {
    const v = cell.trim().toLowerCase();
    if (TRUE.has(v)) return { ok: true, value: true };
    if (FALSE.has(v)) return { ok: true, value: false };
    return { ok: false, message: `"${cell}" is not yes/no` };
  },
  formatCsv: (_f, v) => (v === true ? 'true' : 'false'),
});
