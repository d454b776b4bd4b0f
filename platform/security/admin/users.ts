/** Managing users: create, edit (role, department, manager, permission sets), deactivate, reset password. */
import type { Locale } from '../../core/i18n';
import type { Prisma } from '../../db/prisma';
import { auditSecurityChange } from '../audit';
import { hashPassword } from '../passwords';
import { passwordProblem } from '../sessions';
import { normaliseEmail } from '../users';
import { conflict, invalid, missing } from './errors';

export interface AdminActor {
  workspaceId: string;
  userId: string;
  locale: Locale;
}

export interface UserInput {
  email?: string;
  name?: string;
  title?: string | null;
  phone?: string | null;
  /** null: follow the browser's language. */
  locale?: 'en' | 'zh-CN' | null;
  roleId?: string | null;
  departmentId?: string | null;
  managerId?: string | null;
  permissionSetIds?: string[];
  /** On leave until this day (YYYY-MM-DD, inclusive): round-robin assignment skips the user; null: not away. */
  awayUntil?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function listUsers(prisma: Prisma, actor: AdminActor) {
  const users = await prisma.user.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: [{ active: 'desc' }, { name: 'asc' }],
    include: { permissionSets: true },
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    title: u.title,
    phone: u.phone,
    locale: u.locale,
    active: u.active,
    roleId: u.roleId,
    departmentId: u.departmentId,
    managerId: u.managerId,
    lockedUntil: u.lockedUntil?.toISOString() ?? null,
    awayUntil: u.awayUntil?.toISOString().slice(0, 10) ?? null,
    permissionSetIds: u.permissionSets.map((p) => p.permissionSetId),
  }));
}

/** A real calendar day (2026-02-30 is not one), as the date column stores it; null when it is not. */
function awayDate(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const d = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text ? null : d;
}

/** The away-until value to store: undefined leaves it, null clears it. */
const awayValue = (v: string | null | undefined) => (v === undefined ? undefined : v ? awayDate(v) : null);

/** Checks shared by create and update; the manager must not end up reporting to the user. */
async function checkRefs(prisma: Prisma, actor: AdminActor, input: UserInput, userId?: string) {
  if (input.email !== undefined && !EMAIL.test(input.email.trim())) throw invalid(actor.locale, 'email', 'validation.email', { label: 'Email' });
  if (input.name !== undefined && !input.name.trim()) throw invalid(actor.locale, 'name', 'validation.required', { label: 'Name' });
  if (input.awayUntil && awayDate(input.awayUntil) === null) throw invalid(actor.locale, 'awayUntil', 'validation.date', { label: 'Away until' });
  const inWorkspace = async (model: 'role' | 'department' | 'user', id: string | null | undefined, field: string) => {
    if (!id) return;
    const found =
      model === 'role'
        ? await prisma.role.findFirst({ where: { id, workspaceId: actor.workspaceId } })
        : model === 'department'
          ? await prisma.department.findFirst({ where: { id, workspaceId: actor.workspaceId } })
          : await prisma.user.findFirst({ where: { id, workspaceId: actor.workspaceId } });
    if (!found) throw invalid(actor.locale, field, 'admin.badReference');
  };
  await inWorkspace('role', input.roleId, 'roleId');
  await inWorkspace('department', input.departmentId, 'departmentId');
  await inWorkspace('user', input.managerId, 'managerId');
  if (userId && input.managerId) {
    // Walk up from the new manager: reaching the user would make a reporting loop.
    let cursor: string | null = input.managerId;
    for (let i = 0; cursor && i < 100; i++) {
      if (cursor === userId) throw invalid(actor.locale, 'managerId', 'admin.managerLoop');
      cursor = (await prisma.user.findUnique({ where: { id: cursor }, select: { managerId: true } }))?.managerId ?? null;
    }
  }
  if (input.permissionSetIds?.length) {
    const n = await prisma.permissionSet.count({ where: { id: { in: input.permissionSetIds }, workspaceId: actor.workspaceId } });
    if (n !== new Set(input.permissionSetIds).size) throw invalid(actor.locale, 'permissionSetIds', 'admin.badReference');
  }
}

export async function createUser(prisma: Prisma, actor: AdminActor, input: UserInput & { email: string; name: string; password: string }) {
  await checkRefs(prisma, actor, input);
  if (passwordProblem(input.password)) throw invalid(actor.locale, 'password', 'auth.passwordShort');
  const email = normaliseEmail(input.email);
  if (await prisma.user.findUnique({ where: { email } })) throw invalid(actor.locale, 'email', 'admin.emailTaken');
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        workspaceId: actor.workspaceId,
        email,
        name: input.name.trim(),
        passwordHash,
        title: input.title ?? null,
        phone: input.phone ?? null,
        locale: input.locale ?? null,
        roleId: input.roleId ?? null,
        departmentId: input.departmentId ?? null,
        managerId: input.managerId ?? null,
        permissionSets: { create: (input.permissionSetIds ?? []).map((permissionSetId) => ({ permissionSetId })) },
      },
    });
    await auditSecurityChange(tx, {
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      details: { email, roleId: input.roleId, permissionSetIds: input.permissionSetIds },
    });
    return { id: user.id };
  });
}

export async function updateUser(prisma: Prisma, actor: AdminActor, id: string, input: UserInput) {
  const before = await prisma.user.findFirst({ where: { id, workspaceId: actor.workspaceId }, include: { permissionSets: true } });
  if (!before) throw missing(actor.locale, 'user');
  await checkRefs(prisma, actor, input, id);
  const email = input.email !== undefined ? normaliseEmail(input.email) : undefined;
  if (email && email !== before.email && (await prisma.user.findUnique({ where: { email } }))) throw invalid(actor.locale, 'email', 'admin.emailTaken');
  if (id === actor.userId && input.permissionSetIds) {
    // Nobody removes their own way back in: keep the admin's user-management right.
    const keeps = await prisma.permissionSet.count({ where: { id: { in: input.permissionSetIds }, OR: [{ manageUsers: true }, { allObjects: true }] } });
    if (!keeps) throw conflict(actor.locale, 'admin.keepOwnAdmin');
  }
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id },
      data: {
        email,
        name: input.name?.trim(),
        title: input.title,
        phone: input.phone,
        locale: input.locale,
        roleId: input.roleId,
        departmentId: input.departmentId,
        managerId: input.managerId,
        awayUntil: awayValue(input.awayUntil),
        updatedAt: new Date(),
      },
    });
    if (input.permissionSetIds) {
      await tx.userPermissionSet.deleteMany({ where: { userId: id } });
      if (input.permissionSetIds.length) await tx.userPermissionSet.createMany({ data: input.permissionSetIds.map((permissionSetId) => ({ userId: id, permissionSetId })) });
    }
    const changed = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    await auditSecurityChange(tx, {
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      details: {
        before: { roleId: before.roleId, departmentId: before.departmentId, managerId: before.managerId, permissionSetIds: before.permissionSets.map((p) => p.permissionSetId) },
        after: changed,
      },
    });
  });
}

/** Deactivate or reactivate. Users are never deleted (their records and history keep pointing at them); deactivation ends their sessions. */
export async function setUserActive(prisma: Prisma, actor: AdminActor, id: string, active: boolean) {
  if (id === actor.userId && !active) throw conflict(actor.locale, 'admin.notYourself');
  const user = await prisma.user.findFirst({ where: { id, workspaceId: actor.workspaceId } });
  if (!user) throw missing(actor.locale, 'user');
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { active, ...(active ? { failedLogins: 0, lockedUntil: null } : {}) } });
    if (!active) await tx.session.deleteMany({ where: { userId: id } });
    await auditSecurityChange(tx, { workspaceId: actor.workspaceId, userId: actor.userId, action: active ? 'user.activate' : 'user.deactivate', targetType: 'user', targetId: id });
  });
}

export async function resetPassword(prisma: Prisma, actor: AdminActor, id: string, password: string) {
  if (passwordProblem(password)) throw invalid(actor.locale, 'password', 'auth.passwordShort');
  const user = await prisma.user.findFirst({ where: { id, workspaceId: actor.workspaceId } });
  if (!user) throw missing(actor.locale, 'user');
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { passwordHash, passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null } });
    await tx.session.deleteMany({ where: { userId: id } });
    await auditSecurityChange(tx, { workspaceId: actor.workspaceId, userId: actor.userId, action: 'user.resetPassword', targetType: 'user', targetId: id });
  });
}
