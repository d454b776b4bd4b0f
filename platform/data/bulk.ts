/**
 * Bulk insert for seeds, imports and benchmarks: each record is validated exactly as createRecord
 * validates its input, and the filling write steps run; the checking steps do
 * not (a trusted path: no gates or validation rules). Rows go in with one `INSERT ... SELECT FROM unnest($1::type[], ...)` per chunk
 * (one bind parameter per column, so chunks can be large), all in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../core/errors';
import { ident, qualified } from '../core/identifiers';
import { t } from '../core/i18n';
import { autoNumberPeriod, formatAutoNumber } from '../fields/auto_number';
import { fieldType } from '../fields/registry';
import { clock } from '../core/time';
import { objectOf, type RecordContext } from './context';
import { newWrite, runPhase, type Clock } from './steps';
import { normaliseInput, validateInput } from './validate';

export interface BulkRow {
  values: Record<string, unknown>;
  /** Optional system values (seeds set realistic history; owner defaults to the caller). */
  owner?: string;
  createdAt?: string;
  id?: string;
}

const SYSTEM_TYPES: Record<string, string> = {
  id: 'uuid',
  name: 'text',
  owner: 'uuid',
  created_by: 'uuid',
  updated_by: 'uuid',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
};

/** Validate and insert rows; throws VALIDATION_FAILED naming the row index and field of every problem. */
export async function bulkInsert(ctx: RecordContext, client: pg.PoolClient, objectName: string, rows: BulkRow[], chunkSize = 20_000): Promise<number> {
  const obj = objectOf(ctx, objectName);
  const full = ctx.security.fullMeta.objects.get(obj.name) ?? obj;
  const columnTypes = new Map<string, string>(Object.entries(SYSTEM_TYPES));
  for (const f of full.fields) for (const c of fieldType(f).columns(f)) columnTypes.set(c.name, c.sqlType.replace(/\(.*\)/, ''));
  const prepared: Record<string, unknown>[] = [];
  const states: Map<string, unknown>[] = [];
  const errors: AppError['details'] = [];
  const now = clock();
  for (const [i, row] of rows.entries()) {
    const input = normaliseInput(obj, row.values);
    for (const f of obj.fields) if (f.default !== undefined && input[f.name] === undefined) input[f.name] = f.default;
    for (const e of validateInput(ctx.meta, obj, input, 'create', ctx.locale)) errors.push({ ...e, pointer: `/${i}/${e.field ?? ''}` });
    // An owner the row names counts as named by the caller (assignment keeps it unless told otherwise).
    if (row.owner && input.owner === undefined) input.owner = row.owner;
    const write = newWrite('create', obj, full, now, { input, bulk: true });
    if (row.createdAt) {
      // The seeded record's own "now" (its stage date), computed only when a step reads it:
      // a clock costs microseconds, times a million rows.
      let at: Clock | undefined;
      const createdAt = new Date(row.createdAt);
      Object.defineProperty(write, 'at', { get: () => (at ??= clock(createdAt)) });
    }
    await runPhase('beforeValidation', ctx, client, write);
    for (const e of write.errors) errors.push({ ...e, pointer: `/${i}/${e.field ?? ''}` });
    const cols: Record<string, unknown> = {};
    for (const f of full.fields) Object.assign(cols, fieldType(f).toColumns(f, input));
    if (obj.nameField !== 'name') cols.name = input[obj.nameField];
    cols.owner = write.unowned ? null : (input.owner ?? row.owner ?? ctx.user.id);
    cols.created_by = cols.updated_by = ctx.user.id;
    if (row.createdAt) cols.created_at = cols.updated_at = row.createdAt;
    // Ids are chosen here, not by the table's default, so after-write steps can name each row.
    cols.id = row.id ?? randomUUID();
    prepared.push(cols);
    states.push(write.state);
  }
  if (errors.length) throw new AppError('VALIDATION_FAILED', t(ctx.locale, 'validation.failed'), errors.slice(0, 100));
  // Auto numbers: reserve one block of the counter for all rows, in order.
  for (const f of obj.fields) {
    if (f.type !== 'auto_number' || !f.pattern || prepared.length === 0) continue;
    const now = new Date();
    const res = await client.query<{ value: string }>(
      `INSERT INTO ${qualified(ctx.workspace.schema, 'tessera_autonumber')} AS a ("object", "field", "period", "value") VALUES ($1, $2, $3, $4)
       ON CONFLICT ("object", "field", "period") DO UPDATE SET "value" = a."value" + $4 RETURNING "value"`,
      [obj.name, f.name, autoNumberPeriod(f.pattern, now), prepared.length],
    );
    const first = Number(res.rows[0].value) - prepared.length + 1;
    prepared.forEach((cols, i) => {
      cols[f.name] = formatAutoNumber(f.pattern, now, first + i);
    });
  }
  if (obj.nameField !== 'name' && obj.fieldMap.get(obj.nameField)?.type === 'auto_number') for (const cols of prepared) cols.name = cols[obj.nameField];
  const names = [...new Set(prepared.flatMap((r) => Object.keys(r)))];
  const table = qualified(ctx.workspace.schema, obj.name);
  for (let start = 0; start < prepared.length; start += chunkSize) {
    const chunk = prepared.slice(start, start + chunkSize);
    // Arrays of arrays (multi-picklists) cannot go through unnest; those rows are rare in bulk loads.
    const params = names.map((n) =>
      chunk.map((r) => {
        const v = r[n] ?? null;
        return Array.isArray(v) ? `{${v.map((x) => `"${String(x).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}` : v;
      }),
    );
    const casts = names.map((n, i) => {
      const type = columnTypes.get(n) ?? 'text';
      return type.endsWith('[]') ? `$${i + 1}::text[]` : `$${i + 1}::${type}[]`;
    });
    const selects = names.map((n) => {
      const type = columnTypes.get(n) ?? 'text';
      return type.endsWith('[]') ? `${ident(n)}::text[]` : ident(n);
    });
    await client.query(
      `INSERT INTO ${table} (${names.map(ident).join(', ')}) SELECT ${selects.join(', ')} FROM unnest(${casts.join(', ')}) AS u(${names.map(ident).join(', ')})`,
      params,
    );
  }
  // What follows a write, once for all rows (`after` holds the inserted column values).
  const write = newWrite('create', obj, full, clock(), { bulk: true, rows: prepared.map((after) => ({ before: null, after })), rowStates: states });
  await runPhase('afterWrite', ctx, client, write);
  return prepared.length;
}
