/**
 * Who may see or change which records of an object: the one decision every read and write path
 * uses. A plan lists the grants that apply to a user; it compiles to a single SQL predicate
 * (an OR of grants) over the record table.
 *
 *   read:  view all / modify all, or a public default, or: owner is me or below me in the role
 *          hierarchy, or owned by members a sharing rule shares with me, or matching a criteria rule
 *          shared with me, or shared with me manually or through the record's team, or waiting in
 *          a queue I am a member of (assignment rules).
 *   edit:  the same grants, counting only read/write ones (modify all; public read/write default).
 *   full:  delete, restore, change owner, share: modify all, or owner is me or below me.
 */
import { ident } from '../core/identifiers';
import type { Params } from '../core/sql';
import type { MetadataModel } from '../metadata/model';
import { compileCondition } from '../rules/conditions/compile';
import { parseCondition } from '../rules/conditions/parse';
import type { ConditionNode } from '../rules/conditions/types';
import { isMember, type MemberSpec } from '../automation/assignment/members';
import { descendants, membersOf, type AccessLevel, type SecurityModel } from './model';
import type { UserPermissions } from './permissions';

export type AccessMode = 'read' | 'edit' | 'full';

export interface AccessPlan {
  /** No record restriction. */
  all: boolean;
  /** Records owned by these users are granted. */
  owners: string[];
  /** Records shared with this user (manual or team shares) are granted. */
  sharesFor?: { userId: string; editOnly: boolean };
  /** Records matching any of these conditions are granted. */
  criteria: ConditionNode[];
  /** Records waiting in these queues of the object (the user is a member) are granted for reading. */
  queues?: string[];
}

/** The default access of an object: the workspace's setting, else its metadata, else private. */
export function objectDefault(model: SecurityModel | null, meta: MetadataModel, object: string): { defaultAccess: AccessLevel; grantViaHierarchy: boolean } {
  const own = model?.sharing.get(object);
  if (own) return own;
  const declared = meta.objects.get(object)?.sharing;
  return { defaultAccess: declared?.default ?? 'private', grantViaHierarchy: declared?.hierarchy ?? true };
}

/** Users whose records a user reaches through the role hierarchy: those in roles strictly below theirs. */
function hierarchyOwners(model: SecurityModel, userId: string): string[] {
  const role = model.users.get(userId)?.roleId;
  if (!role) return [];
  const below = descendants(model.roles, role);
  return [...model.users.values()].filter((u) => u.roleId && below.has(u.roleId)).map((u) => u.id);
}

/** The grants of `userId` on `object` for `mode`. */
export function accessPlan(model: SecurityModel, meta: MetadataModel, perms: UserPermissions, userId: string, object: string, mode: AccessMode): AccessPlan {
  const rights = perms.object(object);
  const { defaultAccess, grantViaHierarchy } = objectDefault(model, meta, object);
  const all = rights.modifyAll || (mode === 'read' && (rights.viewAll || defaultAccess !== 'private')) || (mode === 'edit' && defaultAccess === 'read_write');
  if (all) return { all: true, owners: [], criteria: [] };
  const owners = new Set<string>([userId]);
  if (grantViaHierarchy) for (const u of hierarchyOwners(model, userId)) owners.add(u);
  const criteria: ConditionNode[] = [];
  if (mode !== 'full') {
    const obj = meta.objects.get(object);
    for (const rule of model.rules) {
      if (rule.object !== object || (mode === 'edit' && rule.access !== 'read_write')) continue;
      if (!membersOf(model, rule.granteeType, rule.granteeId).has(userId)) continue;
      if (rule.kind === 'owner' && rule.ownerType && rule.ownerId) {
        for (const u of membersOf(model, rule.ownerType, rule.ownerId)) owners.add(u);
      } else if (rule.kind === 'criteria' && obj) {
        const parsed = parseCondition(rule.condition, obj);
        if (parsed.condition) criteria.push(parsed.condition); // a rule broken by a metadata change grants nothing
      }
    }
  }
  const sharesFor = mode !== 'full' ? { userId, editOnly: mode === 'edit' } : undefined;
  const queues = mode === 'read' ? memberQueues(model, meta, object, userId) : [];
  return { all: false, owners: [...owners], sharesFor, criteria, ...(queues.length ? { queues } : {}) };
}

/** The queues of an object whose members include the user (queue documents, kind `queue`). */
function memberQueues(model: SecurityModel, meta: MetadataModel, object: string, userId: string): string[] {
  const docs = (meta.documents?.get('queue')?.get(object) ?? []) as { name: string; members: MemberSpec[] }[];
  return docs.filter((q) => isMember(model, q.members, userId)).map((q) => q.name);
}

/** Records waiting, unowned, in the plan's queues (indexed by workspace, object, queue). */
function queueGrant(queues: string[], params: Params, ctx: { workspaceId: string; object: string }, a: string): string {
  return (
    `${a}."id" IN (SELECT q."record_id" FROM "public"."record_assignments" q WHERE q."workspace_id" = ${params.add(ctx.workspaceId)}::uuid` +
    ` AND q."object" = ${params.add(ctx.object)} AND q."queue" = ANY(${params.add(queues)}::text[])) AND ${a}."owner" IS NULL`
  );
}

/** The plan as one SQL predicate over the record table aliased `alias`, or null when unrestricted. */
export function compileAccess(plan: AccessPlan, params: Params, ctx: { workspaceId: string; object: string; userId: string }, alias = 't'): string | null {
  if (plan.all) return null;
  const a = ident(alias);
  const grants: string[] = [];
  if (plan.owners.length === 1) grants.push(`${a}."owner" = ${params.add(plan.owners[0])}::uuid`);
  else if (plan.owners.length > 1) grants.push(`${a}."owner" = ANY(${params.add(plan.owners)}::uuid[])`);
  if (plan.sharesFor) {
    grants.push(
      `${a}."id" IN (SELECT s."record_id" FROM "public"."record_shares" s WHERE s."workspace_id" = ${params.add(ctx.workspaceId)}::uuid` +
        ` AND s."object" = ${params.add(ctx.object)} AND s."user_id" = ${params.add(plan.sharesFor.userId)}::uuid` +
        `${plan.sharesFor.editOnly ? ` AND s."access" = 'read_write'` : ''})`,
    );
  }
  for (const c of plan.criteria) grants.push(compileCondition(c, params, { userId: ctx.userId }, alias));
  if (plan.queues?.length) grants.push(`(${queueGrant(plan.queues, params, ctx, a)})`);
  return grants.length ? `(${grants.join(' OR ')})` : 'FALSE';
}

/** Above this many visible owners, one `owner = ANY(...)` filter beats a branch per owner. */
const MAX_OWNER_BRANCHES = 32;

/**
 * The plan as alternative predicates whose union is exactly compileAccess's predicate, for list
 * queries: each branch can walk an index in sort order (one owner's records through the
 * owner-first sort index, the shared records, each criteria rule), and the list merges them.
 * Returns null when unrestricted.
 */
export function accessBranches(plan: AccessPlan, params: Params, ctx: { workspaceId: string; object: string; userId: string }, alias = 't'): string[] | null {
  if (plan.all) return null;
  const a = ident(alias);
  const branches: string[] = [];
  if (plan.owners.length > MAX_OWNER_BRANCHES) branches.push(`${a}."owner" = ANY(${params.add(plan.owners)}::uuid[])`);
  else for (const o of plan.owners) branches.push(`${a}."owner" = ${params.add(o)}::uuid`);
  if (plan.sharesFor) {
    // Records shared with the caller that no owner branch reaches: the branches then never
    // overlap (unless criteria rules exist), so the list merges them without a DISTINCT.
    const shared = compileAccess({ all: false, owners: [], sharesFor: plan.sharesFor, criteria: [] }, params, ctx, alias)!;
    branches.push(plan.owners.length ? `${shared} AND NOT (${a}."owner" = ANY(${params.add(plan.owners)}::uuid[]))` : shared);
  }
  for (const c of plan.criteria) branches.push(compileCondition(c, params, { userId: ctx.userId }, alias));
  if (plan.queues?.length) {
    // Queued records have no owner, so no owner branch reaches them; leaving out what the shares
    // branch reaches keeps the branches apart (the list merges them without a DISTINCT).
    const queued = queueGrant(plan.queues, params, ctx, a);
    const shared = plan.sharesFor ? compileAccess({ all: false, owners: [], sharesFor: plan.sharesFor, criteria: [] }, params, ctx, alias) : null;
    branches.push(shared ? `${queued} AND NOT ${shared}` : queued);
  }
  return branches.length ? branches : ['FALSE'];
}
