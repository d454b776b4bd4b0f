/**
 * Queues at work: members take waiting records (exactly one of concurrent takers wins: the claim
 * is one conditional UPDATE of the record's assignment row, which the others then find no longer
 * waiting), and members or their managers assign them to a user. The owner then changes through
 * the record service as the platform, in the claim's transaction, so history and the write steps
 * apply; a record whose save fails stays in the queue.
 */
import { AppError } from '../../core/errors';
import { t, type MessageKey } from '../../core/i18n';
import { keyedError } from '../../core/problems';
import { withTransaction } from '../../db/pool';
import { objectOf, type RecordContext } from '../../data/context';
import { isRecordId } from '../../data/read';
import { updateRecord } from '../../data/write';
import type { QueueDefinition } from '../../metadata/generated/queue';
import { descendants } from '../../security/model';
import { systemRecordContext } from '../../security/context';
import { isMember } from './members';

export const MAX_QUEUE_IDS = 200;

export interface QueueOutcome {
  taken: string[];
  failed: { id: string; code: string; message: string }[];
}

/** The queue named `name` (queue names are unique in a workspace), or 404. */
export function queueNamed(ctx: RecordContext, name: string): QueueDefinition {
  for (const docs of ctx.security.fullMeta.documents?.get('queue')?.values() ?? []) {
    const q = (docs as QueueDefinition[]).find((d) => d.name === name);
    if (q) return q;
  }
  throw keyedError('NOT_FOUND', 'queue.unknown', { queue: name }, [{ code: 'queue.unknown', message: t(ctx.locale, 'queue.unknown', { queue: name }), field: 'queue' }]);
}

/** The queues of the workspace the caller works (member, or every queue for those who may modify all of its object). */
export function myQueues(ctx: RecordContext): QueueDefinition[] {
  const out: QueueDefinition[] = [];
  for (const docs of ctx.security.fullMeta.documents?.get('queue')?.values() ?? []) {
    for (const q of docs as QueueDefinition[]) if (mayWork(ctx, q)) out.push(q);
  }
  return out;
}

/** Members, and anyone who may modify every record of the queue's object (administrators). */
export function mayWork(ctx: RecordContext, q: QueueDefinition): boolean {
  const model = ctx.security.model;
  if (!model || ctx.security.perms.object(q.object).modifyAll) return true;
  return ctx.meta.objects.has(q.object) && isMember(model, q.members, ctx.user.id);
}

/** Members, managers of a member (by manager or by role above theirs), and administrators. */
function mayHandOut(ctx: RecordContext, q: QueueDefinition): boolean {
  if (mayWork(ctx, q)) return true;
  const model = ctx.security.model!;
  const me = model.users.get(ctx.user.id);
  const below = me?.roleId ? descendants(model.roles, me.roleId) : new Set<string>();
  return [...model.users.values()].some((u) => isMember(model, q.members, u.id) && (u.managerId === ctx.user.id || (u.roleId !== null && below.has(u.roleId))));
}

function refuse(ctx: RecordContext, code: 'FORBIDDEN' | 'VALIDATION_FAILED', key: MessageKey, field: string): AppError {
  const message = t(ctx.locale, key);
  return new AppError(code, message, [{ code: key, message, field }]);
}

/** Check the ids of a request: 1 to MAX_QUEUE_IDS, no repeats (unknown shapes fail per id, not the batch). */
function checkIds(ctx: RecordContext, ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_QUEUE_IDS) {
    const message = t(ctx.locale, 'queue.ids', { max: MAX_QUEUE_IDS });
    throw new AppError('VALIDATION_FAILED', message, [{ code: 'queue.ids', message, field: 'ids', pointer: '/ids' }]);
  }
  return [...new Set(ids.map((id) => (typeof id === 'string' ? id.toLowerCase() : String(id))))];
}

/** Claim each waiting record for `owner` in its own transaction: the winner's owner is set, the others learn it is taken. */
async function claim(ctx: RecordContext, q: QueueDefinition, ids: string[], owner: string): Promise<QueueOutcome> {
  const out: QueueOutcome = { taken: [], failed: [] };
  const fail = (id: string, code: string, key: MessageKey) => out.failed.push({ id, code, message: t(ctx.locale, key) });
  for (const id of ids) {
    if (!isRecordId(id)) {
      fail(id, 'NOT_FOUND', 'queue.notWaiting');
      continue;
    }
    try {
      const won = await withTransaction(ctx.pool, async (client) => {
        const res = await client.query(
          `UPDATE "public"."record_assignments" SET "queue" = NULL, "taken_by" = $5, "taken_at" = CURRENT_TIMESTAMP
            WHERE "workspace_id" = $1 AND "object" = $2 AND "record_id" = $3 AND "queue" = $4 RETURNING "record_id"`,
          [ctx.workspace.id, q.object, id, q.name, ctx.user.id],
        );
        if (!res.rowCount) return false;
        const sys: RecordContext = { ...systemRecordContext(ctx.pool, ctx.workspace, ctx.user, ctx.security.fullMeta, ctx.channel), locale: ctx.locale, tx: client };
        await updateRecord(sys, q.object, id, { owner });
        return true;
      });
      if (won) out.taken.push(id);
      else {
        // Not waiting any more: taken by someone (409), or never in this queue (404, as for a record one cannot see).
        const seen = await ctx.pool.query(
          `SELECT "taken_by" FROM "public"."record_assignments" WHERE "workspace_id" = $1 AND "object" = $2 AND "record_id" = $3 AND "taken_by" IS NOT NULL`,
          [ctx.workspace.id, q.object, id],
        );
        if (seen.rowCount) fail(id, 'CONFLICT', 'queue.taken');
        else fail(id, 'NOT_FOUND', 'queue.notWaiting');
      }
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out.failed.push({ id, code: e.code, message: e.message });
    }
  }
  return out;
}

/** Take records of a queue for oneself. */
export async function takeFromQueue(ctx: RecordContext, queue: string, ids: unknown): Promise<QueueOutcome> {
  const q = queueNamed(ctx, queue);
  if (!mayWork(ctx, q)) throw refuse(ctx, 'FORBIDDEN', 'queue.notMember', 'queue');
  objectOf(ctx, q.object);
  return claim(ctx, q, checkIds(ctx, ids), ctx.user.id);
}

/** Hand records of a queue to an active user of the workspace. */
export async function assignFromQueue(ctx: RecordContext, queue: string, ids: unknown, user: unknown): Promise<QueueOutcome> {
  const q = queueNamed(ctx, queue);
  if (!mayHandOut(ctx, q)) throw refuse(ctx, 'FORBIDDEN', 'queue.assignRight', 'queue');
  objectOf(ctx, q.object);
  const list = checkIds(ctx, ids);
  const target = typeof user === 'string' && isRecordId(user) ? user.toLowerCase() : null;
  const found = target ? await ctx.pool.query('SELECT 1 FROM users WHERE id = $1 AND workspace_id = $2 AND active', [target, ctx.workspace.id]) : { rowCount: 0 };
  if (!target || !found.rowCount) throw refuse(ctx, 'VALIDATION_FAILED', 'queue.user', 'user');
  return claim(ctx, q, list, target);
}
