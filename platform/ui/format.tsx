'use client';
/** Display of a field value on lists and detail pages, using the field-type registry's formatters. */
import type { Locale } from '../core/i18n';
import { fieldType } from '../fields/registry';
import type { FieldDef, FieldTypeModule } from '../fields/types';
import { RecordLink } from './RecordLink';
import type { FieldInfo, RecordValues } from './types';

/** The type module of a described field (its description carries the parameters the module reads). */
export function typeOf(field: FieldInfo): FieldTypeModule {
  return fieldType(field as unknown as FieldDef);
}

export function displayValue(field: FieldInfo, record: RecordValues, locale: Locale): React.ReactNode {
  const value = record[field.name];
  if (value === null || value === undefined || value === '') return '';
  // A user lookup (owner, created_by...) is described as 'user': its name, never a link.
  if (field.type === 'user') return record.$names?.[field.name] ?? '';
  const type = typeOf(field);
  const def = field as unknown as FieldDef;
  if (type.display === 'record' && field.name !== 'id') {
    const name = record.$names?.[field.name] ?? String(value);
    return field.target ? (
      <RecordLink object={String(field.target)} recordId={value}>
        {name}
      </RecordLink>
    ) : (
      name
    );
  }
  if (type.display === 'link')
    return (
      <a href={String(value)} target="_blank" rel="noopener noreferrer">
        {String(value)}
      </a>
    );
  if (type.display === 'mailto') return <a href={`mailto:${String(value)}`}>{String(value)}</a>;
  return type.format(def, type.displayed ? type.displayed(def, record) : value, locale);
}
