/** Conversion between table rows and API records. */
import { isoFromPg } from '../core/time';
import { fieldType } from '../fields/registry';
import type { ColumnReader } from '../fields/types';
import type { ObjectModel } from '../metadata/model';

export type RecordData = Record<string, unknown>;

const readersCache = new WeakMap<ObjectModel, ColumnReader[]>();

/** Every column -> property conversion of an object, flattened once per metadata revision. */
function readersOf(obj: ObjectModel): ColumnReader[] {
  let readers = readersCache.get(obj);
  if (!readers) {
    readers = obj.fields.flatMap((f) => fieldType(f).readers(f));
    readersCache.set(obj, readers);
  }
  return readers;
}

/** A row of a record table as the API returns it: system fields, then every field's properties. */
export function rowToRecord(obj: ObjectModel, row: Record<string, unknown>): RecordData {
  const rec: RecordData = {
    id: row.id,
    name: row.name ?? null,
    owner: row.owner ?? null,
    created_at: isoFromPg(row.created_at),
    updated_at: isoFromPg(row.updated_at),
    created_by: row.created_by ?? null,
    updated_by: row.updated_by ?? null,
    version: Number(row.version),
  };
  for (const r of readersOf(obj)) {
    const v = row[r.column];
    rec[r.prop] = v === null || v === undefined ? (r.nullValue ?? null) : r.read ? r.read(v) : v;
  }
  if (row.deleted_at) rec.deleted_at = isoFromPg(row.deleted_at);
  return rec;
}
