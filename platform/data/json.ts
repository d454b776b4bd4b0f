/**
 * Lists answered as JSON text that Postgres builds. A REST list page is the one read whose rows go
 * straight to the wire: parsing some thirty columns per row in Node, converting them and
 * serialising them again cost more than the rest of the request together. Here each row arrives
 * as one text value, the JSON of the record exactly as `rowToRecord` shapes it (the same property
 * order and values, see tests/integration/data/json.test.ts), and the page is their concatenation.
 * Each property's SQL comes from its field type (ColumnReader.jsonSql), as `read` does in Node.
 */
import { ident } from '../core/identifiers';
import { isoJsonSql } from '../fields/datetime';
import { fieldType } from '../fields/registry';
import type { ColumnReader } from '../fields/types';
import type { ObjectModel } from '../metadata/model';
import { dbOf, requireObject, type RecordContext } from './context';
import { listStatementName, queryList } from './prepared';
import { compileList, filterAccess, pageRows, type ListOptions } from './read';

/** Properties every record starts with, in rowToRecord's order, and their default conversion. */
const SYSTEM: ColumnReader[] = [
  { prop: 'id', column: 'id' },
  { prop: 'name', column: 'name' },
  { prop: 'owner', column: 'owner' },
  { prop: 'created_at', column: 'created_at', jsonSql: isoJsonSql },
  { prop: 'updated_at', column: 'updated_at', jsonSql: isoJsonSql },
  { prop: 'created_by', column: 'created_by' },
  { prop: 'updated_by', column: 'updated_by' },
  { prop: 'version', column: 'version' },
];

const PROPERTY = /^[a-z_][a-z0-9_]*$/;
const cache = new WeakMap<ObjectModel, string>();

/** The JSON value of one property: null stays null unless the type gives a value for it. */
function valueSql(r: ColumnReader, alias: string): string {
  const column = `${ident(alias)}.${ident(r.column)}`;
  const json = r.jsonSql ? r.jsonSql(column) : `to_json(${column})::text`;
  if (r.nullValue === undefined || r.nullValue === null) return `COALESCE(${json}, 'null')`;
  // A fixed value from metadata (a currency code): JSON text, quoted as an SQL literal.
  return `COALESCE(${json}, ${sqlLiteral(JSON.stringify(r.nullValue))})`;
}

/** A string constant as SQL text (standard_conforming_strings is on in every supported Postgres). */
function sqlLiteral(text: string): string {
  if (text.includes('\0')) throw new Error('NUL in an SQL literal');
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * SQL for the JSON text of a record of `obj` (as the caller's metadata view has it: fields the
 * caller may not read are not in it), from the row alias `alias`. Built once per metadata view.
 */
function recordJsonSql(obj: ObjectModel, alias = 't'): string {
  const cached = alias === 't' ? cache.get(obj) : undefined;
  if (cached) return cached;
  const readers = new Map<string, ColumnReader>();
  for (const r of SYSTEM) readers.set(r.prop, r);
  // A field's own reader wins over the system default, in the system property's place (as in rowToRecord).
  for (const f of obj.fields) for (const r of fieldType(f).readers(f)) readers.set(r.prop, r);
  const parts: string[] = [];
  for (const r of readers.values()) {
    // Property names are API names (validated identifiers): safe inside the literal, checked again here.
    if (!PROPERTY.test(r.prop)) throw new Error(`unexpected property name ${r.prop}`);
    parts.push(`'${parts.length ? ',' : '{'}"${r.prop}":' || ${valueSql(r, alias)}`);
  }
  const sql = `${parts.join(' || ')} || '}'`;
  if (alias === 't') cache.set(obj, sql);
  return sql;
}

/**
 * A list page as the JSON text of `{ records, nextCursor }`: the same records, access and paging
 * as listRecords (live records only; the recycle bin and lookup names use listRecords).
 */
export async function listRecordsJson(ctx: RecordContext, objectName: string, opts: Omit<ListOptions, 'withNames'> = {}): Promise<string> {
  const obj = requireObject(ctx, objectName, 'read');
  const related = await filterAccess(ctx, obj, opts.filter);
  const compiled = compileList(ctx, obj, opts, await ctx.security.plan(obj.name, 'read'), 'live', related);
  // The sort key columns come along for the next page's cursor.
  const keyColumns = [...new Set(compiled.keys.map((k) => k.column))];
  const sql = `SELECT ${recordJsonSql(obj)} AS "$json", ${keyColumns.map((c) => `"t".${ident(c)}`).join(', ')} FROM (${compiled.sql}) AS "t" ${compiled.order}`;
  const name = listStatementName(ctx.meta, sql, opts);
  const res = await queryList<Record<string, unknown> & { $json: string }>(dbOf(ctx), sql, compiled.values, name);
  const page = pageRows(compiled, res.rows);
  return `{"records":[${page.rows.map((r) => r.$json).join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`;
}
