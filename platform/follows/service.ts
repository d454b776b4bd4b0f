/**
 * Following records: a user follows what they may read, and is told in the app (a notification)
 * when someone else changes it. The notification is an after-commit write step of this
 * capability, so every channel's updates and deletes notify alike.
 */
import { t, pickLabel, type Locale } from '../core/i18n';
import { dbOf, requireObject, type RecordContext } from '../data/context';
import { getRecord } from '../data/read';
import type { WriteStep } from '../data/steps';
import { notify } from '../messaging/notifications';

export interface FollowState {
  following: boolean;
  followers: number;
}

/** Whether the caller follows the record and how many do; the record must be readable. */
export async function followState(ctx: RecordContext, objectName: string, id: string): Promise<FollowState> {
  const obj = requireObject(ctx, objectName, 'read');
  await getRecord(ctx, obj.name, id);
  const { rows } = await dbOf(ctx).query<{ followers: string; mine: boolean }>(
    `SELECT count(*) AS followers, coalesce(bool_or("user_id" = $4), false) AS mine FROM "follows" WHERE "workspace_id" = $1 AND "object" = $2 AND "record_id" = $3`,
    [ctx.workspace.id, obj.name, id, ctx.user.id],
  );
  return { following: rows[0].mine, followers: Number(rows[0].followers) };
}

/** Follow a record the caller may read (404 otherwise, as for reading it). */
export async function follow(ctx: RecordContext, objectName: string, id: string): Promise<FollowState> {
  const obj = requireObject(ctx, objectName, 'read');
  await getRecord(ctx, obj.name, id);
  await dbOf(ctx).query(`INSERT INTO "follows" ("workspace_id", "object", "record_id", "user_id") VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
    ctx.workspace.id,
    obj.name,
    id,
    ctx.user.id,
  ]);
  return followState(ctx, obj.name, id);
}

/** Stop following a record (whether or not the caller may still read it). */
export async function unfollow(ctx: RecordContext, objectName: string, id: string): Promise<{ following: false }> {
  const obj = requireObject(ctx, objectName, 'read');
  await dbOf(ctx).query(`DELETE FROM "follows" WHERE "workspace_id" = $1 AND "object" = $2 AND "record_id" = $3 AND "user_id" = $4`, [ctx.workspace.id, obj.name, id, ctx.user.id]);
  return { following: false };
}

/** After an update or delete commits: a notification to every follower but the one who made the change, in the follower's language. */
export const followNotifyStep: WriteStep = {
  name: 'follows.notify',
  phase: 'afterCommit',
  modes: ['update', 'delete'],
  async run(ctx, _client, write) {
    if (write.bulk || !write.id || (write.mode === 'update' && write.changes.length === 0)) return;
    const db = dbOf(ctx);
    const { rows } = await db.query<{ user_id: string; locale: string | null }>(
      `SELECT f."user_id", u."locale" FROM "follows" f JOIN "users" u ON u."id" = f."user_id"
        WHERE f."workspace_id" = $1 AND f."object" = $2 AND f."record_id" = $3 AND f."user_id" <> $4 AND u."active"`,
      [ctx.workspace.id, write.full.name, write.id, ctx.user.id],
    );
    if (!rows.length) return;
    const name = String(write.record.name ?? write.prior?.name ?? '');
    const link = write.mode === 'delete' ? null : `/o/${write.full.name}/${write.id}`;
    await notify(
      db,
      rows.map((r) => {
        const locale = (r.locale === 'zh-CN' ? 'zh-CN' : 'en') as Locale;
        return {
          workspaceId: ctx.workspace.id,
          userId: r.user_id,
          kind: 'record_changed',
          title: t(locale, 'rec.notify.changed', { user: ctx.user.name, object: pickLabel(write.full.label, locale), name }),
          link,
        };
      }),
    );
  },
};
