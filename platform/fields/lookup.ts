/** A reference to a record of another object: a uuid column with a real foreign key and an index. */
import { ID_OPERATORS, scalarType } from './common';
import { isLookup } from './guards';
import type { LookupFieldDef, UserLookupFieldDef } from './types';

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const lookupType = scalarType<LookupFieldDef | UserLookupFieldDef>({
  type: 'lookup',
  label: { en: 'Lookup', zh: '查找关系' },
  valueKind: 'uuid',
  params: {
    properties: {
      target: { $ref: '#/$defs/apiName' },
      onDelete: { enum: ['set_null', 'restrict'] },
      relatedLabel: { $ref: '#/$defs/label' },
    },
    required: ['target'],
  },
  sqlType: () => 'uuid',
  schema: () => ({ type: 'string', pattern: UUID_PATTERN, 'x-message': 'validation.uuid' }),
  widget: (f) => ({ 'ui:widget': 'lookup', 'ui:options': { target: f.target } }),
  operators: ID_OPERATORS,
  sortable: false,
  notACompactColumn: true,
  alwaysIndexed: true,
  formulaType: 'text',
  display: 'record',
  filterInput: 'lookup',
  // Pointing at another object is refused while records link to the old one (their ids mean nothing there).
  changeChecks: (before, after) => (isLookup(before) && isLookup(after) && before.target !== after.target ? [{ check: 'target', from: before.target }] : []),
  write: (v) => String(v).toLowerCase(),
  parseCsv: (_f, cell) => {
    const v = cell.trim();
    if (v === '') return { ok: true, value: null };
    return new RegExp(UUID_PATTERN).test(v) ? { ok: true, value: v.toLowerCase() } : { ok: false, message: `"${v}" is not a record id` };
  },
});
