/** Sharing settings: each object's default access and hierarchy switch, and sharing rules. */
import { t } from '../../core/i18n';
import type { MetadataModel } from '../../metadata/model';
import type { Prisma } from '../../db/prisma';
import { conditionFields } from '../../rules/conditions/types';
import { parseCondition } from '../../rules/conditions/parse';
import { objectDefault } from '../access';
import { auditSecurityChange } from '../audit';
import type { AccessLevel, MemberType, SecurityModel } from '../model';
import { API_NAME, invalid, missing } from './errors';
import type { AdminActor } from './users';

const MEMBER_TYPES: MemberType[] = ['role', 'role_and_subordinates', 'department', 'department_and_children', 'group', 'user'];

export function sharingSettings(model: SecurityModel, meta: MetadataModel) {
  return {
    objects: [...meta.objects.keys()].map((object) => ({ object, ...objectDefault(model, meta, object) })),
    rules: model.rules,
  };
}

export async function setObjectDefault(prisma: Prisma, actor: AdminActor, meta: MetadataModel, object: string, defaultAccess: AccessLevel, grantViaHierarchy: boolean) {
  if (!meta.objects.has(object)) throw invalid(actor.locale, 'object', 'admin.badReference');
  await prisma.$transaction(async (tx) => {
    await tx.objectSharing.upsert({
      where: { workspaceId_object: { workspaceId: actor.workspaceId, object } },
      create: { workspaceId: actor.workspaceId, object, defaultAccess, grantViaHierarchy },
      update: { defaultAccess, grantViaHierarchy },
    });
    await auditSecurityChange(tx, {
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      action: 'sharing.default',
      targetType: 'object',
      targetId: object,
      details: { defaultAccess, grantViaHierarchy },
    });
  });
}

export interface RuleInput {
  object: string;
  name: string;
  label: string;
  kind: 'criteria' | 'owner';
  condition?: unknown;
  ownerType?: MemberType | null;
  ownerId?: string | null;
  granteeType: MemberType;
  granteeId: string;
  access: 'read' | 'read_write';
}

async function memberExists(prisma: Prisma, workspaceId: string, type: MemberType, id: string): Promise<boolean> {
  const where = { id, workspaceId };
  if (type === 'user') return Boolean(await prisma.user.findFirst({ where }));
  if (type === 'group') return Boolean(await prisma.group.findFirst({ where }));
  if (type.startsWith('role')) return Boolean(await prisma.role.findFirst({ where }));
  return Boolean(await prisma.department.findFirst({ where }));
}

export async function saveRule(prisma: Prisma, actor: AdminActor, meta: MetadataModel, input: RuleInput, id?: string) {
  const obj = meta.objects.get(input.object);
  if (!obj) throw invalid(actor.locale, 'object', 'admin.badReference');
  if (!API_NAME.test(input.name)) throw invalid(actor.locale, 'name', 'admin.apiName');
  if (!input.label.trim()) throw invalid(actor.locale, 'label', 'validation.required', { label: 'Label' });
  if (!MEMBER_TYPES.includes(input.granteeType) || !(await memberExists(prisma, actor.workspaceId, input.granteeType, input.granteeId)))
    throw invalid(actor.locale, 'granteeId', 'admin.badReference');
  if (input.kind === 'criteria') {
    const parsed = parseCondition(input.condition, obj, { pointer: '/condition', locale: actor.locale });
    if (parsed.errors.length) throw invalid(actor.locale, 'condition', 'filter.shape', { pointer: parsed.errors[0].pointer ?? '/condition', reason: parsed.errors[0].message });
    // Access checks run over the stored table: a formula (computed when read) cannot decide them.
    if (parsed.condition && conditionFields(parsed.condition).some((f) => f.type === 'formula'))
      throw invalid(actor.locale, 'condition', 'filter.shape', { pointer: '/condition', reason: t(actor.locale, 'filter.reason.sharingFormula') });
  } else if (!input.ownerType || !input.ownerId || !MEMBER_TYPES.includes(input.ownerType) || !(await memberExists(prisma, actor.workspaceId, input.ownerType, input.ownerId))) {
    throw invalid(actor.locale, 'ownerId', 'admin.badReference');
  }
  if (id && !(await prisma.sharingRule.findFirst({ where: { id, workspaceId: actor.workspaceId } }))) throw missing(actor.locale, 'sharing rule');
  const data = {
    object: input.object,
    name: input.name,
    label: input.label.trim(),
    kind: input.kind,
    condition: input.kind === 'criteria' ? (input.condition as object) : undefined,
    ownerType: input.kind === 'owner' ? input.ownerType : null,
    ownerId: input.kind === 'owner' ? input.ownerId : null,
    granteeType: input.granteeType,
    granteeId: input.granteeId,
    access: input.access,
  };
  return prisma
    .$transaction(async (tx) => {
      const rule = id ? await tx.sharingRule.update({ where: { id }, data }) : await tx.sharingRule.create({ data: { ...data, workspaceId: actor.workspaceId } });
      await auditSecurityChange(tx, {
        workspaceId: actor.workspaceId,
        userId: actor.userId,
        action: id ? 'sharingRule.update' : 'sharingRule.create',
        targetType: 'sharing_rule',
        targetId: rule.id,
        details: input,
      });
      return { id: rule.id };
    })
    .catch((e: { code?: string }) => {
      if (e.code === 'P2002') throw invalid(actor.locale, 'name', 'admin.nameTaken');
      throw e;
    });
}

export async function deleteRule(prisma: Prisma, actor: AdminActor, id: string) {
  const rule = await prisma.sharingRule.findFirst({ where: { id, workspaceId: actor.workspaceId } });
  if (!rule) throw missing(actor.locale, 'sharing rule');
  await prisma.$transaction(async (tx) => {
    await tx.sharingRule.delete({ where: { id } });
    await auditSecurityChange(tx, {
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      action: 'sharingRule.delete',
      targetType: 'sharing_rule',
      targetId: id,
      details: { name: rule.name, object: rule.object },
    });
  });
}
