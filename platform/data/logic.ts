/**
 * The business logic every record write passes through, whatever the channel (forms, tRPC, REST,
 * imports, automation): sales processes (the record's process and stage, what entering a stage
 * sets, and the gates it must meet), form rules (visible-if, required-if, read-only-if), validation
 * rules, and afterwards stage history and roll-up summaries. Every failing rule, gate and form rule
 * is reported together, each naming its field where it has one.
 */
import type pg from 'pg';
import { AppError, type ErrorDetail } from '../core/errors';
import { pickLabel, t } from '../core/i18n';
import { qualified } from '../core/identifiers';
import { Params } from '../core/sql';
import { clock } from '../core/time';
import type { MetadataModel, ObjectModel, ProcessModel, RecordTest, StageModel } from '../metadata/model';
import { evaluateCondition } from '../rules/conditions/evaluate';
import { conditionFields, type ConditionNode } from '../rules/conditions/types';
import { evaluateFormula, type CheckedFormula } from '../rules/formula';
import { rollupUpdateSql } from '../rules/rollups';
import type { RecordContext } from './context';
import { recordSource } from './source';
import { rowToRecord, type RecordData } from './values';

export interface StageChange {
  process: string;
  from: string | null;
  to: string;
}

type Clock = ReturnType<typeof clock>;

interface Env {
  record: RecordData;
  prior: RecordData | null;
  related: Record<string, RecordData | null>;
  at: Clock;
  userId: string;
}

export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function holds(test: RecordTest, env: Env): boolean {
  if (test.kind === 'condition') return evaluateCondition(test.condition, env.record, { userId: env.userId });
  return evaluateFormula(test.formula, { record: env.record, prior: env.prior, related: env.related, ...env.at }) === true;
}

/** Every formula a write of this object may evaluate (to know which related records to load). */
function formulasOf(obj: ObjectModel): CheckedFormula[] {
  const out = [...obj.formulas.values()];
  const add = (test?: RecordTest) => { if (test?.kind === 'formula') out.push(test.formula); };
  for (const r of obj.rules) add(r.errorWhen);
  for (const p of obj.process?.processes ?? []) for (const s of p.stages) for (const g of s.gate) add(g.require);
  return out;
}

/** Records reached through lookups that formulas read, keyed by path ('account', 'account.parent'). */
async function loadRelated(client: pg.PoolClient, schema: string, meta: MetadataModel, obj: ObjectModel, record: RecordData, formulas: CheckedFormula[]): Promise<Record<string, RecordData | null>> {
  const out: Record<string, RecordData | null> = {};
  const paths = new Map<string, string[]>();
  for (const f of formulas) for (const p of f.paths) paths.set(p.join('.'), p);
  for (const path of [...paths.values()].sort((a, b) => a.length - b.length)) {
    let model = obj;
    let rec: RecordData | null = record;
    for (let i = 0; i < path.length && rec; i++) {
      const key = path.slice(0, i + 1).join('.');
      const target = meta.objects.get(model.fieldMap.get(path[i])?.target ?? '');
      if (!target) { out[key] = null; break; }
      if (!(key in out)) {
        const id: unknown = rec[path[i]];
        if (typeof id !== 'string') out[key] = null;
        else {
          const params = new Params();
          const res: pg.QueryResult = await client.query(`SELECT "t".* FROM ${recordSource(schema, target, params)} WHERE "t"."id" = ${params.add(id)}::uuid`, params.values);
          out[key] = res.rowCount ? rowToRecord(target, res.rows[0]) : null;
        }
      }
      rec = out[key];
      model = target;
    }
  }
  return out;
}

/** The stages whose gates a move from `from` to `to` must meet. */
function gatesToPass(proc: ProcessModel, from: string | null, to: StageModel): StageModel[] {
  const target = proc.stages.indexOf(to);
  if (to.lost) return [to];
  const start = from === null ? -1 : proc.stages.findIndex((s) => s.value === from);
  // Moving back needs only the stage itself; moving forward (or starting) needs every stage passed.
  if (start >= target) return [to];
  return proc.stages.slice(start + 1, target + 1).filter((s) => !s.lost);
}

/**
 * Apply the object's logic to a write: fills in what the process decides (process, stage,
 * probability, forecast, stage date) and checks gates, form rules and validation rules, throwing
 * VALIDATION_FAILED with every problem. `input` is the validated API input (changed in place);
 * `prior` the stored record for updates. Returns the stage change to record, if any.
 */
export async function applyRecordLogic(ctx: RecordContext, client: pg.PoolClient, full: ObjectModel, mode: 'create' | 'update', input: RecordData, prior: RecordData | null): Promise<StageChange | null> {
  const hasLogic = full.rules.length || full.formRules.size || full.process?.processes.length;
  if (!hasLogic) return null;
  const at = clock();
  const errors: ErrorDetail[] = [];
  // What the caller sent (form rules judge only those; the process sets the rest).
  const own = new Set(Object.keys(input));
  const record: RecordData = { ...(prior ?? {}), ...input };
  const label = (name: string) => pickLabel(full.fieldMap.get(name)?.label, ctx.locale);
  const stageChange = applyProcess(ctx, full, mode, input, record, prior, at, errors);

  const formulas = formulasOf(full);
  const env: Env = { record, prior, related: formulas.length ? await loadRelated(client, ctx.workspace.schema, ctx.security.fullMeta, full, record, formulas) : {}, at, userId: ctx.user.id };
  // Formula fields as they will read after the save (rules and gates may test them).
  for (const [name, f] of full.formulas) record[name] = evaluateFormula(f, { record, prior, related: env.related, ...at });

  if (stageChange && full.process) {
    const proc = full.process.processes.find((p) => p.name === stageChange.process)!;
    const to = proc.stages.find((s) => s.value === stageChange.to)!;
    const from = prior && prior[full.process.config.field] === proc.name ? stageChange.from : null;
    for (const st of gatesToPass(proc, from, to)) {
      const name = pickLabel(st.label, ctx.locale);
      for (const g of st.gate) {
        // A new record has no related records yet (a quote needs the opportunity to exist): on
        // create only the field requirements apply; conditions are checked when it moves.
        if (g.require && mode === 'create') continue;
        if (g.require) {
          if (holds(g.require, env)) continue;
          const what = g.message ? pickLabel(g.message, ctx.locale) : t(ctx.locale, 'gate.blocked', { stage: name });
          errors.push({ field: g.field, pointer: g.field ? `/${g.field}` : `/${full.process.config.stageField}`, code: 'gate.require', message: g.message ? t(ctx.locale, 'gate.require', { what, stage: name }) : what });
        } else if (g.field && isBlank(record[g.field])) {
          errors.push({ field: g.field, pointer: `/${g.field}`, code: 'gate.field', message: t(ctx.locale, 'gate.field', { label: g.message ? pickLabel(g.message, ctx.locale) : label(g.field), stage: name }) });
        }
      }
    }
  }

  for (const [name, r] of full.formRules) {
    const visible = r.visible ? evaluateCondition(r.visible, record, { userId: ctx.user.id }) : true;
    if (!visible) {
      // A default of a field that does not apply is not the caller's choice: it is left out.
      if (mode === 'create' && own.has(name) && same(input[name], full.fieldMap.get(name)?.default)) {
        delete input[name];
        record[name] = null;
        continue;
      }
      if (own.has(name) && !isBlank(input[name]) && !same(input[name], prior?.[name])) {
        errors.push({ field: name, pointer: `/${name}`, code: 'form.hidden', message: t(ctx.locale, 'form.hidden', { label: label(name) }) });
      }
      continue;
    }
    if (r.required && evaluateCondition(r.required, record, { userId: ctx.user.id }) && isBlank(record[name])) {
      errors.push({ field: name, pointer: `/${name}`, code: 'required', message: t(ctx.locale, 'validation.required', { label: label(name) }) });
    }
    if (mode === 'update' && prior && r.readOnly && own.has(name) && !same(input[name], prior[name]) && evaluateCondition(r.readOnly, prior, { userId: ctx.user.id })) {
      errors.push({ field: name, pointer: `/${name}`, code: 'form.readOnly', message: t(ctx.locale, 'form.readOnly', { label: label(name) }) });
    }
  }

  for (const rule of full.rules) {
    if (!rule.on.includes(mode) || !holds(rule.errorWhen, env)) continue;
    errors.push({ ...(rule.field ? { field: rule.field, pointer: `/${rule.field}` } : { pointer: '/' }), code: `rule.${rule.name}`, message: pickLabel(rule.message, ctx.locale) });
  }

  if (errors.length) {
    throw new AppError('VALIDATION_FAILED', errors.length === 1 ? errors[0].message : t(ctx.locale, 'validation.failed'), errors);
  }
  return stageChange;
}

/** The record's process and stage, and what entering the stage sets. */
function applyProcess(ctx: RecordContext, full: ObjectModel, mode: 'create' | 'update', input: RecordData, record: RecordData, prior: RecordData | null, at: Clock, errors: ErrorDetail[]): StageChange | null {
  const p = full.process;
  if (!p?.processes.length) return null;
  const cfg = p.config;
  const set = (name: string | undefined, value: unknown) => {
    if (!name) return;
    input[name] = value;
    record[name] = value;
  };
  let procName = record[cfg.field];
  if (isBlank(procName)) set(cfg.field, (procName = p.processes.find((x) => x.isDefault)!.name));
  const proc = p.processes.find((x) => x.name === procName);
  const objectLabel = pickLabel(full.label, ctx.locale);
  if (!proc) {
    errors.push({ field: cfg.field, pointer: `/${cfg.field}`, code: 'process.unknown', message: t(ctx.locale, 'process.unknown', { process: String(procName), object: objectLabel }) });
    return null;
  }
  const procLabel = pickLabel(proc.label, ctx.locale);
  const processChanged = mode === 'create' || prior?.[cfg.field] !== proc.name;
  if (processChanged && !proc.active) errors.push({ field: cfg.field, pointer: `/${cfg.field}`, code: 'process.inactive', message: t(ctx.locale, 'process.inactive', { process: procLabel }) });
  // A record moved to another process without a stage starts at that process's first stage.
  const given = record[cfg.stageField];
  // On create the stage field's default is the default process's first stage: another process starts at its own.
  const defaulted = mode === 'create' && given === full.fieldMap.get(cfg.stageField)?.default;
  if (isBlank(given) || (processChanged && (defaulted || !(cfg.stageField in input)) && !proc.stages.some((s) => s.value === given))) {
    set(cfg.stageField, proc.stages.find((s) => s.active)?.value ?? proc.stages[0].value);
  }
  const stageValue = String(record[cfg.stageField]);
  const stage = proc.stages.find((s) => s.value === stageValue);
  if (!stage) {
    errors.push({ field: cfg.stageField, pointer: `/${cfg.stageField}`, code: 'process.stageNotInProcess', message: t(ctx.locale, 'process.stageNotInProcess', { stage: stageValue, process: procLabel }) });
    return null;
  }
  const from = prior ? ((prior[cfg.stageField] as string | null) ?? null) : null;
  if (!processChanged && from === stageValue) return null;
  if (!stage.active) errors.push({ field: cfg.stageField, pointer: `/${cfg.stageField}`, code: 'process.stageInactive', message: t(ctx.locale, 'process.stageInactive', { stage: pickLabel(stage.label, ctx.locale) }) });
  // The stage's probability, unless this very write sets another one (a rep's judgement).
  if (cfg.probabilityField) {
    const own = input[cfg.probabilityField];
    const overridden = !isBlank(own) && (mode === 'create' || !same(own, prior?.[cfg.probabilityField]));
    if (!overridden) set(cfg.probabilityField, stage.probability);
  }
  set(cfg.forecastField, stage.forecast);
  set(cfg.stageDateField, at.now);
  return { process: proc.name, from, to: stage.value };
}

/**
 * What the process decides for a record loaded in bulk (seeds, package data, benchmarks): its
 * process, first stage, probability, forecast and stage date. Bulk loading is a trusted path: it
 * does not check gates or validation rules.
 */
export function fillProcessValues(ctx: RecordContext, full: ObjectModel, input: RecordData, at: Clock = clock()): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  applyProcess(ctx, full, 'create', input, { ...input }, null, at, errors);
  return errors;
}

/** Record a stage change (in the write's transaction). */
export async function writeStageHistory(client: pg.PoolClient, ctx: RecordContext, full: ObjectModel, id: string, change: StageChange, record: RecordData): Promise<void> {
  const cfg = full.process!.config;
  const num = (name?: string) => (name && typeof record[name] === 'number' ? record[name] : null);
  await client.query(
    `INSERT INTO "public"."stage_history" ("workspace_id", "object", "record_id", "process", "from_stage", "to_stage", "amount", "probability", "changed_by", "channel")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [ctx.workspace.id, full.name, id, change.process, change.from, change.to, num(cfg.amountField), num(cfg.probabilityField), ctx.user.id, ctx.channel],
  );
}

/**
 * Keep roll-ups of parents current after child records changed (`before`/`after` are the child
 * records, null when created/deleted). Parents are locked first, in a fixed order, so concurrent
 * child writes under one parent take turns and the last to commit counts every other's child.
 */
export async function updateRollups(client: pg.PoolClient, schema: string, child: ObjectModel, changes: { before: RecordData | null; after: RecordData | null }[]): Promise<void> {
  if (!child.rollupsFed.length || !changes.length) return;
  const work: { feed: ObjectModel['rollupsFed'][number]; ids: string[] }[] = [];
  for (const feed of child.rollupsFed) {
    const s = feed.field.summary!;
    const watched = [s.via, ...(s.field ? [s.field] : []), ...(feed.filter ? conditionFieldNames(feed.filter) : [])];
    const ids = new Set<string>();
    for (const { before, after } of changes) {
      if (before && after && watched.every((w) => same(before[w], after[w]))) continue;
      for (const r of [before, after]) if (r && typeof r[s.via] === 'string') ids.add(String(r[s.via]).toLowerCase());
    }
    if (ids.size) work.push({ feed, ids: [...ids].sort() });
  }
  const byParent = new Map<string, Set<string>>();
  for (const w of work) {
    const set = byParent.get(w.feed.object) ?? new Set<string>();
    w.ids.forEach((id) => set.add(id));
    byParent.set(w.feed.object, set);
  }
  for (const [object, ids] of [...byParent].sort(([a], [b]) => a.localeCompare(b))) {
    await client.query(`SELECT 1 FROM ${qualified(schema, object)} WHERE "id" = ANY($1::uuid[]) ORDER BY "id" FOR NO KEY UPDATE`, [[...ids].sort()]);
  }
  for (const { feed, ids } of work) {
    const params = new Params();
    const placeholder = params.add(ids);
    const summarised = feed.field.summary!.field ? child.fieldMap.get(feed.field.summary!.field) : undefined;
    await client.query(rollupUpdateSql(schema, child.name, feed, params, placeholder, summarised), params.values);
  }
}

function conditionFieldNames(node: ConditionNode): string[] {
  return conditionFields(node).map((f) => f.name);
}

/**
 * Whether a stored record (with its formula values) meets a test: an approval flow's entry
 * condition or a step's criteria. Loads only the related records the formula reads.
 */
export async function recordMeets(client: pg.PoolClient, ctx: RecordContext, full: ObjectModel, record: RecordData, test: RecordTest): Promise<boolean> {
  const formulas = test.kind === 'formula' ? [test.formula] : [];
  const related = formulas.length ? await loadRelated(client, ctx.workspace.schema, ctx.security.fullMeta, full, record, formulas) : {};
  return holds(test, { record, prior: null, related, at: clock(), userId: ctx.user.id });
}
