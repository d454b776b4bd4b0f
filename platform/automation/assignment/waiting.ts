/**
 * What waits in a queue, for its screen: the records of the queue (oldest first, 50 a page by a
 * keyset on when they arrived), through the caller's access predicate like every read, with the
 * entry that sent them there. Assignment history of a record, for the record page.
 */
import { AppError } from '../../core/errors';
import { ident, qualified } from '../../core/identifiers';
import { t } from '../../core/i18n';
import { Params } from '../../core/sql';
import { isoFromPg } from '../../core/time';
import { dbOf, objectOf, type RecordContext } from '../../data/context';
import { isRecordId, mayAccessRecord } from '../../data/read';
import { compileAccess } from '../../security/access';
import { mayWork, queueNamed } from './queues';

const PAGE = 50;

/** A field the queue screen shows, with its label and (picklists) its options' labels. */
export interface WaitingColumn {
  name: string;
  label: { en: string; zh: string };
  options?: { value: string; label: { en: string; zh: string } }[];
}

export interface WaitingRecord {
  id: string;
  name: string;
  createdAt: string;
  waitingSince: string;
  entry: string;
  /** The object's fields the list shows, as the caller may read them. */
  values: Record<string, unknown>;
}

function badCursor(ctx: RecordContext): AppError {
  const message = t(ctx.locale, 'cursor.invalid');
  return new AppError('INVALID_CURSOR', message, [{ code: 'cursor.invalid', message, field: 'cursor' }]);
}

/** A page of the records waiting in `queue`, oldest first. */
export async function listWaiting(
  ctx: RecordContext,
  queue: string,
  cursor?: string | null,
): Promise<{ queue: { name: string; object: string; label: { en: string; zh: string } }; columns: WaitingColumn[]; items: WaitingRecord[]; next: string | null }> {
  const q = queueNamed(ctx, queue);
  if (!mayWork(ctx, q)) {
    const message = t(ctx.locale, 'queue.notMember');
    throw new AppError('FORBIDDEN', message, [{ code: 'queue.notMember', message, field: 'queue' }]);
  }
  const obj = objectOf(ctx, q.object);
  const params = new Params();
  const access = compileAccess(await ctx.security.plan(obj.name, 'read'), params, { workspaceId: ctx.workspace.id, object: obj.name, userId: ctx.user.id }, 't');
  const where = [`a."workspace_id" = ${params.add(ctx.workspace.id)}::uuid`, `a."object" = ${params.add(obj.name)}`, `a."queue" = ${params.add(q.name)}`, `t."deleted_at" IS NULL`];
  if (access) where.push(access);
  if (cursor) {
    const [at, id] = cursor.split('|');
    if (!at || !isRecordId(id) || Number.isNaN(Date.parse(at))) throw badCursor(ctx);
    where.push(`(a."assigned_at", a."record_id") > (${params.add(at)}::timestamptz, ${params.add(id)}::uuid)`);
  }
  // A few of the object's own fields help pick what to take (company, region...): the first readable ones.
  const shown = obj.fields.filter((f) => !f.system && ['text', 'picklist', 'email', 'phone'].includes(f.type) && f.name !== obj.nameField).slice(0, 4);
  const cols = shown.map((f) => `t.${ident(f.name)}`).join(', ');
  const res = await dbOf(ctx).query<Record<string, unknown>>(
    `SELECT t."id", t."name", t."created_at", a."assigned_at", to_char(a."assigned_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS since, a."entry"${cols ? `, ${cols}` : ''}
       FROM "public"."record_assignments" a JOIN ${qualified(ctx.workspace.schema, obj.name)} t ON t."id" = a."record_id"
      WHERE ${where.join(' AND ')} ORDER BY a."assigned_at", a."record_id" LIMIT ${PAGE + 1}`,
    params.values,
  );
  const rows = res.rows.slice(0, PAGE);
  const items = rows.map((r) => ({
    id: String(r.id),
    name: String(r.name ?? ''),
    createdAt: isoFromPg(r.created_at) ?? '',
    waitingSince: String(r.since),
    entry: String(r.entry),
    values: Object.fromEntries(shown.map((f) => [f.name, r[f.name] ?? null])),
  }));
  const last = rows[rows.length - 1];
  const columns = shown.map((f) => ({
    name: f.name,
    label: f.label,
    ...(f.type === 'picklist'
      ? { options: ((f as { options?: { value: string; label: { en: string; zh: string } }[] }).options ?? []).map((o) => ({ value: o.value, label: o.label })) }
      : {}),
  }));
  return { queue: { name: q.name, object: q.object, label: q.label }, columns, items, next: res.rows.length > PAGE && last ? `${String(last.since)}|${String(last.id)}` : null };
}

/** Which rule and entry assigned a record, and its queue while it waits (null when no rule did), for those who may see the record. */
export async function recordAssignment(
  ctx: RecordContext,
  object: string,
  id: string,
): Promise<{ rule: string; entry: string; queue: string | null; ruleLabel?: unknown; entryLabel?: unknown } | null> {
  const obj = objectOf(ctx, object);
  if (!isRecordId(id) || !(await mayAccessRecord(ctx, obj.name, id, 'read'))) return null;
  const res = await dbOf(ctx).query<{ rule: string; entry: string; queue: string | null }>(
    `SELECT "rule", "entry", "queue" FROM "public"."record_assignments" WHERE "workspace_id" = $1 AND "object" = $2 AND "record_id" = $3`,
    [ctx.workspace.id, obj.name, id],
  );
  const row = res.rows[0];
  if (!row) return null;
  const def = (
    (ctx.security.fullMeta.documents?.get('assignment_rule')?.get(obj.name) ?? []) as { name: string; label: unknown; entries: { name: string; label?: unknown }[] }[]
  ).find((r) => r.name === row.rule);
  return { ...row, ruleLabel: def?.label, entryLabel: def?.entries.find((e) => e.name === row.entry)?.label };
}
