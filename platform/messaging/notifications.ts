/** In-app notifications: written in the transaction of what caused them, read by their user only. */
import type { Queryable } from '../db/pool';
import { isoFromPg } from '../core/time';

export interface NewNotification {
  workspaceId: string;
  userId: string;
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  read: boolean;
}

export async function notify(db: Queryable, list: NewNotification[]): Promise<void> {
  if (!list.length) return;
  await db.query(
    `INSERT INTO notifications (workspace_id, user_id, kind, title, body, link)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    [
      list.map((n) => n.workspaceId),
      list.map((n) => n.userId),
      list.map((n) => n.kind),
      list.map((n) => n.title),
      list.map((n) => n.body ?? null),
      list.map((n) => n.link ?? null),
    ],
  );
}

/** The user's latest notifications and how many are unread. */
export async function listNotifications(db: Queryable, userId: string, limit = 20): Promise<{ unread: number; items: NotificationView[] }> {
  const [rows, unread] = await Promise.all([
    db.query<{ id: string; kind: string; title: string; body: string | null; link: string | null; created_at: string; read_at: string | null }>(
      'SELECT id, kind, title, body, link, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2',
      [userId, Math.min(Math.max(limit, 1), 100)],
    ),
    db.query<{ n: string }>('SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId]),
  ]);
  return {
    unread: Number(unread.rows[0].n),
    items: rows.rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: isoFromPg(r.created_at)!, read: r.read_at !== null })),
  };
}

/** Mark some (or all) of the user's notifications read. */
export async function markNotificationsRead(db: Queryable, userId: string, ids?: string[]): Promise<void> {
  if (ids) await db.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL', [userId, ids]);
  else await db.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [userId]);
}
