'use client';
/** Display of a field value on lists and detail pages, using the field-type registry's formatters. */
import Link from 'next/link';
import type { Locale } from '../core/i18n';
import { currencyColumn } from '../fields/currency';
import { fieldType } from '../fields/registry';
import type { FieldDef } from '../fields/types';
import type { FieldInfo, RecordValues } from './types';

export function displayValue(field: FieldInfo, record: RecordValues, locale: Locale): React.ReactNode {
  const value = record[field.name];
  if (value === null || value === undefined || value === '') return '';
  if (field.type === 'user') return record.$names?.[field.name] ?? '';
  if (field.type === 'lookup' && field.name !== 'id') {
    const name = record.$names?.[field.name] ?? String(value);
    return field.target ? <Link href={`/o/${field.target}/${String(value)}`}>{name}</Link> : name;
  }
  if (field.type === 'url')
    return (
      <a href={String(value)} target="_blank" rel="noopener noreferrer">
        {String(value)}
      </a>
    );
  if (field.type === 'email') return <a href={`mailto:${String(value)}`}>{String(value)}</a>;
  const def = field as unknown as FieldDef;
  if (field.type === 'currency') return fieldType(def).format(def, { amount: value, currency: record[currencyColumn(def)] as string }, locale);
  return fieldType(def).format(def, value, locale);
}
