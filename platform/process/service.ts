/**
 * Sales processes for the screens and the API: what a record's path shows, the kanban of a
 * process (a column per stage with its count and total, cards paged per column), moving a record
 * to a stage (the record service checks the gates, on every channel), and the stage history.
 * Every read goes through the caller's access to the records.
 */
import { AppError } from '../core/errors';
import { ident } from '../core/identifiers';
import { pickLabel, t } from '../core/i18n';
import { Params } from '../core/sql';
import { isoFromPg } from '../core/time';
import { requireObject, type RecordContext } from '../data/context';
import { conditionContext, prepareFilterAccess } from '../data/conditionAccess';
import { getRecord, listRecords, parseFilter, searchSql, type ListResult } from '../data/read';
import { recordSource } from '../data/source';
import { updateRecord } from '../data/write';
import type { ObjectModel, ProcessModel } from '../metadata/model';
import { compileCondition } from '../rules/conditions/compile';
import { compileAccess } from '../security/access';

/** The processes of an object as the screens show them (stages, probabilities, gate summaries). */
export function describeProcesses(obj: ObjectModel) {
  if (!obj.process?.processes.length) return null;
  return {
    ...obj.process.config,
    processes: obj.process.processes.map((p) => ({
      name: p.name,
      label: p.label,
      description: p.description ?? null,
      isDefault: p.isDefault,
      active: p.active,
      layout: p.layout ?? null,
      stages: p.stages.map((s) => ({
        value: s.value,
        label: s.label,
        probability: s.probability,
        forecast: s.forecast,
        won: s.won,
        lost: s.lost,
        active: s.active,
        color: s.color ?? null,
        gate: s.gate.map((g) => ({ field: g.field ?? null, message: g.message ?? null, condition: Boolean(g.require) })),
      })),
    })),
  };
}

function noProcess(ctx: RecordContext, obj: ObjectModel): AppError {
  const message = t(ctx.locale, 'process.none', { object: pickLabel(obj.label, ctx.locale) });
  return new AppError('BAD_REQUEST', message, [{ code: 'process.none', message }]);
}

function processOf(ctx: RecordContext, obj: ObjectModel, name?: string): ProcessModel {
  const list = obj.process?.processes ?? [];
  const p = name ? list.find((x) => x.name === name) : list.find((x) => x.isDefault);
  if (!p) {
    const message = t(ctx.locale, 'process.unknown', { process: name ?? '', object: pickLabel(obj.label, ctx.locale) });
    throw new AppError('NOT_FOUND', message, [{ code: 'process.unknown', field: 'process', message }]);
  }
  return p;
}

export interface KanbanColumn {
  stage: string;
  count: number;
  /** Sum of the amount field over the column's records (null when the object has none). */
  total: number | null;
  records: ListResult['records'];
  nextCursor: string | null;
}

/**
 * A process's kanban: a column per stage (inactive stages only when records are in them), each
 * with the count and amount total of the records the caller can see, and its first cards.
 */
export async function kanban(
  ctx: RecordContext,
  objectName: string,
  opts: { process?: string; filter?: unknown; search?: string; perColumn?: number; sort?: string } = {},
): Promise<{ process: string; columns: KanbanColumn[] }> {
  const obj = requireObject(ctx, objectName, 'read');
  const proc = processOf(ctx, obj, opts.process);
  const cfg = obj.process!.config;
  const totals = await columnTotals(ctx, obj, proc, opts.filter, opts.search);
  const stages = proc.stages.filter((s) => s.active || totals.has(s.value));
  const columns: KanbanColumn[] = [];
  for (const s of stages) {
    const page = await kanbanColumn(ctx, objectName, proc.name, s.value, { filter: opts.filter, search: opts.search, limit: opts.perColumn ?? 20, sort: opts.sort });
    const tot = totals.get(s.value);
    columns.push({ stage: s.value, count: tot?.count ?? 0, total: cfg.amountField ? (tot?.total ?? 0) : null, records: page.records, nextCursor: page.nextCursor });
  }
  return { process: proc.name, columns };
}

/** One column's cards (and the next page of them). */
export function kanbanColumn(
  ctx: RecordContext,
  objectName: string,
  process: string,
  stage: string,
  opts: { filter?: unknown; search?: string; limit?: number; cursor?: string | null; sort?: string } = {},
): Promise<ListResult> {
  const obj = requireObject(ctx, objectName, 'read');
  const cfg = obj.process?.config;
  const proc = processOf(ctx, obj, process);
  if (!cfg) throw noProcess(ctx, obj);
  const filters: unknown[] = [
    { field: cfg.field, op: 'eq', value: proc.name },
    { field: cfg.stageField, op: 'eq', value: stage },
  ];
  if (opts.filter !== undefined && opts.filter !== null) filters.push(opts.filter);
  const amountSortable = cfg.amountField && obj.fieldMap.has(cfg.amountField);
  return listRecords(ctx, obj.name, {
    filter: { all: filters },
    search: opts.search,
    limit: opts.limit,
    cursor: opts.cursor,
    sort: opts.sort ?? (amountSortable ? `-${cfg.amountField}` : 'name'),
    withNames: true,
  });
}

/** Count and amount total per stage of a process, over what the caller can see. */
async function columnTotals(ctx: RecordContext, obj: ObjectModel, proc: ProcessModel, filter: unknown, search?: string): Promise<Map<string, { count: number; total: number }>> {
  const cfg = obj.process!.config;
  const params = new Params();
  const where = ['"t"."deleted_at" IS NULL', `"t".${ident(cfg.field)} = ${params.add(proc.name)}::text`];
  const condition = parseFilter(ctx, obj, filter);
  if (condition) where.push(compileCondition(condition, params, conditionContext(ctx, await prepareFilterAccess(ctx, obj, condition)), 't'));
  const matching = searchSql(ctx, obj, search, params);
  if (matching) where.push(matching);
  const access = compileAccess(await ctx.security.plan(obj.name, 'read'), params, { workspaceId: ctx.workspace.id, object: obj.name, userId: ctx.user.id });
  if (access) where.push(access);
  // The amount is totalled only when the caller may see it.
  const amount = cfg.amountField && obj.fieldMap.has(cfg.amountField) ? `COALESCE(sum("t".${ident(cfg.amountField)}), 0)` : '0';
  const res = await ctx.pool.query<{ stage: string; n: string; total: string }>(
    `SELECT "t".${ident(cfg.stageField)} AS stage, count(*) AS n, ${amount} AS total FROM ${recordSource(ctx.workspace.schema, obj, params)} WHERE ${where.join(' AND ')} GROUP BY 1`,
    params.values,
  );
  return new Map(res.rows.map((r) => [r.stage, { count: Number(r.n), total: Number(r.total) }]));
}

/** Move a record to a stage: an ordinary update, so gates, rules and locks apply as on every channel. */
export function moveToStage(ctx: RecordContext, objectName: string, id: string, stage: string, expectedVersion?: number) {
  const obj = requireObject(ctx, objectName, 'edit');
  const cfg = obj.process?.config;
  if (!cfg) throw noProcess(ctx, obj);
  return updateRecord(ctx, obj.name, id, { [cfg.stageField]: stage }, { expectedVersion });
}

export interface StageHistoryEntry {
  process: string;
  from: string | null;
  to: string;
  amount: number | null;
  probability: number | null;
  changedAt: string;
  changedBy: string | null;
  changedByName: string | null;
  channel: string;
  /** Days the record spent in `to` (until the next change, or until now for the current stage). */
  days: number;
}

/** A record's stage changes, oldest first (only for callers who can see the record). */
export async function stageHistory(ctx: RecordContext, objectName: string, id: string): Promise<StageHistoryEntry[]> {
  const obj = requireObject(ctx, objectName, 'read');
  await getRecord(ctx, obj.name, id);
  const res = await ctx.pool.query<{
    process: string;
    from_stage: string | null;
    to_stage: string;
    amount: string | null;
    probability: string | null;
    changed_at: unknown;
    changed_by: string | null;
    name: string | null;
    channel: string;
  }>(
    `SELECT h.process, h.from_stage, h.to_stage, h.amount, h.probability, h.changed_at, h.changed_by, u.name, h.channel
       FROM "public"."stage_history" h LEFT JOIN "public"."users" u ON u.id = h.changed_by
      WHERE h.workspace_id = $1 AND h.object = $2 AND h.record_id = $3 ORDER BY h.changed_at, h.id LIMIT 1000`,
    [ctx.workspace.id, obj.name, id],
  );
  const rows = res.rows.map((r) => ({ ...r, at: isoFromPg(r.changed_at)! }));
  const hideAmount = obj.process?.config.amountField && !obj.fieldMap.has(obj.process.config.amountField);
  const hideProbability = obj.process?.config.probabilityField && !obj.fieldMap.has(obj.process.config.probabilityField);
  return rows.map((r, i) => {
    const until = i + 1 < rows.length ? Date.parse(rows[i + 1].at) : Date.now();
    return {
      process: r.process,
      from: r.from_stage,
      to: r.to_stage,
      amount: r.amount === null || hideAmount ? null : Number(r.amount),
      probability: r.probability === null || hideProbability ? null : Number(r.probability),
      changedAt: r.at,
      changedBy: r.changed_by,
      changedByName: r.name,
      channel: r.channel,
      days: Math.max(0, Math.floor((until - Date.parse(r.at)) / 86_400_000)),
    };
  });
}
