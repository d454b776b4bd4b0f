/** Administration procedures: users, roles, departments, groups, permission sets, sharing, transfer, monitoring. */
import { z } from 'zod';
import { getPrisma } from '../../db/prisma';
import { allDashboards } from '../../dashboards/access';
import type { RecordContext } from '../../data/context';
import { invalid } from '../../security/admin/errors';
import { enqueue } from '../../automation/jobs';
import { loadSecurityModel } from '../../security/model';
import * as monitor from '../../security/admin/monitor';
import * as org from '../../security/admin/org';
import * as sets from '../../security/admin/permissionSets';
import * as settings from '../../security/admin/settings';
import * as sharing from '../../security/admin/sharing';
import * as users from '../../security/admin/users';
import { startTransfer, transferPreview } from '../../security/transfer';
import { workspaceBackfills } from '../../schema/backfillStatus';
import { rightProcedure, router } from './init';

const uuid = z.string().uuid();
const memberType = z.enum(['role', 'role_and_subordinates', 'department', 'department_and_children', 'group', 'user']);
const manage = rightProcedure('manageUsers');
const actorOf = (ctx: { rc: { workspace: { id: string }; user: { id: string }; locale: 'en' | 'zh-CN' } }) => ({
  workspaceId: ctx.rc.workspace.id,
  userId: ctx.rc.user.id,
  locale: ctx.rc.locale,
});
const nodeInput = z.object({
  name: z.string().max(63),
  label: z.string().max(200),
  labelZh: z.string().max(200).nullish(),
  parentId: uuid.nullish(),
  headUserId: uuid.nullish(),
  homeDashboard: z.string().max(63).nullish(),
});
/** A role's home dashboard must be a dashboard of the workspace. */
function checkHome(ctx: { rc: RecordContext }, values: { homeDashboard?: string | null }) {
  if (values.homeDashboard && !allDashboards(ctx.rc).some((d) => d.name === values.homeDashboard))
    throw invalid(ctx.rc.locale, 'homeDashboard', 'dashboard.notFound', { name: values.homeDashboard });
}
const userInput = z.object({
  email: z.string().max(254).optional(),
  name: z.string().max(200).optional(),
  title: z.string().max(200).nullish(),
  phone: z.string().max(40).nullish(),
  locale: z.enum(['en', 'zh-CN']).nullish(),
  roleId: uuid.nullish(),
  departmentId: uuid.nullish(),
  managerId: uuid.nullish(),
  permissionSetIds: z.array(uuid).optional(),
  awayUntil: z.string().max(10).nullish(),
});
const rights = z.object({ create: z.boolean(), read: z.boolean(), edit: z.boolean(), delete: z.boolean(), viewAll: z.boolean(), modifyAll: z.boolean() }).partial();

export const adminRouter = router({
  org: manage.query(async ({ ctx }) => ({
    roles: await org.listTree(getPrisma(), actorOf(ctx), 'role'),
    departments: await org.listTree(getPrisma(), actorOf(ctx), 'department'),
    groups: await org.listGroups(getPrisma(), actorOf(ctx)),
    users: await users.listUsers(getPrisma(), actorOf(ctx)),
    permissionSets: await sets.listPermissionSets(getPrisma(), actorOf(ctx)),
  })),
  createUser: manage
    .input(userInput.extend({ email: z.string().max(254), name: z.string().max(200), password: z.string().max(200) }))
    .mutation(({ ctx, input }) => users.createUser(getPrisma(), actorOf(ctx), input)),
  updateUser: manage.input(z.object({ id: uuid, values: userInput })).mutation(({ ctx, input }) => users.updateUser(getPrisma(), actorOf(ctx), input.id, input.values)),
  setUserActive: manage.input(z.object({ id: uuid, active: z.boolean() })).mutation(({ ctx, input }) => users.setUserActive(getPrisma(), actorOf(ctx), input.id, input.active)),
  resetPassword: manage
    .input(z.object({ id: uuid, password: z.string().max(200) }))
    .mutation(({ ctx, input }) => users.resetPassword(getPrisma(), actorOf(ctx), input.id, input.password)),

  createNode: manage
    .input(z.object({ kind: z.enum(['role', 'department']), values: nodeInput }))
    .mutation(({ ctx, input }) => (checkHome(ctx, input.values), org.createNode(getPrisma(), actorOf(ctx), input.kind, input.values))),
  updateNode: manage
    .input(z.object({ kind: z.enum(['role', 'department']), id: uuid, values: nodeInput.partial() }))
    .mutation(({ ctx, input }) => (checkHome(ctx, input.values), org.updateNode(getPrisma(), actorOf(ctx), input.kind, input.id, input.values))),
  deleteNode: manage
    .input(z.object({ kind: z.enum(['role', 'department']), id: uuid }))
    .mutation(({ ctx, input }) => org.deleteNode(getPrisma(), actorOf(ctx), input.kind, input.id)),
  saveGroup: manage
    .input(z.object({ id: uuid.optional(), name: z.string().max(63), label: z.string().max(200), memberIds: z.array(uuid).max(5000) }))
    .mutation(({ ctx, input }) => org.saveGroup(getPrisma(), actorOf(ctx), input)),
  deleteGroup: manage.input(z.object({ id: uuid })).mutation(({ ctx, input }) => org.deleteGroup(getPrisma(), actorOf(ctx), input.id)),

  savePermissionSet: manage
    .input(
      z.object({
        id: uuid.optional(),
        values: z.object({
          name: z.string().max(63),
          label: z.string().max(200),
          labelZh: z.string().max(200).nullish(),
          description: z.string().max(2000).nullish(),
          system: z.record(z.string(), z.boolean()),
          objects: z.record(z.string(), rights),
          fields: z.record(z.string(), z.record(z.string(), z.object({ read: z.boolean(), edit: z.boolean() }))),
        }),
      }),
    )
    .mutation(({ ctx, input }) => sets.savePermissionSet(getPrisma(), actorOf(ctx), ctx.rc.security.fullMeta, input.values, input.id)),
  deletePermissionSet: manage.input(z.object({ id: uuid })).mutation(({ ctx, input }) => sets.deletePermissionSet(getPrisma(), actorOf(ctx), input.id)),

  sharing: manage.query(async ({ ctx }) => sharing.sharingSettings(await loadSecurityModel(ctx.rc.pool, ctx.rc.workspace.id), ctx.rc.security.fullMeta)),
  setObjectDefault: manage
    .input(z.object({ object: z.string().max(63), defaultAccess: z.enum(['private', 'read', 'read_write']), grantViaHierarchy: z.boolean() }))
    .mutation(({ ctx, input }) => sharing.setObjectDefault(getPrisma(), actorOf(ctx), ctx.rc.security.fullMeta, input.object, input.defaultAccess, input.grantViaHierarchy)),
  saveRule: manage
    .input(
      z.object({
        id: uuid.optional(),
        values: z.object({
          object: z.string().max(63),
          name: z.string().max(63),
          label: z.string().max(200),
          kind: z.enum(['criteria', 'owner']),
          condition: z.unknown().optional(),
          ownerType: memberType.nullish(),
          ownerId: uuid.nullish(),
          granteeType: memberType,
          granteeId: uuid,
          access: z.enum(['read', 'read_write']),
        }),
      }),
    )
    .mutation(({ ctx, input }) => sharing.saveRule(getPrisma(), actorOf(ctx), ctx.rc.security.fullMeta, input.values, input.id)),
  deleteRule: manage.input(z.object({ id: uuid })).mutation(({ ctx, input }) => sharing.deleteRule(getPrisma(), actorOf(ctx), input.id)),

  transferPreview: rightProcedure('transferRecords')
    .input(z.object({ fromUserId: uuid }))
    .query(({ ctx, input }) => transferPreview(ctx.rc.pool, ctx.rc.workspace, ctx.rc.security.fullMeta, input.fromUserId)),
  startTransfer: rightProcedure('transferRecords')
    .input(z.object({ fromUserId: uuid, toUserId: uuid }))
    .mutation(async ({ ctx, input }) => ({
      jobId: await startTransfer(getPrisma(), ctx.rc.workspace, ctx.rc.user, ctx.rc.locale, input.fromUserId, input.toUserId, (jobId) => enqueue('transfer', { jobId })),
    })),
  job: rightProcedure('transferRecords')
    .input(z.object({ id: uuid }))
    .query(async ({ ctx, input }) => {
      const job = await getPrisma().job.findFirst({ where: { id: input.id, workspaceId: ctx.rc.workspace.id } });
      return (
        job && {
          id: job.id,
          status: job.status,
          progress: job.progress,
          result: job.result,
          error: job.error,
          createdAt: job.createdAt.toISOString(),
          finishedAt: job.finishedAt?.toISOString() ?? null,
        }
      );
    }),
  users: rightProcedure('transferRecords').query(({ ctx }) => users.listUsers(getPrisma(), actorOf(ctx))),

  /** Data backfills after upgrades, with progress (the admin screen polls it while one runs). */
  backfills: rightProcedure('customizeMetadata').query(({ ctx }) => workspaceBackfills(ctx.rc)),
  /** Workspace settings: the fiscal year start month (editable), the time zone (shown). */
  settings: rightProcedure('customizeMetadata').query(({ ctx }) => settings.getWorkspaceSettings(getPrisma(), actorOf(ctx))),
  updateSettings: rightProcedure('customizeMetadata')
    .input(z.object({ fiscalYearStartMonth: z.number().optional() }))
    .mutation(({ ctx, input }) => settings.updateWorkspaceSettings(getPrisma(), actorOf(ctx), input)),
  sessions: rightProcedure('viewAudit').query(({ ctx }) => monitor.onlineSessions(getPrisma(), actorOf(ctx))),
  endSession: rightProcedure('viewAudit')
    .input(z.object({ id: uuid }))
    .mutation(({ ctx, input }) => monitor.endSession(getPrisma(), actorOf(ctx), input.id)),
  loginEvents: rightProcedure('viewAudit')
    .input(z.object({ before: z.string().max(40).optional() }))
    .query(({ ctx, input }) => monitor.loginEvents(getPrisma(), actorOf(ctx), input.before)),
  auditEvents: rightProcedure('viewAudit')
    .input(z.object({ before: z.string().max(40).optional() }))
    .query(({ ctx, input }) => monitor.auditEvents(getPrisma(), actorOf(ctx), input.before)),
});
