/** The signed-in user's own account: profile, password, API keys; and a user picker for sharing. */
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { t } from '../../core/i18n';
import { getPrisma } from '../../db/prisma';
import { createApiKey, revokeApiKey } from '../../security/apiKeys';
import { changePassword } from '../../security/sessions';
import { protectedProcedure, router } from './init';

export const accountRouter = router({
  me: protectedProcedure.query(async ({ ctx }) => {
    const u = await getPrisma().user.findUniqueOrThrow({
      where: { id: ctx.principal.user.id },
      include: { role: true, department: true, manager: { select: { name: true } }, permissionSets: { include: { permissionSet: true } } },
    });
    return {
      id: u.id,
      email: u.email,
      name: u.name,
      title: u.title,
      locale: u.locale,
      role: u.role?.label ?? null,
      department: u.department?.label ?? null,
      manager: u.manager?.name ?? null,
      permissionSets: u.permissionSets.map((p) => p.permissionSet.label),
      system: ctx.rc.security.perms.system,
    };
  }),
  changePassword: protectedProcedure.input(z.object({ current: z.string().max(200), next: z.string().max(200) })).mutation(async ({ ctx, input }) => {
    const sessionId = (ctx.principal as { sessionId?: string }).sessionId;
    const problem = await changePassword(getPrisma(), ctx.principal.user.id, input.current, input.next, sessionId);
    if (problem) {
      const key = problem === 'wrong_current' ? 'auth.wrongPassword' : problem === 'too_short' ? 'auth.passwordShort' : 'auth.samePassword';
      const message = t(ctx.locale, key);
      throw new AppError('VALIDATION_FAILED', message, [{ field: problem === 'wrong_current' ? 'current' : 'next', code: key, message }]);
    }
    return { ok: true };
  }),
  apiKeys: protectedProcedure.query(async ({ ctx }) => {
    const keys = await getPrisma().apiKey.findMany({ where: { userId: ctx.principal.user.id }, orderBy: { createdAt: 'desc' } });
    return keys.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      createdAt: k.createdAt.toISOString(),
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      revokedAt: k.revokedAt?.toISOString() ?? null,
    }));
  }),
  /** The key is returned once, here; only its hash is kept. */
  createApiKey: protectedProcedure.input(z.object({ name: z.string().min(1).max(100) })).mutation(({ ctx, input }) => createApiKey(getPrisma(), ctx.principal.user.id, input.name)),
  revokeApiKey: protectedProcedure.input(z.object({ id: z.string().uuid() })).mutation(async ({ ctx, input }) => {
    const key = await getPrisma().apiKey.findFirst({ where: { id: input.id, userId: ctx.principal.user.id } });
    if (key) await revokeApiKey(getPrisma(), key.id);
    return { ok: Boolean(key) };
  }),
  /** Active users of the workspace matching a name or email (for share and team pickers). */
  findUsers: protectedProcedure.input(z.object({ search: z.string().max(100).optional() })).query(async ({ ctx, input }) => {
    const q = input.search?.trim();
    const rows = await getPrisma().user.findMany({
      where: {
        workspaceId: ctx.rc.workspace.id,
        active: true,
        ...(q ? { OR: [{ name: { contains: q, mode: 'insensitive' } }, { email: { contains: q, mode: 'insensitive' } }] } : {}),
      },
      orderBy: { name: 'asc' },
      take: 20,
      select: { id: true, name: true, email: true, title: true },
    });
    return rows;
  }),
});
