/**
 * What sales processes do to record writes, on every channel:
 * - `process.stage` (before validation; create, update, bulk loads): the record's process and
 *   stage, and what entering a stage sets (probability unless the write sets its own, forecast
 *   category, stage date);
 * - `process.gates` (validate; create, update): the gates of the stages a move passes;
 * - `process.stageHistory` (after the write, same transaction): the stage change, recorded.
 */
import type pg from 'pg';
import type { ErrorDetail } from '../core/errors';
import { pickLabel, t } from '../core/i18n';
import type { RecordContext } from '../data/context';
import { settle } from '../data/env';
import type { Clock, RecordWrite, WriteStep } from '../data/steps';
import type { RecordData } from '../data/values';
import type { ObjectModel, ProcessModel, StageModel } from '../metadata/model';
import type { CheckedFormula } from '../rules/formula';
import { holds, isBlank, same } from '../rules/recordTests';

export interface StageChange {
  process: string;
  from: string | null;
  to: string;
}

const STATE = 'process';
const stageChangeOf = (write: RecordWrite) => (write.state.get(STATE) as StageChange | null | undefined) ?? null;

/** The stages whose gates a move from `from` to `to` must meet. */
function gatesToPass(proc: ProcessModel, from: string | null, to: StageModel): StageModel[] {
  const target = proc.stages.indexOf(to);
  if (to.lost) return [to];
  const start = from === null ? -1 : proc.stages.findIndex((s) => s.value === from);
  // Moving back needs only the stage itself; moving forward (or starting) needs every stage passed.
  if (start >= target) return [to];
  return proc.stages.slice(start + 1, target + 1).filter((s) => !s.lost);
}

/** The record's process and stage, and what entering the stage sets. */
function applyProcess(
  ctx: RecordContext,
  full: ObjectModel,
  mode: 'create' | 'update',
  input: RecordData,
  record: RecordData,
  prior: RecordData | null,
  at: Clock,
  errors: ErrorDetail[],
): StageChange | null {
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
    errors.push({
      field: cfg.field,
      pointer: `/${cfg.field}`,
      code: 'process.unknown',
      message: t(ctx.locale, 'process.unknown', { process: String(procName), object: objectLabel }),
    });
    return null;
  }
  const procLabel = pickLabel(proc.label, ctx.locale);
  // A record from before its object had processes, which the upgrade's backfill has not reached
  // yet, is in the default process at its stage (as reads show it and the backfill will store it).
  const unfilled = prior !== null && isBlank(prior[cfg.field]);
  const priorProcess = unfilled ? p.processes.find((x) => x.isDefault)!.name : prior?.[cfg.field];
  const processChanged = mode === 'create' || priorProcess !== proc.name;
  if (processChanged && !proc.active)
    errors.push({ field: cfg.field, pointer: `/${cfg.field}`, code: 'process.inactive', message: t(ctx.locale, 'process.inactive', { process: procLabel }) });
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
    errors.push({
      field: cfg.stageField,
      pointer: `/${cfg.stageField}`,
      code: 'process.stageNotInProcess',
      message: t(ctx.locale, 'process.stageNotInProcess', { stage: stageValue, process: procLabel }),
    });
    return null;
  }
  const from = prior ? ((prior[cfg.stageField] as string | null) ?? null) : null;
  if (!processChanged && from === stageValue) {
    // Stored now with what the backfill would have given it.
    if (unfilled) {
      set(cfg.forecastField, stage.forecast);
      set(cfg.stageDateField, prior.updated_at);
    }
    return null;
  }
  if (!stage.active)
    errors.push({
      field: cfg.stageField,
      pointer: `/${cfg.stageField}`,
      code: 'process.stageInactive',
      message: t(ctx.locale, 'process.stageInactive', { stage: pickLabel(stage.label, ctx.locale) }),
    });
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

/** Fill in the process values. A bulk load (seeds, package data) is trusted: it gets the values, not the gates. */
export const stageStep: WriteStep = {
  name: 'process.stage',
  phase: 'beforeValidation',
  modes: ['create', 'update'],
  run(ctx, _client, write) {
    const mode = write.mode === 'update' ? 'update' : 'create';
    write.state.set(STATE, applyProcess(ctx, write.full, mode, write.input, write.record, write.prior, write.at, write.errors));
  },
};

/** The gates of the stages a stage change passes (field requirements, and conditions once the record exists). */
export const gateStep: WriteStep = {
  name: 'process.gates',
  phase: 'validate',
  modes: ['create', 'update'],
  formulas: (full) =>
    (full.process?.processes ?? []).flatMap((p) => p.stages.flatMap((s) => s.gate.flatMap((g): CheckedFormula[] => (g.require?.kind === 'formula' ? [g.require.formula] : [])))),
  async run(ctx, client, write) {
    const stageChange = stageChangeOf(write);
    const { full, mode, prior, errors } = write;
    if (!stageChange || !full.process) return;
    const env = await settle(ctx, client!, write);
    const record = write.record;
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
          errors.push({
            field: g.field,
            pointer: g.field ? `/${g.field}` : `/${full.process.config.stageField}`,
            code: 'gate.require',
            message: g.message ? t(ctx.locale, 'gate.require', { what, stage: name }) : what,
          });
        } else if (g.field && isBlank(record[g.field])) {
          const label = g.message ? pickLabel(g.message, ctx.locale) : pickLabel(full.fieldMap.get(g.field)?.label, ctx.locale);
          errors.push({ field: g.field, pointer: `/${g.field}`, code: 'gate.field', message: t(ctx.locale, 'gate.field', { label, stage: name }) });
        }
      }
    }
  },
};

/** Record a stage change (in the write's transaction). */
async function writeStageHistory(client: pg.PoolClient, ctx: RecordContext, full: ObjectModel, id: string, change: StageChange, record: RecordData): Promise<void> {
  const cfg = full.process!.config;
  const num = (name?: string) => (name && typeof record[name] === 'number' ? record[name] : null);
  await client.query(
    `INSERT INTO "public"."stage_history" ("workspace_id", "object", "record_id", "process", "from_stage", "to_stage", "amount", "probability", "changed_by", "channel")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [ctx.workspace.id, full.name, id, change.process, change.from, change.to, num(cfg.amountField), num(cfg.probabilityField), ctx.user.id, ctx.channel],
  );
}

/** The stage change goes to the stage history; the stage date moving with it is not a field change of its own. */
export const stageHistoryStep: WriteStep = {
  name: 'process.stageHistory',
  phase: 'afterWrite',
  modes: ['create', 'update'],
  quietFields: (full) => (full.process?.config.stageDateField ? [full.process.config.stageDateField] : []),
  async run(ctx, client, write) {
    const change = stageChangeOf(write);
    const after = write.rows[0]?.after;
    if (change && write.id && after) await writeStageHistory(client!, ctx, write.full, write.id, change, after);
  },
};
