/**
 * Handing every record of a departing user to a successor: counts per object first, then a
 * background job that moves ownership in batches (each batch one transaction, with field history),
 * reports progress, and is audited. Records in the recycle bin move too, and the departing user's
 * places on record teams pass to the successor: nothing is left behind.
 *
 * Records in approval move as well (the departing owner cannot act on them any more): the pending
 * request goes with its record, with a `transferred` event in its history, and when the departing
 * user had submitted it the successor becomes its submitter (so they can recall it). The result
 * counts how many moved records were in approval, per object.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../core/errors';
import { ident, qualified } from '../core/identifiers';
import { t, type Locale } from '../core/i18n';
import type { UserRef, WorkspaceRef } from '../data/context';
import { withTransaction } from '../db/pool';
import type { Prisma } from '../db/prisma';
import type { MetadataModel } from '../metadata/model';
import { systemRecordContext } from './context';
import { audit } from './audit';
import { writeHistory } from './history';

const TRANSFER_BATCH = 5_000;

export interface TransferCounts {
  object: string;
  live: number;
  deleted: number;
}

/** How many records of each object a user owns (live and in the recycle bin). */
export async function transferPreview(pool: pg.Pool, workspace: WorkspaceRef, meta: MetadataModel, fromUserId: string): Promise<TransferCounts[]> {
  const out: TransferCounts[] = [];
  for (const obj of meta.objects.values()) {
    const res = await pool.query<{ live: string; deleted: string }>(
      `SELECT count(*) FILTER (WHERE deleted_at IS NULL) AS live, count(*) FILTER (WHERE deleted_at IS NOT NULL) AS deleted FROM ${qualified(workspace.schema, obj.name)} WHERE owner = $1`,
      [fromUserId],
    );
    out.push({ object: obj.name, live: Number(res.rows[0].live), deleted: Number(res.rows[0].deleted) });
  }
  return out;
}

function invalid(locale: Locale, field: string, key: 'transfer.same' | 'transfer.badUser'): AppError {
  const message = t(locale, key);
  return new AppError('VALIDATION_FAILED', message, [{ field, code: key, message }]);
}

async function userNames(pool: pg.Pool, ids: string[]): Promise<Map<string, string>> {
  const res = await pool.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE id = ANY($1::uuid[])', [ids]);
  return new Map(res.rows.map((r) => [r.id, r.name]));
}

/**
 * Pending requests go with their records: a `transferred` event in each history, and the successor
 * becomes the submitter where the departing user was (so someone can still recall it). Returns how many.
 */
async function moveRequests(
  client: pg.PoolClient,
  actorId: string,
  requests: { id: string; submitted_by: string }[],
  from: { id: string; name: string },
  to: { id: string; name: string },
): Promise<number> {
  if (!requests.length) return 0;
  const theirs = requests.filter((r) => r.submitted_by === from.id).map((r) => r.id);
  if (theirs.length) await client.query('UPDATE approval_requests SET submitted_by = $2 WHERE id = ANY($1::uuid[])', [theirs, to.id]);
  await client.query(
    `INSERT INTO approval_events (request_id, actor_id, action, details)
     SELECT r, $2, 'transferred', jsonb_build_object('from', $3::text, 'to', $4::text, 'fromName', $5::text, 'toName', $6::text, 'submitterMoved', r = ANY($7::uuid[]))
       FROM unnest($1::uuid[]) AS r`,
    [requests.map((r) => r.id), actorId, from.id, to.id, from.name, to.name, theirs],
  );
  return requests.length;
}

/** Queue a transfer; returns the job id (progress is read from the jobs table). */
export async function startTransfer(
  prisma: Prisma,
  workspace: WorkspaceRef,
  actor: UserRef,
  locale: Locale,
  fromUserId: string,
  toUserId: string,
  enqueue: (jobId: string) => Promise<void>,
): Promise<string> {
  if (fromUserId === toUserId) throw invalid(locale, 'toUserId', 'transfer.same');
  const from = await prisma.user.findFirst({ where: { id: fromUserId, workspaceId: workspace.id } });
  if (!from) throw invalid(locale, 'fromUserId', 'transfer.badUser');
  const to = await prisma.user.findFirst({ where: { id: toUserId, workspaceId: workspace.id, active: true } });
  if (!to) throw invalid(locale, 'toUserId', 'transfer.badUser');
  const job = await prisma.$transaction(async (tx) => {
    const j = await tx.job.create({ data: { workspaceId: workspace.id, kind: 'transfer', payload: { fromUserId, toUserId }, createdBy: actor.id, progress: { done: 0 } } });
    await audit(tx, { workspaceId: workspace.id, userId: actor.id, action: 'transfer.start', targetType: 'user', targetId: fromUserId, details: { toUserId, jobId: j.id } });
    return j;
  });
  await enqueue(job.id);
  return job.id;
}

/** Run a transfer job to completion (idempotent: re-running moves whatever is still left). */
export async function runTransfer(pool: pg.Pool, prisma: Prisma, jobId: string, metaFor: (ws: WorkspaceRef) => Promise<MetadataModel>): Promise<void> {
  const job = await prisma.job.findUniqueOrThrow({ where: { id: jobId } });
  const { fromUserId, toUserId } = job.payload as { fromUserId: string; toUserId: string };
  const ws = await prisma.workspace.findUniqueOrThrow({ where: { id: job.workspaceId } });
  const workspace: WorkspaceRef = { id: ws.id, name: ws.name, schema: ws.schemaName };
  const meta = await metaFor(workspace);
  const actorRow = await prisma.user.findUniqueOrThrow({ where: { id: job.createdBy ?? toUserId } });
  const ctx = systemRecordContext(pool, workspace, { id: actorRow.id, name: actorRow.name, email: actorRow.email, isAdmin: actorRow.isAdmin }, meta);
  await prisma.job.update({ where: { id: jobId }, data: { status: 'running', startedAt: new Date() } });
  try {
    const totals = await transferPreview(pool, workspace, meta, fromUserId);
    const total = totals.reduce((s, c) => s + c.live + c.deleted, 0);
    const moved: Record<string, number> = {};
    const inApproval: Record<string, number> = {};
    let done = 0;
    const names = await userNames(pool, [fromUserId, toUserId]);
    for (const { object } of totals) {
      moved[object] = 0;
      inApproval[object] = 0;
      while (true) {
        const n = await withTransaction(
          pool,
          async (client) => {
            const batch = (
              await client.query<{ id: string }>(`SELECT id FROM ${qualified(workspace.schema, object)} WHERE owner = $1 ORDER BY id LIMIT ${TRANSFER_BATCH}`, [fromUserId])
            ).rows.map((r) => r.id);
            if (!batch.length) return null;
            // Requests before records, the order the approval engine locks them in (no deadlock with an approver acting).
            const pending = await client.query<{ id: string; record_id: string; submitted_by: string }>(
              `SELECT id, record_id, submitted_by FROM approval_requests WHERE workspace_id = $1 AND object = $2 AND record_id = ANY($3::uuid[]) AND status = 'pending' ORDER BY id FOR UPDATE`,
              [workspace.id, object, batch],
            );
            // The owner test again: a record someone else moved meanwhile is no longer the leaver's.
            const res = await client.query<{ id: string }>(
              `UPDATE ${qualified(workspace.schema, object)} SET ${ident('owner')} = $2, updated_at = now(), updated_by = $3, version = version + 1
              WHERE id = ANY($4::uuid[]) AND owner = $1 RETURNING id`,
              [fromUserId, toUserId, ctx.user.id, batch],
            );
            await writeHistory(
              client,
              ctx,
              object,
              res.rows.map((r) => r.id),
              [{ field: 'owner', old: fromUserId, new: toUserId }],
              randomUUID(),
            );
            const movedIds = new Set(res.rows.map((r) => r.id));
            inApproval[object] += await moveRequests(
              client,
              ctx.user.id,
              pending.rows.filter((r) => movedIds.has(r.record_id)),
              { id: fromUserId, name: names.get(fromUserId) ?? '' },
              { id: toUserId, name: names.get(toUserId) ?? '' },
            );
            return movedIds.size;
          },
          { long: true },
        );
        if (n === null) break;
        moved[object] += n;
        done += n;
        await prisma.job.update({ where: { id: jobId }, data: { progress: { done, total, object } } });
      }
    }
    // Team places pass to the successor (unless they are already on that team).
    const teams = await pool.query(
      `UPDATE record_shares s SET user_id = $3 WHERE s.workspace_id = $1 AND s.user_id = $2 AND s.reason = 'team'
         AND NOT EXISTS (SELECT 1 FROM record_shares x WHERE x.workspace_id = s.workspace_id AND x.object = s.object AND x.record_id = s.record_id AND x.user_id = $3 AND x.reason = 'team')`,
      [workspace.id, fromUserId, toUserId],
    );
    const result = { moved, inApproval, teams: teams.rowCount ?? 0 };
    await prisma.$transaction(async (tx) => {
      await tx.job.update({ where: { id: jobId }, data: { status: 'done', finishedAt: new Date(), progress: { done, total }, result } });
      await audit(tx, {
        workspaceId: workspace.id,
        userId: ctx.user.id,
        action: 'transfer.done',
        targetType: 'user',
        targetId: fromUserId,
        details: { toUserId, jobId, ...result },
      });
    });
  } catch (e) {
    await prisma.job.update({ where: { id: jobId }, data: { status: 'failed', finishedAt: new Date(), error: (e as Error).message.slice(0, 2000) } });
    throw e;
  }
}
