/** Detail-row cells of a report, formatted by their field type as lists format them. */
import type { Locale } from '../../core/i18n';
import type { FieldDef } from '../../fields/types';
import { fieldType } from '../../fields/registry';
import type { ReportResultColumn } from '../../reports/types';
import type { FieldTypeInfo } from './measureFormat';

// The engine sends lookups as the parent's name and picklists as their label, in the viewer's language.
const AS_TEXT = new Set(['lookup', 'user', 'text', 'long_text', 'picklist', 'multi_picklist', 'department', 'role', 'aggregate', 'formula']);

/** A detail cell as text: the field type's formatter when the type is known, else the value as sent. */
export function formatCell(column: ReportResultColumn, row: Record<string, unknown>, locale: Locale, field?: FieldTypeInfo): string {
  const value = row[column.key];
  if (value === null || value === undefined || value === '') return '';
  const type = field?.type ?? column.type;
  if (AS_TEXT.has(type) || typeof value === 'object') return typeof value === 'object' ? JSON.stringify(value) : String(value);
  try {
    const def = { name: column.key, label: { en: column.label, zh: column.label }, ...field, type } as unknown as FieldDef;
    const currency = row[`${column.key}$currency`];
    return String(fieldType(def).format(def, typeof currency === 'string' ? { amount: value, currency } : value, locale));
  } catch {
    return String(value);
  }
}
