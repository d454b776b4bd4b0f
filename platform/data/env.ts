/**
 * What formulas and conditions of a write see: the record as it will read after the save, with its
 * formula fields computed, and the records its formulas reach through lookups (loaded once, on first
 * use, for every formula the object's fields and the installed write steps may evaluate).
 */
import type pg from 'pg';
import { Params } from '../core/sql';
import { lookupTarget } from '../fields/guards';
import type { MetadataModel, ObjectModel } from '../metadata/model';
import { evaluateFormula, type CheckedFormula } from '../rules/formula';
import type { RecordContext } from './context';
import { recordSource } from './source';
import { writeSteps, type Clock, type RecordWrite } from './steps';
import { rowToRecord, type RecordData } from './values';

export interface Env {
  record: RecordData;
  prior: RecordData | null;
  related: Record<string, RecordData | null>;
  at: Clock;
  userId: string;
  /** The workspace's fiscal year start month, for relative dates in conditions (default January). */
  fiscalYearStartMonth?: number;
}

/** Records reached through lookups that formulas read, keyed by path ('account', 'account.parent'). */
export async function loadRelated(
  client: pg.PoolClient,
  schema: string,
  meta: MetadataModel,
  obj: ObjectModel,
  record: RecordData,
  formulas: CheckedFormula[],
): Promise<Record<string, RecordData | null>> {
  const out: Record<string, RecordData | null> = {};
  const paths = new Map<string, string[]>();
  for (const f of formulas) for (const p of f.paths) paths.set(p.join('.'), p);
  for (const path of [...paths.values()].sort((a, b) => a.length - b.length)) {
    let model = obj;
    let rec: RecordData | null = record;
    for (let i = 0; i < path.length && rec; i++) {
      const key = path.slice(0, i + 1).join('.');
      const target = meta.objects.get(lookupTarget(model.fieldMap.get(path[i])) ?? '');
      if (!target) {
        out[key] = null;
        break;
      }
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

/**
 * The write's evaluation environment, computed on first use (after the filling steps ran): related
 * records for every formula a write of the object may evaluate, and the formula fields as they will
 * read after the save, set on `write.record` (rules and gates may test them).
 */
export async function settle(ctx: RecordContext, client: pg.PoolClient, write: RecordWrite): Promise<Env> {
  if (write.env) return write.env;
  const full = write.full;
  const formulas = [...full.formulas.values(), ...writeSteps().flatMap((s) => (s.modes.includes(write.mode) ? (s.formulas?.(full) ?? []) : []))];
  const related = formulas.length ? await loadRelated(client, ctx.workspace.schema, ctx.security.fullMeta, full, write.record, formulas) : {};
  const env: Env = { record: write.record, prior: write.prior, related, at: write.at, userId: ctx.user.id, fiscalYearStartMonth: ctx.workspace.fiscalYearStartMonth };
  for (const [name, f] of full.formulas) write.record[name] = evaluateFormula(f, { record: write.record, prior: write.prior, related, ...write.at });
  write.env = env;
  return env;
}
