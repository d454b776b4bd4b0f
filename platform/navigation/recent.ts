/**
 * Recently viewed records, per user: the record page records a view (one upsert that also trims
 * the user's list), and the navigation lists the latest ones the user can still read, checked
 * with the same access predicate as every read, one statement for all objects.
 */
import { AppError } from '../core/errors';
import { t, type Label } from '../core/i18n';
import { qualified } from '../core/identifiers';
import { Params } from '../core/sql';
import { dbOf, type RecordContext } from '../data/context';
import { isRecordId, mayAccessRecord } from '../data/read';
import { compileAccess } from '../security/access';

/** Rows kept per user (the statement that records a view trims the rest). */
export const RECENT_KEPT = 20;

export interface RecentRecord {
  object: string;
  id: string;
  name: string | null;
  icon?: string;
  objectLabel: Label;
}

/** Record that the caller opened a record (nothing when they may not read it: a 404 for them). */
export async function recordView(ctx: RecordContext, object: unknown, id: unknown): Promise<void> {
  if (typeof object !== 'string' || !ctx.meta.objects.has(object) || !ctx.security.perms.object(object).read || typeof id !== 'string' || !isRecordId(id)) {
    const message = t(ctx.locale, 'record.notFound', { object: typeof object === 'string' ? object.slice(0, 63) : '' });
    throw new AppError('NOT_FOUND', message, [{ code: 'record.notFound', message }]);
  }
  if (!(await mayAccessRecord(ctx, object, id, 'read'))) return;
  // The old rows past the newest RECENT_KEPT go in the same statement (its snapshot predates the
  // upsert, so a user holds at most RECENT_KEPT + 1 rows).
  await dbOf(ctx).query(
    `WITH "up" AS (
       INSERT INTO "recent_views" ("user_id", "object", "record_id", "viewed_at") VALUES ($1, $2, $3, now())
       ON CONFLICT ("user_id", "object", "record_id") DO UPDATE SET "viewed_at" = now()
     )
     DELETE FROM "recent_views" WHERE "user_id" = $1 AND "viewed_at" < (
       SELECT "viewed_at" FROM "recent_views" WHERE "user_id" = $1 ORDER BY "viewed_at" DESC OFFSET ${RECENT_KEPT - 1} LIMIT 1)`,
    [ctx.user.id, object, id],
  );
}

/** The caller's recently viewed records they can still read, newest first. */
export async function recentRecords(ctx: RecordContext, limit = 10): Promise<RecentRecord[]> {
  const db = dbOf(ctx);
  const rows = (
    await db.query<{ object: string; record_id: string }>(
      `SELECT "object", "record_id" FROM "recent_views" WHERE "user_id" = $1 ORDER BY "viewed_at" DESC LIMIT ${RECENT_KEPT + 1}`,
      [ctx.user.id],
    )
  ).rows;
  const byObject = new Map<string, string[]>();
  for (const r of rows) {
    if (!ctx.meta.objects.has(r.object) || !ctx.security.perms.object(r.object).read) continue;
    byObject.set(r.object, [...(byObject.get(r.object) ?? []), r.record_id]);
  }
  if (!byObject.size) return [];
  const params = new Params();
  const branches: string[] = [];
  for (const [object, ids] of byObject) {
    const access = compileAccess(await ctx.security.plan(object, 'read'), params, { workspaceId: ctx.workspace.id, object, userId: ctx.user.id }, 't');
    if (access === 'FALSE') continue;
    const where = [`"t"."id" = ANY(${params.add(ids)}::uuid[])`, '"t"."deleted_at" IS NULL', ...(access ? [access] : [])];
    branches.push(`(SELECT ${params.add(object)}::text AS "object", "t"."id", "t"."name" FROM ${qualified(ctx.workspace.schema, object)} AS "t" WHERE ${where.join(' AND ')})`);
  }
  if (!branches.length) return [];
  const found = new Map(
    (await db.query<{ object: string; id: string; name: string | null }>(branches.join(' UNION ALL '), params.values)).rows.map((r) => [`${r.object}:${r.id}`, r]),
  );
  const out: RecentRecord[] = [];
  for (const r of rows) {
    const hit = found.get(`${r.object}:${r.record_id}`);
    if (!hit) continue;
    const obj = ctx.meta.objects.get(r.object)!;
    out.push({ object: r.object, id: r.record_id, name: hit.name, icon: obj.icon, objectLabel: obj.label });
    if (out.length >= limit) break;
  }
  return out;
}
