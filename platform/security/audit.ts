/** The audit log of security and metadata changes. */
import type { Prisma as PrismaClient } from '../db/prisma';
import { forgetRemembered } from '../db/listen';

type Tx = Pick<PrismaClient, 'auditEvent' | 'workspace'>;

export interface AuditInput {
  workspaceId: string;
  userId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: unknown;
  ip?: string | null;
}

export async function audit(tx: Tx, e: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      workspaceId: e.workspaceId,
      userId: e.userId,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId ?? null,
      details: (e.details ?? undefined) as never,
      ip: e.ip ?? null,
    },
  });
}

/** Audit a change to users, roles, departments, groups, permissions or sharing, and invalidate cached security models. */
export async function auditSecurityChange(tx: Tx, e: AuditInput): Promise<void> {
  await audit(tx, e);
  await tx.workspace.update({ where: { id: e.workspaceId }, data: { securityRevision: { increment: 1 } } });
  forgetRemembered();
}
