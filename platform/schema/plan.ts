/**
 * Computes the DDL that brings a workspace schema in line with effective metadata. Additive only:
 * it creates schemas, tables, columns, foreign keys and indexes; it never drops, renames or
 * narrows. Columns whose live type differs from metadata are reported as drift, not changed.
 */
import { ident, qualified } from '../core/identifiers';
import { fieldType } from '../fields/registry';
import type { ColumnSpec } from '../fields/types';
import type { MetadataModel, ObjectModel } from '../metadata/model';
import type { Catalog } from './catalog';
import { isLookup } from '../fields/guards';
import { objectIndexes } from './indexes';
import { MAINTAINED_COLUMNS } from './maintained';
import { dbName } from './names';

export interface SchemaAction {
  description: string;
  sql: string;
  /** Creates the users mirror: converge copies the workspace's users into it right after. */
  fillsUsers?: boolean;
}

/** The workspace's copy of its user ids (kept in step by triggers on public.users). */
export const USER_MIRROR = 'tessera_user';

export interface SchemaPlan {
  actions: SchemaAction[];
  /** Columns whose live type differs from metadata (left alone). */
  drift: string[];
}

const CANONICAL: Record<string, string> = { 'timestamptz(3)': 'timestamp(3) with time zone' };

function columnSql(c: ColumnSpec): string {
  return `${ident(c.name)} ${c.sqlType}${c.defaultSql ? ` DEFAULT ${c.defaultSql}` : ''}${c.notNull ? ' NOT NULL' : ''}`;
}

function systemColumnsSql(): string[] {
  return [
    '"id" uuid PRIMARY KEY DEFAULT gen_random_uuid()',
    '"name" text',
    '"owner" uuid',
    '"created_at" timestamptz(3) NOT NULL DEFAULT now()',
    '"updated_at" timestamptz(3) NOT NULL DEFAULT now()',
    '"created_by" uuid',
    '"updated_by" uuid',
    '"version" integer NOT NULL DEFAULT 1',
    '"deleted_at" timestamptz(3)',
  ];
}

/** Columns of metadata fields; a `name` field is stored in the system `name` column. */
function fieldColumns(obj: ObjectModel): ColumnSpec[] {
  return obj.fields.flatMap((f) => fieldType(f).columns(f)).filter((c) => c.name !== 'name' && !c.virtual);
}

/** The maintained system columns every table carries (schema/maintained.ts). */
function maintainedColumns(): ColumnSpec[] {
  return MAINTAINED_COLUMNS.map((c) => ({ name: c.column, sqlType: c.sqlType }));
}

export function planSchema(meta: MetadataModel, schema: string, live: Catalog): SchemaPlan {
  const actions: SchemaAction[] = [];
  const drift: string[] = [];
  if (!live.schemaExists) actions.push({ description: `create schema ${schema}`, sql: `CREATE SCHEMA ${ident(schema)}` });
  if (!live.tables.has('tessera_autonumber')) {
    actions.push({
      description: 'create auto-number counters',
      sql: `CREATE TABLE ${qualified(schema, 'tessera_autonumber')} ("object" text NOT NULL, "field" text NOT NULL, "period" text NOT NULL, "value" bigint NOT NULL, PRIMARY KEY ("object", "field", "period"))`,
    });
  }

  if (!live.tables.has(USER_MIRROR)) {
    actions.push({
      description: 'create user references',
      sql: `CREATE TABLE ${qualified(schema, USER_MIRROR)} ("id" uuid PRIMARY KEY)`,
      fillsUsers: true,
    });
  }

  // Phase 1: tables and columns of every object, so phase 2 can reference any table.
  for (const obj of meta.objects.values()) {
    const table = qualified(schema, obj.name);
    const liveCols = live.tables.get(obj.name);
    const columns = [...fieldColumns(obj), ...maintainedColumns()];
    if (!liveCols) {
      actions.push({
        description: `create table ${obj.name}`,
        sql: `CREATE TABLE ${table} (\n  ${[...systemColumnsSql(), ...columns.map(columnSql)].join(',\n  ')}\n)`,
      });
      continue;
    }
    for (const c of columns) {
      const existing = liveCols.get(c.name);
      if (!existing) {
        actions.push({ description: `add column ${obj.name}.${c.name}`, sql: `ALTER TABLE ${table} ADD COLUMN ${columnSql(c)}` });
      } else if (existing.type !== (CANONICAL[c.sqlType] ?? c.sqlType)) {
        drift.push(`${obj.name}.${c.name}: live ${existing.type}, metadata ${c.sqlType}`);
      }
    }
  }
  // Phase 2: foreign keys of lookups to their targets.
  for (const obj of meta.objects.values()) {
    const table = qualified(schema, obj.name);
    for (const f of obj.fields) {
      if (!isLookup(f)) continue; // a link to a record of the workspace (owners point at users, through the users mirror)
      const fk = dbName(obj.name, f.name, 'fkey');
      if (live.constraints.has(fk)) continue;
      const onDelete = f.onDelete === 'restrict' ? 'RESTRICT' : 'SET NULL';
      actions.push({
        description: `link ${obj.name}.${f.name} to ${f.target}`,
        sql: `ALTER TABLE ${table} ADD CONSTRAINT ${ident(fk)} FOREIGN KEY (${ident(f.name)}) REFERENCES ${qualified(schema, f.target)}("id") ON DELETE ${onDelete}`,
      });
    }
  }
  // Phase 3: indexes.
  for (const obj of meta.objects.values()) {
    const table = qualified(schema, obj.name);
    for (const ix of objectIndexes(obj, meta)) {
      if (live.indexes.has(ix.name)) continue;
      actions.push({
        description: `index ${ix.name}`,
        sql: `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${ident(ix.name)} ON ${table} ${ix.body}${ix.where ? ` WHERE ${ix.where}` : ''}`,
      });
    }
  }
  // Phase 4: owner and audit columns to the workspace's users. Not to public.users: a foreign key
  // adds triggers to the table it references, and with every workspace referencing public.users it
  // carried 60 per workspace, which slowed every write to users and each new workspace's creation.
  // A workspace converged before that gets the new key and loses the old one (same check, other target).
  for (const obj of meta.objects.values()) {
    const table = qualified(schema, obj.name);
    for (const col of ['owner', 'created_by', 'updated_by']) {
      const fk = dbName(obj.name, col, 'user_fkey');
      if (live.constraints.has(fk)) continue;
      actions.push({
        description: `link ${obj.name}.${col} to users`,
        sql: `ALTER TABLE ${table} ADD CONSTRAINT ${ident(fk)} FOREIGN KEY (${ident(col)}) REFERENCES ${qualified(schema, USER_MIRROR)}("id")`,
      });
      const old = dbName(obj.name, col, 'fkey');
      if (live.constraints.has(old)) {
        actions.push({ description: `unlink ${obj.name}.${col} from public.users`, sql: `ALTER TABLE ${table} DROP CONSTRAINT ${ident(old)}` });
      }
    }
  }
  return { actions, drift };
}
