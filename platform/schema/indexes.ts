/**
 * The indexes an object needs: lookups (related lists, joins), owner, unique fields, fields marked
 * `indexed`, the sorts of its list views (in the exact order lists use, each also owner-first),
 * name search (trigram). The owner-first sort indexes also serve lookups by owner.
 * Nulls sort as the smallest value (ASC NULLS FIRST, DESC NULLS LAST), so one index serves a
 * sort and its reverse; the record id breaks ties.
 */
import { ident } from '../core/identifiers';
import { fieldType } from '../fields/registry';
import type { MetadataModel, ObjectModel } from '../metadata/model';
import { MAINTAINED_COLUMNS } from './maintained';
import { dbName } from './names';

export interface IndexSpec {
  name: string;
  /** Column list (quoted, with directions) or a full USING clause. */
  body: string;
  unique?: boolean;
  where?: string;
}

export interface SortKeySpec {
  column: string;
  dir: 'asc' | 'desc';
}

/** ORDER BY / index column text for a sort key, with the nulls-are-smallest convention. */
export function sortKeySql(key: SortKeySpec, alias?: string): string {
  const col = alias ? `${ident(alias)}.${ident(key.column)}` : ident(key.column);
  return key.dir === 'asc' ? `${col} ASC NULLS FIRST` : `${col} DESC NULLS LAST`;
}

/**
 * The index serving a sort (and its exact reverse): normalised so the first key ascends. With
 * `byOwner`, the owner comes first: the same sort for one owner's records, which is how lists of
 * users who see only their own (and their team's) records stay as fast as unrestricted ones.
 */
function sortIndex(table: string, keys: SortKeySpec[], byOwner = false): IndexSpec {
  const flip = keys[0]?.dir === 'desc';
  const norm = keys.map((k) => ({ column: k.column, dir: (flip ? (k.dir === 'asc' ? 'desc' : 'asc') : k.dir) as 'asc' | 'desc' }));
  const last = norm[norm.length - 1]?.dir ?? 'asc';
  const withId = norm.some((k) => k.column === 'id') ? norm : [...norm, { column: 'id', dir: last }];
  const name = dbName(table, byOwner ? 'own' : 'sort', ...withId.map((k) => (k.dir === 'desc' ? `${k.column}_d` : k.column)));
  return { name, body: `(${byOwner ? '"owner", ' : ''}${withId.map((k) => sortKeySql(k)).join(', ')})` };
}

/** A sort index and its owner-first twin. */
function sortIndexes(table: string, keys: SortKeySpec[]): IndexSpec[] {
  return [sortIndex(table, keys), sortIndex(table, keys, true)];
}

export function objectIndexes(obj: ObjectModel, meta: MetadataModel): IndexSpec[] {
  const t = obj.name;
  const out = new Map<string, IndexSpec>();
  const add = (spec: IndexSpec) => out.set(spec.name, spec);
  add({ name: dbName(t, 'name_trgm'), body: 'USING gin ("name" gin_trgm_ops)' });
  // Names starting with a text too short for trigrams (global search of "周杰").
  add({ name: dbName(t, 'name_prefix'), body: '("name" text_pattern_ops)' });
  for (const column of ['name', 'created_at', 'updated_at']) sortIndexes(t, [{ column, dir: 'asc' }]).forEach(add);
  for (const c of MAINTAINED_COLUMNS) c.indexes(t).forEach(add);
  add({ name: dbName(t, 'deleted_idx'), body: '("deleted_at" ASC NULLS FIRST, "id" ASC)', where: '"deleted_at" IS NOT NULL' });
  for (const f of obj.fields) {
    const type = fieldType(f);
    if (type.columns(f)[0].virtual) continue;
    const col = type.columns(f)[0].name;
    // Contains-matches of global search and list search: trigram GIN (name has its own above).
    if ((type.globalSearch || obj.searchFields.includes(f.name)) && col !== 'name') add({ name: dbName(t, col, 'trgm'), body: `USING gin (${ident(col)} gin_trgm_ops)` });
    for (const p of type.partialIndexes?.(f) ?? []) add({ name: dbName(t, col, p.suffix), body: '("id")', where: p.where });
    if (type.alwaysIndexed) add({ name: dbName(t, col, 'idx'), body: `(${ident(col)})` });
    if (f.unique) add({ name: dbName(t, col, 'key'), body: `(${ident(col)})`, unique: true, where: '"deleted_at" IS NULL' });
    if (f.indexed && type.sortable) sortIndexes(t, [{ column: col, dir: 'asc' }]).forEach(add);
    else if (f.indexed && type.unsortedIndex === 'gin') add({ name: dbName(t, col, 'gin'), body: `USING gin (${ident(col)})` });
  }
  for (const view of meta.views.get(obj.name) ?? []) {
    // A sort on a virtual column (a formula, computed when read) cannot use an index.
    const virtual = (name: string) => {
      const f = obj.fieldMap.get(name);
      return !f || fieldType(f).columns(f)[0].virtual === true;
    };
    if (view.sort?.length && !view.sort.some((s) => virtual(s.field))) {
      const keys = view.sort.map((s) => {
        const f = obj.fieldMap.get(s.field)!;
        return { column: fieldType(f).columns(f)[0].name, dir: (s.dir ?? 'asc') as 'asc' | 'desc' };
      });
      sortIndexes(t, keys).forEach(add);
    }
  }
  return [...out.values()];
}
