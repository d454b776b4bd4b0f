/** Parse a sort specification ("amount,-close_date") against an object's sortable fields. */
import { AppError } from '../core/errors';
import { t, type Locale } from '../core/i18n';
import { fieldType } from '../fields/registry';
import type { FieldDef } from '../fields/types';
import type { ObjectModel } from '../metadata/model';
import type { SortKeySpec } from '../schema/indexes';

export interface SortKey extends SortKeySpec {
  field: FieldDef;
}

// The owner sorts by the user's id: records group by owner (the owner-first indexes serve it).
const SORTABLE_SYSTEM = new Set(['id', 'name', 'owner', 'created_at', 'updated_at', 'version']);

/** Whether lists may sort by a field. */
export function sortable(f: FieldDef): boolean {
  return f.system ? SORTABLE_SYSTEM.has(f.name) : fieldType(f).sortable;
}

/** Accepts "a,-b" or [{field, dir}]; at most 5 keys; the record id is appended as the tiebreaker. */
export function parseSort(input: string | { field: string; dir?: 'asc' | 'desc' }[] | undefined, obj: ObjectModel, locale: Locale): SortKey[] {
  const items: { field: string; dir: 'asc' | 'desc' }[] = [];
  if (typeof input === 'string') {
    for (const part of input.split(',')) {
      const p = part.trim();
      if (!p) continue;
      const m = /^([+-]?)([a-z][a-z0-9_]{0,62})$/.exec(p);
      if (!m)
        throw new AppError('INVALID_SORT', t(locale, 'sort.malformed', { sort: p }), [
          { pointer: '/sort', code: 'sort.malformed', message: t(locale, 'sort.malformed', { sort: p }) },
        ]);
      items.push({ field: m[2], dir: m[1] === '-' ? 'desc' : 'asc' });
    }
  } else if (Array.isArray(input)) {
    for (const s of input) items.push({ field: s.field, dir: s.dir === 'desc' ? 'desc' : 'asc' });
  }
  if (items.length > 5) {
    const message = t(locale, 'sort.tooMany', { max: 5 });
    throw new AppError('INVALID_SORT', message, [{ pointer: '/sort', code: 'sort.tooMany', message }]);
  }
  const keys: SortKey[] = [];
  for (const it of items) {
    const f = obj.fieldMap.get(it.field);
    if (!f || !sortable(f)) {
      throw new AppError('INVALID_SORT', t(locale, 'sort.unknownField', { field: it.field }), [
        { field: it.field, pointer: '/sort', code: 'sort.unknownField', message: t(locale, 'sort.unknownField', { field: it.field }) },
      ]);
    }
    if (keys.some((k) => k.field.name === f.name)) continue;
    keys.push({ field: f, column: fieldType(f).columns(f)[0].name, dir: it.dir });
    if (f.name === 'id') break;
  }
  if (!keys.some((k) => k.field.name === 'id')) {
    const idField = obj.fieldMap.get('id')!;
    keys.push({ field: idField, column: 'id', dir: keys[keys.length - 1]?.dir ?? 'asc' });
  }
  return keys;
}

/** A short signature of a sort, stored in cursors so a cursor cannot be replayed against another sort. */
export function sortSignature(keys: SortKey[]): string {
  return keys.map((k) => (k.dir === 'desc' ? `-${k.column}` : k.column)).join(',');
}
