/**
 * Committing a metadata change: the new workspace layers are composed, validated against the
 * meta-schemas and cross-checked (all problems at once), checked for safety against the data
 * (type changes only along conversions that keep data, picklist values in use, unique over
 * duplicates...), and then — in one transaction — the DDL is applied, the deltas and package
 * layers written, a revision recorded with its readable changes, the workspace's metadata
 * revision bumped (which makes the change live for every user) and the change audited.
 */
import type pg from 'pg';
import type { ErrorDetail, MessageParam, MessageParams } from '../core/errors';
import type { MessageKey } from '../core/i18n';
import { problem, problemsError } from '../core/problems';
import { ident, qualified } from '../core/identifiers';
import type { WorkspaceRef } from '../data/context';
import { pendingObjects } from '../data/pending';
import { withTransaction } from '../db/pool';
import { FIELD_TYPES, fieldType } from '../fields/registry';
import type { FieldDef, FieldTypeName } from '../fields/types';
import { Params } from '../core/sql';
import { rollupUpdateSql } from '../rules/rollups';
import { readCatalog, workspaceTables } from '../schema/catalog';
import { queueBackfills } from '../schema/backfillJob';
import { loadPending } from '../schema/backfillPending';
import { recordBackfills, type BackfillItem } from '../schema/backfills';
import { applySchemaActions } from '../schema/converge';
import { dbName } from '../schema/names';
import { planSchema } from '../schema/plan';
import { type Delta, type Items } from './layers';
import type { MetadataModel } from './model';
import { deepEqual, type Json } from './patch';
import { effectiveMetadata, readWorkspaceLayers, type Effective, type PackageRow, type WorkspaceLayers } from './registry';
import { forgetRemembered } from '../db/listen';

export interface ChangeActor {
  pool: pg.Pool;
  workspace: WorkspaceRef;
  userId: string | null;
}

export interface ChangePlan {
  /** The complete new list of workspace deltas (order = seq order for new ones). */
  deltas: Delta[];
  /** The complete new list of packages, when the change is a package operation. */
  packages?: PackageRow[];
  /** Archived fields and objects to drop for good (with their data). */
  purge?: { object: string; field?: string }[];
  /** Runs after the DDL, in the same transaction (package seed data). */
  after?: (client: pg.PoolClient, model: MetadataModel) => Promise<void>;
}

export interface RevisionChange {
  key: string;
  before: Json | null;
  after: Json | null;
  deltaBefore: Delta | null;
  deltaAfter: Delta | null;
}

export interface CommitResult {
  /** The new metadata revision number, or null when nothing changed. */
  revision: number | null;
  changes: RevisionChange[];
  ddl: string[];
}

export interface CurrentState extends WorkspaceLayers {
  effective: Effective;
}

/** The types a field of type `from` may change into, keeping its values (each type module declares them). */
export function allowedConversions(from: string): string[] {
  return Object.keys(FIELD_TYPES[from as FieldTypeName]?.convertsTo ?? {});
}

/** A change refused by the data it would harm; the sentence comes from the catalog (`key`), the code may be coarser. */
function changeError(key: MessageKey, pointer: string, params: MessageParams, field?: string, code?: string): ErrorDetail {
  return problem(key, params, { pointer, field, code });
}

/** The list "a, b, c" as one message value, joined in the caller's language. */
function listParam(items: MessageParam[]): MessageParam {
  return items.reduce((a, b) => ({ key: 'list.comma', params: { a, b } }));
}

/** A field type's name in the caller's language. */
const typeLabel = (type: string): MessageParam => FIELD_TYPES[type as FieldTypeName]?.label ?? type;

async function count(client: pg.PoolClient, sql: string, values: unknown[] = []): Promise<number> {
  const r = await client.query<{ n: string }>(sql, values);
  return Number(r.rows[0]?.n ?? 0);
}

/** Problems a change would cause to existing data (all of them), and the conversions it needs. */
async function checkSafety(client: pg.PoolClient, schema: string, before: MetadataModel, after: MetadataModel, purge: ChangePlan['purge'] = []): Promise<{ errors: ErrorDetail[]; conversions: string[]; drops: string[] }> {
  const errors: ErrorDetail[] = [];
  const conversions: string[] = [];
  const drops: string[] = [];
  const purged = (o: string, f?: string) => purge.some((p) => p.object === o && p.field === f);
  type Shape = { fields: FieldDef[]; archived: boolean; nameField?: string };
  const allObjects = (m: MetadataModel) => {
    const out = new Map<string, Shape>();
    for (const o of m.objects.values()) out.set(o.name, { fields: [...o.fields, ...(o.archivedFields ?? [])], archived: false, nameField: o.nameField });
    for (const o of m.archivedObjects?.values() ?? []) out.set(o.name, { fields: o.fields as FieldDef[], archived: true, nameField: o.nameField ?? 'name' });
    return out;
  };
  const b = allObjects(before);
  const a = allObjects(after);
  for (const [name, ob] of b) {
    const oa = a.get(name);
    const table = qualified(schema, name);
    if (!oa) {
      if (purged(name)) {
        if (!ob.archived) errors.push(changeError('change.purge.object', `/objects/${name}`, { object: name }, undefined, 'change.purge'));
        else drops.push(`DROP TABLE IF EXISTS ${table} CASCADE`);
      } else errors.push(changeError('change.remove.object', `/objects/${name}`, { object: name }, undefined, 'change.remove'));
      continue;
    }
    if (!oa.archived && ob.nameField !== oa.nameField) {
      errors.push(changeError('change.nameField', `/objects/${name}/nameField`, { object: name }));
    }
    const live = after.objects.get(name);
    for (const fb of ob.fields) {
      const fa = oa.fields.find((f) => f.name === fb.name);
      const ptr = `/objects/${name}/fields/${fb.name}`;
      const label: MessageParam = { key: 'change.fieldLabel', params: { label: fb.label, object: name, field: fb.name } };
      if (!fa) {
        if (purged(name, fb.name)) {
          if (!fb.archived) errors.push(changeError('change.purge', ptr, { field: label }, fb.name));
          else {
            // Every column the type keeps the value in (a currency's code too); a formula's name has none, hence IF EXISTS.
            for (const c of fieldType(fb).columns(fb)) drops.push(`ALTER TABLE ${table} DROP COLUMN IF EXISTS ${ident(c.name)}`);
          }
        } else {
          errors.push(changeError('change.remove', ptr, { field: label }, fb.name));
        }
        continue;
      }
      if (!live || fa.archived) continue;
      const col = ident(fb.name);
      if (fa.type !== fb.type) {
        const conv = fieldType(fb).convertsTo?.[fa.type];
        if (!conv) {
          const allowed = allowedConversions(fb.type).map(typeLabel);
          const params = { field: label, from: typeLabel(fb.type), to: typeLabel(fa.type) };
          errors.push(allowed.length ? changeError('change.type', `${ptr}/type`, { ...params, allowed: listParam(allowed) }, fb.name) : changeError('change.type.none', `${ptr}/type`, params, fb.name, 'change.type'));
          continue;
        }
        const using = conv(col);
        const newType = fieldType(fa).columns(fa).find((c) => c.name === fa.name)?.sqlType;
        if (using !== null && newType) conversions.push(`ALTER TABLE ${table} ALTER COLUMN ${col} TYPE ${newType} USING (${using})::${newType}`);
      }
      // Process and stage values come from the sales processes: checkProcesses judges them per process.
      const derived = live.process?.processes.length && [live.process.config.field, live.process.config.stageField].includes(fa.name);
      for (const c of fieldType(fa).changeChecks?.(fb, fa) ?? []) {
        if (c.check === 'precision') {
          errors.push(changeError('change.precision', `${ptr}/precision`, { field: label }, fb.name));
        } else if (c.check === 'retype') {
          const newType = fieldType(fa).columns(fa).find((x) => x.name === fa.name)?.sqlType;
          if (newType) conversions.push(`ALTER TABLE ${table} ALTER COLUMN ${col} TYPE ${newType}`);
        } else if (c.check === 'target') {
          const n = await count(client, `SELECT count(*) AS n FROM ${table} WHERE ${col} IS NOT NULL`);
          if (n > 0) errors.push(changeError('change.target', `${ptr}/target`, { field: label, count: n, target: c.from }, fb.name));
          else conversions.push(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${ident(dbName(name, fb.name, 'fkey'))}`);
        } else if (c.check === 'optionsRemoved' && !derived) {
          const used = !c.array
            ? await client.query<{ v: string; n: string }>(`SELECT ${col} AS v, count(*) AS n FROM ${table} WHERE ${col} = ANY($1) GROUP BY 1`, [c.values])
            : await client.query<{ v: string; n: string }>(`SELECT v, count(*) AS n FROM ${table}, unnest(${col}) AS v WHERE v = ANY($1) GROUP BY 1`, [c.values]);
          for (const r of used.rows) {
            errors.push(changeError('change.optionInUse', `${ptr}/options`, { value: r.v, field: label, count: Number(r.n) }, fb.name));
          }
        } else if (c.check === 'maxLength') {
          const n = await count(client, `SELECT count(*) AS n FROM ${table} WHERE char_length(${col}) > $1`, [c.limit]);
          if (n > 0) errors.push(changeError('change.maxLength', `${ptr}/maxLength`, { field: label, limit: c.limit, count: n }, fb.name));
        }
      }
      if (fa.unique && !fb.unique) {
        const n = await count(client, `SELECT count(*) AS n FROM (SELECT ${col} FROM ${table} WHERE deleted_at IS NULL AND ${col} IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d`);
        if (n > 0) errors.push(changeError('change.unique', `${ptr}/unique`, { field: label, count: n }, fb.name));
      }
    }
  }
  await checkProcesses(client, schema, before, after, errors);
  return { errors, conversions, drops };
}

/**
 * Stages and processes in use stay: a stage removed from one process is refused while records of
 * that process are in it (another process may still offer the same value, so the picklist check
 * alone would not see it), and so is a process that records follow. Make them inactive instead.
 */
async function checkProcesses(client: pg.PoolClient, schema: string, before: MetadataModel, after: MetadataModel, errors: ErrorDetail[]): Promise<void> {
  for (const ob of before.objects.values()) {
    const oa = after.objects.get(ob.name);
    const cfg = oa?.process?.config;
    if (!ob.process?.processes.length || !cfg || cfg.field !== ob.process.config.field || cfg.stageField !== ob.process.config.stageField) continue;
    const table = qualified(schema, ob.name);
    for (const pb of ob.process.processes) {
      const pa = oa.process!.processes.find((p) => p.name === pb.name);
      const ptr = `/processes/${ob.name}/${pb.name}`;
      if (!pa) {
        const n = await count(client, `SELECT count(*) AS n FROM ${table} WHERE ${ident(cfg.field)} = $1`, [pb.name]);
        if (n > 0) errors.push(changeError('change.processInUse', ptr, { process: { key: 'change.quoted', params: { label: pb.label } }, count: n }));
        continue;
      }
      const removed = pb.stages.filter((s) => !pa.stages.some((x) => x.value === s.value)).map((s) => s.value);
      if (!removed.length) continue;
      const used = await client.query<{ v: string; n: string }>(
        `SELECT ${ident(cfg.stageField)} AS v, count(*) AS n FROM ${table} WHERE ${ident(cfg.field)} = $1 AND ${ident(cfg.stageField)} = ANY($2) GROUP BY 1`, [pb.name, removed]);
      for (const r of used.rows) {
        errors.push(changeError('change.stageInUse', `${ptr}/stages`, { stage: r.v, process: { key: 'change.quoted', params: { label: pb.label } }, count: Number(r.n) }));
      }
    }
  }
}

/** Read the current layers and effective metadata (inside the change's transaction). */
export async function currentState(client: pg.PoolClient | pg.Pool, workspaceId: string): Promise<CurrentState> {
  const layers = await readWorkspaceLayers(client, workspaceId);
  return { ...layers, effective: effectiveMetadata(layers.packages, layers.deltas) };
}

function changedKeys(before: Items, after: Items, deltasBefore: Map<string, Delta>, deltasAfter: Map<string, Delta>): RevisionChange[] {
  const keys = new Set([...before.keys(), ...after.keys(), ...deltasBefore.keys(), ...deltasAfter.keys()]);
  const out: RevisionChange[] = [];
  for (const key of keys) {
    const b = before.get(key) ?? null;
    const a = after.get(key) ?? null;
    const db = deltasBefore.get(key) ?? null;
    const da = deltasAfter.get(key) ?? null;
    if (deepEqual(b, a) && deepEqual(db, da)) continue;
    out.push({ key, before: b, after: a, deltaBefore: db, deltaAfter: da });
  }
  return out;
}

/**
 * Run `build` against the current state and commit what it returns, in one transaction, with a
 * revision. Serialised per workspace (the workspace row is locked). Throws METADATA_INVALID listing
 * every problem, and leaves nothing half-written.
 */
export async function commitChange(actor: ChangeActor, summary: string, build: (state: CurrentState, client: pg.PoolClient) => ChangePlan | Promise<ChangePlan>): Promise<CommitResult> {
  // The committed model, and whether roll-ups of big tables were left to the job queue.
  const done: { model: MetadataModel; queued: boolean }[] = [];
  const result = await withTransaction(actor.pool, async (client) => {
    await client.query('SELECT 1 FROM workspaces WHERE id = $1 FOR UPDATE', [actor.workspace.id]);
    const state = await currentState(client, actor.workspace.id);
    const plan = await build(state, client);
    const packages = plan.packages ?? state.packages;
    const next = effectiveMetadata(packages, plan.deltas);
    const safety = await checkSafety(client, actor.workspace.schema, state.effective.model, next.model, plan.purge);
    if (safety.errors.length) {
      throw problemsError(safety.errors, 'change.invalid');
    }
    const deltasBefore = new Map(state.deltas.map((d) => [d.key, d]));
    const deltasAfter = new Map(plan.deltas.map((d) => [d.key, d]));
    const changes = changedKeys(state.effective.items, next.items, deltasBefore, deltasAfter);
    const packagesChanged = plan.packages !== undefined && !deepEqual(plan.packages.map((p) => [p.name, p.version, p.status]), state.packages.map((p) => [p.name, p.version, p.status]));
    if (!changes.length && !packagesChanged && !plan.purge?.length) return { revision: null, changes, ddl: [] };

    // DDL: conversions and drops first, then whatever converge adds (tables, columns, FKs, indexes).
    const ddl: string[] = [...safety.conversions, ...safety.drops];
    for (const sql of ddl) await runDdl(client, sql);
    const schemaPlan = planSchema(next.model, actor.workspace.schema, await readCatalog(client, actor.workspace.schema, workspaceTables(next.model.objects.keys())));
    await applySchemaActions(client, actor.workspace.schema, schemaPlan, async (sql) => {
      await runDdl(client, sql);
      ddl.push(sql);
    });
    const big = await recomputeRollups(client, actor.workspace.schema, state.effective.model, next.model, ddl);
    done.push({ model: next.model, queued: (await recordBackfills(client, actor.workspace.id, actor.workspace.schema, big)).length > 0 });

    // Deltas: delete the gone, upsert the changed (a new key gets the next seq, an old one keeps its place).
    for (const key of deltasBefore.keys()) {
      if (!deltasAfter.has(key)) await client.query('DELETE FROM metadata_deltas WHERE workspace_id = $1 AND key = $2', [actor.workspace.id, key]);
    }
    for (const d of plan.deltas) {
      const old = deltasBefore.get(d.key);
      if (old && deepEqual(old, d)) continue;
      await client.query(
        `INSERT INTO metadata_deltas (workspace_id, key, added, patch, base) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (workspace_id, key) DO UPDATE SET added = EXCLUDED.added, patch = EXCLUDED.patch, base = EXCLUDED.base, updated_at = now()`,
        [actor.workspace.id, d.key, d.added, JSON.stringify(d.patch), d.base === null ? null : JSON.stringify(d.base)],
      );
    }
    if (plan.packages) {
      const keep = plan.packages.map((p) => p.name);
      await client.query('DELETE FROM installed_packages WHERE workspace_id = $1 AND NOT (name = ANY($2))', [actor.workspace.id, keep]);
      for (const p of plan.packages) {
        await client.query(
          `INSERT INTO installed_packages (workspace_id, name, version, manifest, entries, status, position, installed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (workspace_id, name) DO UPDATE SET version = EXCLUDED.version, manifest = EXCLUDED.manifest, entries = EXCLUDED.entries,
             status = EXCLUDED.status, position = EXCLUDED.position, updated_at = now()`,
          [actor.workspace.id, p.name, p.version, JSON.stringify(p.manifest), JSON.stringify(p.entries), p.status, p.position, actor.userId],
        );
      }
    }
    if (plan.after) await plan.after(client, next.model);

    const rev = await client.query<{ metadata_revision: number }>('UPDATE workspaces SET metadata_revision = metadata_revision + 1 WHERE id = $1 RETURNING metadata_revision', [actor.workspace.id]);
    forgetRemembered(); // who is calling carries the metadata revision: see security/principalCache.ts
    const revision = rev.rows[0].metadata_revision;
    await client.query(
      'INSERT INTO metadata_revisions (workspace_id, number, user_id, summary, changes) VALUES ($1, $2, $3, $4, $5)',
      [actor.workspace.id, revision, actor.userId, summary, JSON.stringify(changes)],
    );
    await client.query(
      `INSERT INTO audit_events (workspace_id, user_id, action, target_type, target_id, details) VALUES ($1, $2, 'metadata.change', 'metadata', $3, $4)`,
      [actor.workspace.id, actor.userId, String(revision), JSON.stringify({ summary, keys: changes.map((c) => c.key), ddl: ddl.length })],
    );
    return { revision, changes, ddl };
  }, { long: true });
  // Pending columns are read through a list of the table's columns: rebuilt for the new ones.
  for (const { model, queued } of done) {
    if (queued || pendingObjects(actor.workspace.schema).length) await loadPending(actor.pool, actor.workspace, model);
    if (queued) await queueBackfills(actor.pool, actor.workspace.id);
  }
  return result;
}

/** Parents above this many rows get a changed roll-up's values from the job queue, not in the change (TESSERA_BACKFILL_INLINE_ROWS). */
const inlineRows = () => Number(process.env.TESSERA_BACKFILL_INLINE_ROWS ?? 10_000);

/**
 * Roll-ups added or redefined get their values for every parent, in the change's transaction; on a
 * big parent table they are returned instead, for a backfill (reads compute them until it is done).
 */
async function recomputeRollups(client: pg.PoolClient, schema: string, before: MetadataModel, after: MetadataModel, ddl: string[]): Promise<BackfillItem[]> {
  const big: BackfillItem[] = [];
  for (const child of after.objects.values()) {
    for (const feed of child.rollupsFed) {
      const old = before.objects.get(feed.object)?.fieldMap.get(feed.field.name);
      if (old?.type === 'rollup' && deepEqual(old.summary, feed.field.summary) && old.returnType === feed.field.returnType) continue;
      const newType = fieldType(feed.field).columns(feed.field)[0].sqlType;
      if (old?.type === 'rollup' && fieldType(old).columns(old)[0].sqlType !== newType) {
        // Its values are recomputed below: the old ones need not convert.
        const sql = `ALTER TABLE ${qualified(schema, feed.object)} ALTER COLUMN ${ident(feed.field.name)} TYPE ${newType} USING NULL`;
        await client.query(sql);
        ddl.push(sql);
      }
      const limit = Math.max(0, Math.floor(inlineRows()));
      const rows = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${qualified(schema, feed.object)} LIMIT ${limit + 1}) AS "s"`);
      if (rows.rows[0].n > limit) {
        big.push({ object: feed.object, field: feed.field.name, kind: 'rollup' });
        continue;
      }
      const params = new Params();
      const summarised = feed.field.summary?.field ? child.fieldMap.get(feed.field.summary.field) : undefined;
      await client.query(rollupUpdateSql(schema, child.name, feed, params, null, summarised), params.values);
    }
  }
  return big;
}

async function runDdl(client: pg.PoolClient, sql: string): Promise<void> {
  try {
    await client.query(sql);
  } catch (e) {
    const err = e as { code?: string; message: string };
    // Values that do not fit a conversion (numeric overflow) or break a new unique index.
    if (err.code === '22003' || err.code === '23505' || err.code === '22P02') {
      throw problemsError([problem('change.data', { reason: err.message })]);
    }
    throw e;
  }
}
