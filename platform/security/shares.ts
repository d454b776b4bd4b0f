/**
 * Sharing one record with one user (manual shares), and record teams (opportunity teams): both
 * are rows in record_shares that the access predicate reads. Only those with full access to the
 * record (its owner, users above the owner, modify-all) may share it or change its team.
 */
import { noteDataChange } from '../reports/versions';
import { randomUUID } from 'node:crypto';
import { AppError } from '../core/errors';
import { t } from '../core/i18n';
import { mayAccessRecord, notFound } from '../data/read';
import { dbOf, requireObject, type RecordContext } from '../data/context';
import { isoFromPg } from '../core/time';
import { withTransaction } from '../db/pool';
import { writeHistory } from './history';

export type ShareReason = 'manual' | 'team';

/** One probe for every "may the caller see or change this record" question (data/read.ts). */
const canAccess = (ctx: RecordContext, object: string, id: string, mode: 'read' | 'full') => mayAccessRecord(ctx, object, id, mode);

/** Shares and team members of a record the caller can see; `canManage` says whether they may change them. */
export async function listShares(ctx: RecordContext, object: string, id: string) {
  const obj = requireObject(ctx, object, 'read');
  if (!(await canAccess(ctx, obj.name, id, 'read'))) throw notFound(ctx, obj);
  const res = await dbOf(ctx).query<{ id: string; user_id: string; name: string; access: string; reason: ShareReason; team_role: string | null; created_at: string }>(
    `SELECT s.id, s.user_id, u.name, s.access, s.reason, s.team_role, s.created_at FROM record_shares s JOIN users u ON u.id = s.user_id
      WHERE s.workspace_id = $1 AND s.object = $2 AND s.record_id = $3 ORDER BY s.reason, u.name`,
    [ctx.workspace.id, obj.name, id],
  );
  return {
    canManage: await canAccess(ctx, obj.name, id, 'full'),
    teams: Boolean(obj.teams),
    shares: res.rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      userName: r.name,
      access: r.access,
      reason: r.reason,
      teamRole: r.team_role,
      createdAt: isoFromPg(r.created_at)!,
    })),
  };
}

async function requireManage(ctx: RecordContext, object: string, id: string) {
  const obj = requireObject(ctx, object, 'read');
  if (await canAccess(ctx, obj.name, id, 'full')) return obj;
  if (await canAccess(ctx, obj.name, id, 'read')) {
    const message = t(ctx.locale, 'auth.forbidden');
    throw new AppError('FORBIDDEN', message, [{ code: 'record.share', message }]);
  }
  throw notFound(ctx, obj);
}

/** Share a record with a user (or add them to its team); sharing again updates the access. */
export async function addShare(
  ctx: RecordContext,
  object: string,
  id: string,
  input: { userId: string; access: 'read' | 'read_write'; reason: ShareReason; teamRole?: string | null },
) {
  const obj = await requireManage(ctx, object, id);
  if (input.reason === 'team' && !obj.teams)
    throw new AppError('BAD_REQUEST', t(ctx.locale, 'share.noTeams'), [{ field: 'reason', code: 'share.noTeams', message: t(ctx.locale, 'share.noTeams') }]);
  const user = await dbOf(ctx).query('SELECT 1 FROM users WHERE id = $1 AND workspace_id = $2 AND active', [input.userId, ctx.workspace.id]);
  if (!user.rowCount)
    throw new AppError('VALIDATION_FAILED', t(ctx.locale, 'admin.badReference'), [{ field: 'userId', code: 'admin.badReference', message: t(ctx.locale, 'admin.badReference') }]);
  await withTransaction(ctx.pool, async (client) => {
    await client.query(
      `INSERT INTO record_shares (workspace_id, object, record_id, user_id, access, reason, team_role, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (workspace_id, object, record_id, user_id, reason) DO UPDATE SET access = EXCLUDED.access, team_role = EXCLUDED.team_role`,
      [ctx.workspace.id, obj.name, id, input.userId, input.access, input.reason, input.teamRole ?? null, ctx.user.id],
    );
    await writeHistory(
      client,
      ctx,
      obj.name,
      [id],
      [{ field: input.reason === 'team' ? '$team' : '$shared', old: null, new: { userId: input.userId, access: input.access, teamRole: input.teamRole ?? null } }],
      randomUUID(),
    );
    // A share changes what reports show the grantee: cached results move on at commit.
    await noteDataChange(client, ctx.workspace.id, [obj.name]);
  });
}

export async function removeShare(ctx: RecordContext, object: string, id: string, shareId: string) {
  const obj = await requireManage(ctx, object, id);
  await withTransaction(ctx.pool, async (client) => {
    const res = await client.query<{ user_id: string; reason: string; access: string }>(
      'DELETE FROM record_shares WHERE id = $1 AND workspace_id = $2 AND object = $3 AND record_id = $4 RETURNING user_id, reason, access',
      [shareId, ctx.workspace.id, obj.name, id],
    );
    if (!res.rowCount) throw notFound(ctx, obj);
    const r = res.rows[0];
    await writeHistory(client, ctx, obj.name, [id], [{ field: r.reason === 'team' ? '$team' : '$shared', old: { userId: r.user_id, access: r.access }, new: null }], randomUUID());
    await noteDataChange(client, ctx.workspace.id, [obj.name]);
  });
}
