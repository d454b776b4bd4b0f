/** Managing the role hierarchy, the department tree and groups. */
import type { Prisma } from '../../db/prisma';
import { auditSecurityChange } from '../audit';
import { API_NAME, conflict, invalid, missing } from './errors';
import type { AdminActor } from './users';

export interface NodeInput {
  name: string;
  label: string;
  labelZh?: string | null;
  parentId?: string | null;
  headUserId?: string | null;
  /** Roles only: the dashboard on the home page of the role's users (and of roles below that name none). */
  homeDashboard?: string | null;
}

type TreeKind = 'role' | 'department';

function table(prisma: Prisma, kind: TreeKind) {
  return (kind === 'role' ? prisma.role : prisma.department) as unknown as {
    findMany(args: unknown): Promise<{ id: string; name: string; label: string; labelZh: string | null; parentId: string | null; headUserId?: string | null }[]>;
    findFirst(args: unknown): Promise<{ id: string; parentId: string | null } | null>;
    count(args: unknown): Promise<number>;
  };
}

export async function listTree(prisma: Prisma, actor: AdminActor, kind: TreeKind) {
  const nodes = await table(prisma, kind).findMany({ where: { workspaceId: actor.workspaceId }, orderBy: { label: 'asc' } });
  const counts = await prisma.user.groupBy({ by: [kind === 'role' ? 'roleId' : 'departmentId'], where: { workspaceId: actor.workspaceId, active: true }, _count: true });
  const countOf = new Map(counts.map((c) => [(c as unknown as Record<string, string>)[kind === 'role' ? 'roleId' : 'departmentId'], c._count]));
  return nodes.map((n) => ({ ...n, userCount: countOf.get(n.id) ?? 0 }));
}

async function checkNode(prisma: Prisma, actor: AdminActor, kind: TreeKind, input: Partial<NodeInput>, id?: string) {
  if (input.name !== undefined && !API_NAME.test(input.name)) throw invalid(actor.locale, 'name', 'admin.apiName');
  if (kind === 'role' && input.homeDashboard && !API_NAME.test(input.homeDashboard)) throw invalid(actor.locale, 'homeDashboard', 'admin.apiName');
  if (input.label !== undefined && !input.label.trim()) throw invalid(actor.locale, 'label', 'validation.required', { label: 'Label' });
  if (input.parentId) {
    const t = table(prisma, kind);
    // The parent must exist here and must not be the node itself or below it (no loops).
    let cursor: string | null = input.parentId;
    for (let i = 0; cursor && i < 200; i++) {
      if (cursor === id) throw invalid(actor.locale, 'parentId', 'admin.treeLoop');
      const node: { id: string; parentId: string | null } | null = await t.findFirst({ where: { id: cursor, workspaceId: actor.workspaceId } });
      if (!node) throw invalid(actor.locale, 'parentId', 'admin.badReference');
      cursor = node.parentId;
    }
  }
  if (kind === 'department' && input.headUserId && !(await prisma.user.findFirst({ where: { id: input.headUserId, workspaceId: actor.workspaceId } }))) {
    throw invalid(actor.locale, 'headUserId', 'admin.badReference');
  }
}

export async function createNode(prisma: Prisma, actor: AdminActor, kind: TreeKind, input: NodeInput) {
  await checkNode(prisma, actor, kind, input);
  return prisma
    .$transaction(async (tx) => {
      const data = { workspaceId: actor.workspaceId, name: input.name, label: input.label.trim(), labelZh: input.labelZh ?? null, parentId: input.parentId ?? null };
      const created =
        kind === 'role'
          ? await tx.role.create({ data: { ...data, homeDashboard: input.homeDashboard ?? null } })
          : await tx.department.create({ data: { ...data, headUserId: input.headUserId ?? null } });
      await auditSecurityChange(tx, { workspaceId: actor.workspaceId, userId: actor.userId, action: `${kind}.create`, targetType: kind, targetId: created.id, details: input });
      return { id: created.id };
    })
    .catch((e: { code?: string }) => {
      if (e.code === 'P2002') throw invalid(actor.locale, 'name', 'admin.nameTaken');
      throw e;
    });
}

export async function updateNode(prisma: Prisma, actor: AdminActor, kind: TreeKind, id: string, input: Partial<NodeInput>) {
  if (!(await table(prisma, kind).findFirst({ where: { id, workspaceId: actor.workspaceId } }))) throw missing(actor.locale, kind);
  await checkNode(prisma, actor, kind, input, id);
  await prisma.$transaction(async (tx) => {
    const data = { name: input.name, label: input.label?.trim(), labelZh: input.labelZh, parentId: input.parentId };
    if (kind === 'role') await tx.role.update({ where: { id }, data: { ...data, homeDashboard: input.homeDashboard } });
    else await tx.department.update({ where: { id }, data: { ...data, headUserId: input.headUserId } });
    await auditSecurityChange(tx, { workspaceId: actor.workspaceId, userId: actor.userId, action: `${kind}.update`, targetType: kind, targetId: id, details: input });
  });
}

/** Only an empty node can go: no users in it and nothing below it. */
export async function deleteNode(prisma: Prisma, actor: AdminActor, kind: TreeKind, id: string) {
  const t = table(prisma, kind);
  if (!(await t.findFirst({ where: { id, workspaceId: actor.workspaceId } }))) throw missing(actor.locale, kind);
  const users = await prisma.user.count({ where: kind === 'role' ? { roleId: id } : { departmentId: id } });
  const children = await t.count({ where: { parentId: id } });
  if (users || children) throw conflict(actor.locale, 'admin.nodeInUse', { users, children });
  const rules = await prisma.sharingRule.count({ where: { workspaceId: actor.workspaceId, OR: [{ granteeId: id }, { ownerId: id }] } });
  if (rules) throw conflict(actor.locale, 'admin.groupInRules', { rules });
  await prisma.$transaction(async (tx) => {
    if (kind === 'role') await tx.role.delete({ where: { id } });
    else await tx.department.delete({ where: { id } });
    await auditSecurityChange(tx, { workspaceId: actor.workspaceId, userId: actor.userId, action: `${kind}.delete`, targetType: kind, targetId: id });
  });
}

export async function listGroups(prisma: Prisma, actor: AdminActor) {
  const groups = await prisma.group.findMany({ where: { workspaceId: actor.workspaceId }, include: { members: true }, orderBy: { label: 'asc' } });
  return groups.map((g) => ({ id: g.id, name: g.name, label: g.label, memberIds: g.members.map((m) => m.userId) }));
}

export async function saveGroup(prisma: Prisma, actor: AdminActor, input: { id?: string; name: string; label: string; memberIds: string[] }) {
  if (!API_NAME.test(input.name)) throw invalid(actor.locale, 'name', 'admin.apiName');
  if (!input.label.trim()) throw invalid(actor.locale, 'label', 'validation.required', { label: 'Label' });
  const members = await prisma.user.count({ where: { id: { in: input.memberIds }, workspaceId: actor.workspaceId } });
  if (members !== new Set(input.memberIds).size) throw invalid(actor.locale, 'memberIds', 'admin.badReference');
  if (input.id && !(await prisma.group.findFirst({ where: { id: input.id, workspaceId: actor.workspaceId } }))) throw missing(actor.locale, 'group');
  return prisma
    .$transaction(async (tx) => {
      const group = input.id
        ? await tx.group.update({ where: { id: input.id }, data: { name: input.name, label: input.label.trim() } })
        : await tx.group.create({ data: { workspaceId: actor.workspaceId, name: input.name, label: input.label.trim() } });
      await tx.groupMember.deleteMany({ where: { groupId: group.id } });
      if (input.memberIds.length) await tx.groupMember.createMany({ data: [...new Set(input.memberIds)].map((userId) => ({ groupId: group.id, userId })) });
      await auditSecurityChange(tx, {
        workspaceId: actor.workspaceId,
        userId: actor.userId,
        action: input.id ? 'group.update' : 'group.create',
        targetType: 'group',
        targetId: group.id,
        details: input,
      });
      return { id: group.id };
    })
    .catch((e: { code?: string }) => {
      if (e.code === 'P2002') throw invalid(actor.locale, 'name', 'admin.nameTaken');
      throw e;
    });
}

export async function deleteGroup(prisma: Prisma, actor: AdminActor, id: string) {
  if (!(await prisma.group.findFirst({ where: { id, workspaceId: actor.workspaceId } }))) throw missing(actor.locale, 'group');
  const rules = await prisma.sharingRule.count({ where: { workspaceId: actor.workspaceId, OR: [{ granteeId: id }, { ownerId: id }] } });
  if (rules) throw conflict(actor.locale, 'admin.groupInRules', { rules });
  await prisma.$transaction(async (tx) => {
    await tx.group.delete({ where: { id } });
    await auditSecurityChange(tx, { workspaceId: actor.workspaceId, userId: actor.userId, action: 'group.delete', targetType: 'group', targetId: id });
  });
}
