/**
 * Writing records: create, update (optimistic concurrency on `version`), soft delete into the
 * recycle bin, restore. Each call is one transaction, checks object rights and record access,
 * writes field history, and turns database errors (unique, foreign key) into field errors. What
 * capabilities add to a write runs as the installed write steps, phase by phase (steps.ts); this
 * file names none of them.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AppError, type ErrorDetail } from '../core/errors';
import { ident, qualified } from '../core/identifiers';
import { pickLabel, t } from '../core/i18n';
import { Params } from '../core/sql';
import { withTransaction } from '../db/pool';
import { autoNumberPeriod, formatAutoNumber } from '../fields/auto_number';
import { isLookup } from '../fields/guards';
import { fieldType } from '../fields/registry';
import type { AutoNumberFieldDef } from '../fields/types';
import type { ObjectModel } from '../metadata/model';
import { systemRecordContext } from '../security/context';
import { diffRecords, writeHistory } from '../security/history';
import { requireObject, type RecordContext } from './context';
import { isRecordId, lockAccessibleRecord, mayAccessRecord, notFound } from './read';
import { recordSource } from './source';
import { newWrite, quietFields, runPhase, type RecordWrite } from './steps';
import { clock } from '../core/time';
import { normaliseInput, validateInput } from './validate';
import { rowToRecord, type RecordData } from './values';

export interface UpdateOptions {
  /** When given, the update fails with CONFLICT unless the record is still at this version. */
  expectedVersion?: number;
}

function validationError(ctx: RecordContext, details: ErrorDetail[]): AppError {
  return new AppError('VALIDATION_FAILED', details.length === 1 ? details[0].message : t(ctx.locale, 'validation.failed'), details);
}

function forbidden(ctx: RecordContext, code: string, field?: string): AppError {
  const message = t(ctx.locale, 'auth.forbidden');
  return new AppError('FORBIDDEN', message, [{ code, message, ...(field ? { field } : {}) }]);
}

function requireObjectBody(ctx: RecordContext, input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AppError('BAD_REQUEST', t(ctx.locale, 'request.bodyObject'), [{ pointer: '/', code: 'request.bodyObject', message: t(ctx.locale, 'request.bodyObject') }]);
  }
  return input as Record<string, unknown>;
}

/** Column values for the given (validated) input. */
function columnsFor(obj: ObjectModel, input: Record<string, unknown>): Record<string, unknown> {
  const cols: Record<string, unknown> = {};
  for (const f of obj.fields) Object.assign(cols, fieldType(f).toColumns(f, input));
  if ('owner' in input) cols.owner = input.owner;
  if (obj.nameField !== 'name' && obj.nameField in input) cols.name = input[obj.nameField];
  return cols;
}

/**
 * Referenced records must exist, not be in the recycle bin, and be visible to the caller (you
 * cannot link to what you cannot see); owners must be active users of the workspace.
 */
async function checkReferences(ctx: RecordContext, client: pg.PoolClient, obj: ObjectModel, input: Record<string, unknown>): Promise<ErrorDetail[]> {
  const errors: ErrorDetail[] = [];
  const lookups = obj.allFields.filter((f) => f.type === 'lookup' && (f.name === 'owner' || !f.system) && typeof input[f.name] === 'string');
  for (const f of lookups) {
    const id = String(input[f.name]).toLowerCase();
    const found = !isLookup(f)
      ? ((await client.query('SELECT 1 FROM "public"."users" WHERE id = $1 AND active AND workspace_id = $2', [id, ctx.workspace.id])).rowCount ?? 0) > 0
      : ctx.security.perms.object(f.target).read && (await mayAccessRecord(ctx, f.target, id, 'read', 'live', client));
    if (!found) errors.push({ field: f.name, code: 'lookupMissing', message: t(ctx.locale, 'validation.lookupMissing', { label: pickLabel(f.label, ctx.locale) }) });
  }
  return errors;
}

/** Turn unique and foreign-key violations into field errors; rethrow anything else. */
function mapDbError(ctx: RecordContext, obj: ObjectModel, e: unknown): never {
  const err = e as pg.DatabaseError;
  if (err?.code === '23505' || err?.code === '23503') {
    const field = obj.fields.find((f) => err.constraint?.startsWith(`${obj.name}_${f.name}_`)) ?? obj.fieldMap.get('owner');
    const label = field ? pickLabel(field.label, ctx.locale) : '';
    const detail =
      err.code === '23505'
        ? { field: field?.name, code: 'unique', message: t(ctx.locale, 'validation.unique', { label }) }
        : { field: field?.name, code: 'lookupMissing', message: t(ctx.locale, 'validation.lookupMissing', { label }) };
    throw validationError(ctx, [detail]);
  }
  throw e;
}

async function nextAutoNumber(ctx: RecordContext, client: pg.PoolClient, obj: ObjectModel, f: AutoNumberFieldDef): Promise<string> {
  const now = new Date();
  const period = autoNumberPeriod(f.pattern, now);
  // Gapless within a transaction: the counter row is locked until commit, and rolled back with it.
  const res = await client.query<{ value: string }>(
    `INSERT INTO ${qualified(ctx.workspace.schema, 'tessera_autonumber')} AS a ("object", "field", "period", "value") VALUES ($1, $2, $3, 1)
     ON CONFLICT ("object", "field", "period") DO UPDATE SET "value" = a."value" + 1 RETURNING "value"`,
    [obj.name, f.name, period],
  );
  return formatAutoNumber(f.pattern, now, Number(res.rows[0].value));
}

/** Giving a record to someone else takes the transfer right or modify-all on the object. */
function mayAssignOwners(ctx: RecordContext, object: string): boolean {
  return ctx.security.perms.system.transferRecords || ctx.security.perms.object(object).modifyAll;
}

/** The full object model (all fields), for history: hidden fields are audited too. */
function fullObject(ctx: RecordContext, obj: ObjectModel): ObjectModel {
  return ctx.security.fullMeta.objects.get(obj.name) ?? obj;
}

/** Run in the caller's transaction when the context carries one, else in a new one. */
function inTransaction<T>(ctx: RecordContext, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return ctx.tx ? fn(ctx.tx) : withTransaction(ctx.pool, fn);
}

/**
 * Apply field updates as the platform (those a step asked for, such as a flow's recall updates)
 * in the caller's transaction, and return the row as it then is.
 */
async function applyAsPlatform(ctx: RecordContext, client: pg.PoolClient, obj: ObjectModel, id: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const sys: RecordContext = { ...systemRecordContext(ctx.pool, ctx.workspace, ctx.user, ctx.security.fullMeta, 'automation'), locale: ctx.locale, tx: client };
  await updateRecord(sys, obj.name, id, input);
  return (await client.query(`SELECT * FROM ${qualified(ctx.workspace.schema, obj.name)} WHERE "id" = $1`, [id])).rows[0];
}

/** Throw VALIDATION_FAILED with every problem the steps of the checking phases found. */
function throwErrors(ctx: RecordContext, write: RecordWrite): void {
  if (write.errors.length) throw validationError(ctx, write.errors);
}

/** Fill in and check the record (phases beforeValidation and validate), reporting every problem together. */
async function fillAndValidate(ctx: RecordContext, client: pg.PoolClient, write: RecordWrite): Promise<void> {
  write.own = new Set(Object.keys(write.input));
  write.record = { ...(write.prior ?? {}), ...write.input };
  await runPhase('beforeValidation', ctx, client, write);
  await runPhase('validate', ctx, client, write);
  throwErrors(ctx, write);
}

/** Apply the platform's field updates the steps asked for (recall updates); the row as it then is, or null. */
async function applyPlatformUpdates(ctx: RecordContext, client: pg.PoolClient, write: RecordWrite): Promise<Record<string, unknown> | null> {
  let row: Record<string, unknown> | null = null;
  for (const input of write.platformUpdates.splice(0)) row = await applyAsPlatform(ctx, client, write.obj, write.id!, input);
  return row;
}

/** Create a record; the caller becomes its owner unless `owner` is given. */
export async function createRecord(ctx: RecordContext, objectName: string, body: unknown): Promise<RecordData> {
  const obj = requireObject(ctx, objectName, 'create');
  const input = normaliseInput(obj, requireObjectBody(ctx, body));
  for (const f of obj.fields) {
    if (f.default !== undefined && input[f.name] === undefined) input[f.name] = f.default;
  }
  const full = fullObject(ctx, obj);
  const write = newWrite('create', obj, full, clock(), { input });
  write.errors.push(...validateInput(ctx.meta, obj, input, 'create', ctx.locale));
  await runPhase('input', ctx, null, write);
  throwErrors(ctx, write);
  if (typeof input.owner === 'string' && input.owner.toLowerCase() !== ctx.user.id && !mayAssignOwners(ctx, obj.name)) throw forbidden(ctx, 'owner.assign', 'owner');
  const created = await inTransaction(ctx, async (client) => {
    const refErrors = await checkReferences(ctx, client, obj, input);
    if (refErrors.length) throw validationError(ctx, refErrors);
    await fillAndValidate(ctx, client, write);
    const cols = columnsFor(full, input);
    for (const f of obj.fields) {
      if (f.type === 'auto_number' && f.pattern) cols[f.name] = await nextAutoNumber(ctx, client, obj, f);
    }
    // An auto number can be the record name (e.g. a contract's number).
    if (obj.nameField !== 'name' && obj.fieldMap.get(obj.nameField)?.type === 'auto_number') cols.name = cols[obj.nameField];
    if (write.unowned) cols.owner = null;
    else cols.owner ??= ctx.user.id;
    cols.created_by = ctx.user.id;
    cols.updated_by = ctx.user.id;
    const names = Object.keys(cols);
    const sql = `INSERT INTO ${qualified(ctx.workspace.schema, obj.name)} (${names.map(ident).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`;
    let row: Record<string, unknown>;
    try {
      row = (
        await client.query(
          sql,
          names.map((n) => cols[n]),
        )
      ).rows[0];
    } catch (e) {
      mapDbError(ctx, obj, e);
    }
    write.id = String(row.id);
    await writeHistory(client, ctx, obj.name, [write.id], [{ field: '$created', old: null, new: null }], randomUUID());
    write.rows = [{ before: null, after: rowToRecord(full, row) }];
    await runPhase('afterWrite', ctx, client, write);
    return readBack(ctx, client, obj, row);
  });
  await runPhase('afterCommit', ctx, null, write);
  return created;
}

/** The record as written, with its formula fields computed (one more read only when it has some). */
async function readBack(ctx: RecordContext, client: pg.PoolClient, obj: ObjectModel, row: Record<string, unknown>): Promise<RecordData> {
  if (!obj.fields.some((f) => f.type === 'formula')) return rowToRecord(obj, row);
  const params = new Params();
  const res = await client.query(`SELECT "t".* FROM ${recordSource(ctx.workspace.schema, obj, params)} WHERE "t"."id" = ${params.add(row.id)}::uuid`, params.values);
  return rowToRecord(obj, res.rows[0] ?? row);
}

/** Why a live row was not found for a write: 404 when the caller cannot see it, 403 when they can but may not change it. */
async function missingForWrite(ctx: RecordContext, client: pg.PoolClient, obj: ObjectModel, id: string, code = 'record.edit'): Promise<AppError> {
  return (await mayAccessRecord(ctx, obj.name, id, 'read', 'live', client)) ? forbidden(ctx, code) : notFound(ctx, obj);
}

/** Lock a live record the caller may write (`mode`), or throw 404/403. */
async function lockForWrite(ctx: RecordContext, client: pg.PoolClient, obj: ObjectModel, id: string, mode: 'edit' | 'full'): Promise<Record<string, unknown>> {
  const row = await lockAccessibleRecord(ctx, client, obj.name, id, mode);
  if (!row) throw await missingForWrite(ctx, client, obj, id, mode === 'full' ? 'record.delete' : 'record.edit');
  return row;
}

function staleError(ctx: RecordContext, current: number): AppError {
  const message = t(ctx.locale, 'record.stale', { current });
  return new AppError('CONFLICT', message, [{ field: 'version', code: 'stale', message }]);
}

/** Update the given fields; others keep their values. */
export async function updateRecord(ctx: RecordContext, objectName: string, id: string, body: unknown, opts: UpdateOptions = {}): Promise<RecordData> {
  const obj = requireObject(ctx, objectName, 'edit');
  if (!isRecordId(id)) throw notFound(ctx, obj);
  const input = normaliseInput(obj, requireObjectBody(ctx, body));
  const errors = validateInput(ctx.meta, obj, input, 'update', ctx.locale);
  if (errors.length) throw validationError(ctx, errors);
  const full = fullObject(ctx, obj);
  const write = newWrite('update', obj, full, clock(), { input, id });
  const updated = await inTransaction(ctx, async (client) => {
    const current = await lockForWrite(ctx, client, obj, id, 'edit');
    await runPhase('locked', ctx, client, write);
    if (opts.expectedVersion !== undefined && Number(current.version) !== opts.expectedVersion) throw staleError(ctx, Number(current.version));
    if ('owner' in input && input.owner !== current.owner && !mayAssignOwners(ctx, obj.name)) {
      // Owners, and those above them in the hierarchy, may hand a record over.
      const plan = await ctx.security.plan(obj.name, 'full');
      if (!plan.all && !plan.owners.includes(String(current.owner))) throw forbidden(ctx, 'owner.assign', 'owner');
    }
    const refErrors = await checkReferences(ctx, client, obj, input);
    if (refErrors.length) throw validationError(ctx, refErrors);
    const before = rowToRecord(full, current);
    write.prior = before;
    await fillAndValidate(ctx, client, write);
    const cols = columnsFor(full, input);
    cols.updated_by = ctx.user.id;
    const names = Object.keys(cols);
    const values: unknown[] = names.map((n) => cols[n]);
    const sets = names.map((n, i) => `${ident(n)} = $${i + 1}`);
    values.push(id);
    const sql = `UPDATE ${qualified(ctx.workspace.schema, obj.name)} SET ${sets.join(', ')}, "updated_at" = now(), "version" = "version" + 1 WHERE "id" = $${values.length} RETURNING *`;
    let row: Record<string, unknown>;
    try {
      row = (await client.query(sql, values)).rows[0];
    } catch (e) {
      mapDbError(ctx, obj, e);
    }
    const after = rowToRecord(full, row);
    // Fields a step records itself (a stage date moves with the stage change) are not field changes of their own.
    const quiet = quietFields(full);
    write.changes = diffRecords(before, after, full.nameField).filter((c) => !quiet.has(c.field));
    write.rows = [{ before, after }];
    await writeHistory(client, ctx, obj.name, [id], write.changes, randomUUID());
    await runPhase('afterWrite', ctx, client, write);
    row = (await applyPlatformUpdates(ctx, client, write)) ?? row;
    return readBack(ctx, client, obj, row);
  });
  await runPhase('afterCommit', ctx, null, write);
  return updated;
}

/** Move a record to the recycle bin (needs the delete right and full access: owner, above the owner, or modify all). */
export async function deleteRecord(ctx: RecordContext, objectName: string, id: string, opts: UpdateOptions = {}): Promise<void> {
  const obj = requireObject(ctx, objectName, 'delete');
  if (!isRecordId(id)) throw notFound(ctx, obj);
  const full = fullObject(ctx, obj);
  const write = newWrite('delete', obj, full, clock(), { id });
  await inTransaction(ctx, async (client) => {
    let current = await lockForWrite(ctx, client, obj, id, 'full');
    await runPhase('locked', ctx, client, write);
    if (opts.expectedVersion !== undefined && Number(current.version) !== opts.expectedVersion) throw staleError(ctx, Number(current.version));
    write.prior = rowToRecord(full, current);
    // Steps act before the record goes to the bin; the field updates they ask for run first.
    await runPhase('beforeWrite', ctx, client, write);
    current = (await applyPlatformUpdates(ctx, client, write)) ?? current;
    await client.query(`UPDATE ${qualified(ctx.workspace.schema, obj.name)} SET "deleted_at" = now(), "updated_by" = $2, "version" = "version" + 1 WHERE "id" = $1`, [
      id,
      ctx.user.id,
    ]);
    await writeHistory(client, ctx, obj.name, [id], [{ field: '$deleted', old: null, new: null }], randomUUID());
    write.rows = [{ before: rowToRecord(full, current), after: null }];
    await runPhase('afterWrite', ctx, client, write);
  });
  await runPhase('afterCommit', ctx, null, write);
}

/** Bring a record back from the recycle bin (the same rights as deleting it). */
export async function restoreRecord(ctx: RecordContext, objectName: string, id: string): Promise<RecordData> {
  const obj = requireObject(ctx, objectName, 'delete');
  if (!isRecordId(id)) throw notFound(ctx, obj);
  const full = fullObject(ctx, obj);
  const write = newWrite('restore', obj, full, clock(), { id });
  const restored = await inTransaction(ctx, async (client) => {
    if (!(await lockAccessibleRecord(ctx, client, obj.name, id, 'full', 'deleted'))) {
      // A live record: say so only to those who may see it.
      if (await mayAccessRecord(ctx, obj.name, id, 'read', 'live', client))
        throw new AppError('CONFLICT', t(ctx.locale, 'record.notDeleted'), [{ code: 'notDeleted', message: t(ctx.locale, 'record.notDeleted') }]);
      throw notFound(ctx, obj);
    }
    let row: Record<string, unknown>;
    try {
      row = (
        await client.query(
          `UPDATE ${qualified(ctx.workspace.schema, obj.name)} SET "deleted_at" = NULL, "updated_at" = now(), "updated_by" = $2, "version" = "version" + 1 WHERE "id" = $1 RETURNING *`,
          [id, ctx.user.id],
        )
      ).rows[0];
    } catch (e) {
      mapDbError(ctx, obj, e);
    }
    await writeHistory(client, ctx, obj.name, [id], [{ field: '$restored', old: null, new: null }], randomUUID());
    write.rows = [{ before: null, after: rowToRecord(full, row) }];
    await runPhase('afterWrite', ctx, client, write);
    return readBack(ctx, client, obj, row);
  });
  await runPhase('afterCommit', ctx, null, write);
  return restored;
}
