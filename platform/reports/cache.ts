/**
 * Report results remembered for a minute, so a dashboard viewed twice does not compute twice.
 *
 * The key is everything a result depends on: the workspace, the viewer (their access predicate is
 * theirs alone: owner sets, shares, criteria rules) and the security and metadata revisions their
 * rights and field-level security come from, their language (labels), the definition and the extra
 * filter, the run options, the day in the workspace time zone (relative dates, `$me` aside), and
 * the data version of every object the report reads (versions.ts: moved by every committed write
 * through the record service, on every server through LISTEN/NOTIFY). A result is never shared
 * between viewers. Writes that bypass the record service are seen at the latest when the entry
 * expires (TTL_MS). Nothing is remembered while this process is not hearing write notices, nor
 * inside a caller's transaction (it may see its own uncommitted writes).
 */
import { createHash } from 'node:crypto';
import { clock } from '../core/time';
import type { RecordContext } from '../data/context';
import type { MetadataModel, ObjectModel } from '../metadata/model';
import { conditionFields, relatedConditions, type ConditionNode } from '../rules/conditions/types';
import { formulaInputs } from '../rules/formula/inputs';
import type { ReportPlan } from './check';
import type { ReportResult } from './types';
import { dataVersion, hearing } from './versions';

export const TTL_MS = 60_000;
/** Bounded by entries and by the size of the results kept (their JSON length). */
const MAX_ENTRIES = 500;
const MAX_CHARS = 50_000_000;

interface Entry {
  result: ReportResult;
  expires: number;
  size: number;
}

const entries = new Map<string, Entry>();
let chars = 0;

/** The objects a formula field of `obj` reads through lookups, formulas it reads followed in turn. */
function formulaObjects(objects: MetadataModel['objects'], obj: ObjectModel, field: string, out: Set<string>, seen = new Set<string>()): void {
  const formula = obj.formulas.get(field);
  if (!formula || seen.has(`${obj.name}.${field}`)) return;
  seen.add(`${obj.name}.${field}`);
  for (const input of formulaInputs(formula)) {
    const at = input.steps.length ? objects.get(input.steps[input.steps.length - 1].target) : obj;
    input.steps.forEach((s) => out.add(s.target));
    if (at && input.field.type === 'formula') formulaObjects(objects, at, input.field.name, out, seen);
  }
}

/**
 * The objects a plan reads: its own, every parent a path joins (columns, groupings, aggregates,
 * conditions), the children its related conditions look at, and what its formula fields read
 * through lookups (a formula over `account.level` moves with account writes).
 */
export function objectsRead(plan: ReportPlan, extra: ConditionNode | undefined, objects: MetadataModel['objects']): string[] {
  const paths = [
    ...plan.columns,
    ...plan.groupings.map((g) => g.path),
    ...plan.columnGroupings.map((g) => g.path),
    ...plan.aggregates.flatMap((a) => (a.path ? [a.path] : [])),
    ...plan.conditionPaths,
  ];
  const conditions = [plan.filter, extra, ...plan.aggregates.map((a) => a.filter)].filter((n): n is ConditionNode => Boolean(n));
  const out = new Set<string>([plan.object.name]);
  for (const p of paths) {
    if (p.kind === 'user') continue;
    const owner = p.kind === 'parent' ? p.parent : plan.object;
    out.add(owner.name);
    if (p.field.type === 'formula') formulaObjects(objects, owner, p.field.name, out);
  }
  for (const n of conditions) {
    for (const r of relatedConditions(n)) out.add(r.object);
    for (const f of conditionFields(n)) if (f.type === 'formula') formulaObjects(objects, plan.object, f.name, out);
  }
  return [...out];
}

/** The cache key of a run, or null when nothing may be remembered for it. */
export function cacheKey(ctx: RecordContext, plan: ReportPlan, opts: unknown, objects: string[]): string | null {
  if (ctx.tx || !hearing(ctx.pool)) return null;
  const parts = [
    ctx.workspace.id,
    ctx.user.id,
    ctx.security.model?.revision ?? 'system',
    ctx.meta.revision,
    ctx.locale,
    clock().today,
    dataVersion(ctx.workspace.id, objects),
    JSON.stringify(plan.def),
    JSON.stringify(opts ?? null),
  ];
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url');
}

/** A remembered result (marked as such), or undefined. */
export function cached(key: string | null): ReportResult | undefined {
  if (!key) return undefined;
  const e = entries.get(key);
  if (!e) return undefined;
  entries.delete(key);
  if (e.expires < Date.now()) {
    chars -= e.size;
    return undefined;
  }
  entries.set(key, e); // most recently used last
  return { ...e.result, cached: true };
}

/** Remember a result, dropping the least recently used ones beyond the bounds. */
export function remember(key: string | null, result: ReportResult): void {
  if (!key) return;
  const size = JSON.stringify(result).length;
  if (size > MAX_CHARS / 10) return;
  const old = entries.get(key);
  if (old) chars -= old.size;
  entries.set(key, { result, expires: Date.now() + TTL_MS, size });
  chars += size;
  for (const [k, e] of entries) {
    if (entries.size <= MAX_ENTRIES && chars <= MAX_CHARS) break;
    entries.delete(k);
    chars -= e.size;
  }
}

/** Forget every remembered result (tests, benchmarks). */
export function clearReportCache(): void {
  entries.clear();
  chars = 0;
}
