/**
 * The record service's write steps: an explicit, ordered list that capabilities (sales processes,
 * approvals, validation rules, roll-ups, and next assignment, duplicate checks, pools) contribute,
 * each saying in which phase of a write it runs. The record service runs the phases in this order:
 *
 *   input            the caller's input is checked (types, required): no transaction yet
 *   locked           update/delete: the row is locked, before the version check
 *   beforeValidation values a capability decides are filled in (owner, process, stage...)
 *   validate         checks on the settled record (gates, form rules, validation rules, duplicates)
 *   beforeWrite      delete: just before the row changes (a pending approval closes)
 *   afterWrite       after the row and its field history are written, in the same transaction
 *   afterCommit      after the transaction commits (jobs, notifications, outbox)
 *
 * Errors steps push in `input`, `beforeValidation` and `validate` are reported together as one
 * VALIDATION_FAILED; a step may also throw (RECORD_LOCKED, ...), which rolls the write back.
 * The list is composed outside platform/data (platform/capabilities.ts), so the record service
 * names no capability; a write before it is installed is a programming error and fails loudly.
 */
import type pg from 'pg';
import type { ErrorDetail } from '../core/errors';
import type { clock } from '../core/time';
import type { ObjectModel } from '../metadata/model';
import type { CheckedFormula } from '../rules/formula';
import type { FieldChange } from '../security/history';
import type { RecordContext } from './context';
import type { Env } from './env';
import type { RecordData } from './values';

export type WritePhase = 'input' | 'locked' | 'beforeValidation' | 'validate' | 'beforeWrite' | 'afterWrite' | 'afterCommit';
export type WriteMode = 'create' | 'update' | 'delete' | 'restore';
export type Clock = ReturnType<typeof clock>;

/** One write under way, as the steps see it (steps change `input`, `record` and `errors` in place). */
export interface RecordWrite {
  mode: WriteMode;
  /** The object as the caller sees it, and whole (hidden fields included: the platform's checks see everything). */
  obj: ObjectModel;
  full: ObjectModel;
  /** The record's id (null while a create has not written it, and for bulk loads). */
  id: string | null;
  /** The validated input (what will be written). */
  input: RecordData;
  /** The properties the caller sent (before any step filled in others). */
  own: Set<string>;
  /** The stored record before this write (update, delete), else null. */
  prior: RecordData | null;
  /** The record as it will read after the save (prior values overlaid with the input). */
  record: RecordData;
  /** After an update is written: what changed, as the database now holds it. */
  changes: FieldChange[];
  /** After the write: each record before and after (one for a single write, many for a bulk load). */
  rows: { before: RecordData | null; after: RecordData | null }[];
  errors: ErrorDetail[];
  at: Clock;
  /** A trusted bulk load (seeds, packages, imports): only the filling and after-write steps run. */
  bulk: boolean;
  /** Field updates for the platform to apply in this transaction (an approval's recall updates). */
  platformUpdates: Record<string, unknown>[];
  /** What a step keeps for its later phases (keyed by the step's capability). */
  state: Map<string, unknown>;
  /** Formula values and related records, computed once when a check first needs them (data/env.ts). */
  env?: Env;
  /** A step decided the new record waits with no owner (a queue): the caller does not become its owner. */
  unowned?: boolean;
  /** A bulk load's after-write: each row's `state` as its filling steps left it, in the order of `rows`. */
  rowStates?: Map<string, unknown>[];
}

export interface WriteStep {
  /** `capability.step`, for the docs and errors. */
  name: string;
  phase: WritePhase;
  modes: readonly WriteMode[];
  /** Runs the step; `client` is the write's transaction (null in the `input` phase, which has none). */
  run(ctx: RecordContext, client: pg.PoolClient | null, write: RecordWrite): Promise<void> | void;
  /** Formulas the step may evaluate (their related records are loaded with the formula fields'). */
  formulas?(full: ObjectModel): CheckedFormula[];
  /** Fields whose changes the step owns and records itself: left out of field history (a stage date). */
  quietFields?(full: ObjectModel): string[];
}

let installed: readonly WriteStep[] | null = null;

/** Install the ordered list of write steps (once, at start-up: platform/capabilities.ts). */
export function installWriteSteps(steps: readonly WriteStep[]): void {
  installed = steps;
}

/** The installed steps, in order. */
export function writeSteps(): readonly WriteStep[] {
  if (!installed) throw new Error('The record service was used before the write steps were installed (import platform/capabilities).');
  return installed;
}

/** Run the steps of one phase for the write's mode, in list order. */
export async function runPhase(phase: WritePhase, ctx: RecordContext, client: pg.PoolClient | null, write: RecordWrite): Promise<void> {
  for (const step of writeSteps()) {
    if (step.phase === phase && step.modes.includes(write.mode)) await step.run(ctx, client, write);
  }
}

/** A write's starting state. */
export function newWrite(mode: WriteMode, obj: ObjectModel, full: ObjectModel, at: Clock, init: Partial<RecordWrite> = {}): RecordWrite {
  const input = init.input ?? {};
  const prior = init.prior ?? null;
  return {
    mode,
    obj,
    full,
    at,
    id: null,
    input,
    own: new Set(Object.keys(input)),
    prior,
    record: { ...(prior ?? {}), ...input },
    changes: [],
    rows: [],
    errors: [],
    bulk: false,
    platformUpdates: [],
    state: new Map(),
    ...init,
  };
}

/** Fields no field history records for this object (see WriteStep.quietFields). */
export function quietFields(full: ObjectModel): Set<string> {
  return new Set(writeSteps().flatMap((s) => s.quietFields?.(full) ?? []));
}
