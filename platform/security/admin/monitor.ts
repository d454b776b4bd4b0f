/** Who is signed in now, the login log and the audit log. */
import type { Prisma } from '../../db/prisma';
import { audit } from '../audit';
import { ONLINE_MINUTES } from '../sessions';
import { missing } from './errors';
import type { AdminActor } from './users';
import { forgetRemembered } from '../../db/listen';

export async function onlineSessions(prisma: Prisma, actor: AdminActor) {
  const since = new Date(Date.now() - ONLINE_MINUTES * 60_000);
  const sessions = await prisma.session.findMany({
    where: { lastSeenAt: { gte: since }, expiresAt: { gt: new Date() }, user: { workspaceId: actor.workspaceId } },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { lastSeenAt: 'desc' },
    take: 500,
  });
  return sessions.map((s) => ({ id: s.id, user: s.user, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), ip: s.ip, userAgent: s.userAgent }));
}

/** End a session: its next request is refused. */
export async function endSession(prisma: Prisma, actor: AdminActor, id: string) {
  const s = await prisma.session.findFirst({ where: { id, user: { workspaceId: actor.workspaceId } } });
  if (!s) throw missing(actor.locale, 'session');
  await prisma.$transaction(async (tx) => {
    await tx.session.delete({ where: { id } });
    forgetRemembered();
    await audit(tx, { workspaceId: actor.workspaceId, userId: actor.userId, action: 'session.end', targetType: 'user', targetId: s.userId, details: { sessionId: id } });
  });
}

/** Sign-in attempts, newest first (keyset on time). */
export async function loginEvents(prisma: Prisma, actor: AdminActor, before?: string, limit = 100) {
  const rows = await prisma.loginEvent.findMany({
    where: {
      // Attempts for this workspace's users (attempts for unknown emails belong to no workspace).
      userId: { in: (await prisma.user.findMany({ where: { workspaceId: actor.workspaceId }, select: { id: true } })).map((u) => u.id) },
      ...(before ? { at: { lt: new Date(before) } } : {}),
    },
    orderBy: { at: 'desc' },
    take: limit,
  });
  return rows.map((r) => ({ id: r.id, userId: r.userId, email: r.email, at: r.at.toISOString(), ip: r.ip, userAgent: r.userAgent, success: r.success, reason: r.reason }));
}

export async function auditEvents(prisma: Prisma, actor: AdminActor, before?: string, limit = 100) {
  const rows = await prisma.auditEvent.findMany({
    where: { workspaceId: actor.workspaceId, ...(before ? { at: { lt: new Date(before) } } : {}) },
    orderBy: { at: 'desc' },
    take: limit,
  });
  return rows.map((r) => ({ id: r.id, userId: r.userId, at: r.at.toISOString(), action: r.action, targetType: r.targetType, targetId: r.targetId, details: r.details }));
}
