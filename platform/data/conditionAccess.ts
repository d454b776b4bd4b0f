/**
 * What compiling a condition needs of the caller beyond the condition itself: who and when (for
 * `$me` and relative dates) and, for related-record conditions, each child object's row source and
 * the caller's read access to it. Access plans are async (ctx.security.plan), compiling is not, so
 * the plans are fetched here first, once per related object.
 */
import { keyedError, problem } from '../core/problems';
import type { Params } from '../core/sql';
import { clock } from '../core/time';
import type { ConditionContext, ConditionNode, RelatedSource } from '../rules/conditions/types';
import { relatedConditions } from '../rules/conditions/types';
import { compileAccess, type AccessPlan } from '../security/access';
import type { RecordContext } from './context';
import { recordSource } from './source';
import { preparePathAccess } from './paths';
import type { ObjectModel } from '../metadata/model';

/** What a list filter's related conditions and lookup paths need to compile (prepareFilterAccess). */
export type FilterAccess = Pick<ConditionContext, 'related' | 'path'>;

/** The condition context of a caller: user, today in the workspace zone, the fiscal year start; plus what its filter's related conditions (and paths) need. */
export function conditionContext(ctx: Pick<RecordContext, 'user' | 'workspace'>, access?: ConditionContext['related'] | FilterAccess): ConditionContext {
  const at = clock();
  const { related, path } = typeof access === 'function' ? { related: access, path: undefined } : (access ?? {});
  return {
    userId: ctx.user.id,
    today: at.today,
    timeZone: at.timeZone,
    fiscalYearStartMonth: ctx.workspace.fiscalYearStartMonth ?? 1,
    ...(related ? { related } : {}),
    ...(path ? { path } : {}),
  };
}

/** Related-record access and lookup-path sub-selects for a list filter parsed by read.ts parseFilter. */
export async function prepareFilterAccess(ctx: RecordContext, obj: ObjectModel, node: ConditionNode | undefined): Promise<FilterAccess> {
  return { related: await prepareConditionAccess(ctx, node), path: await preparePathAccess(ctx, obj, node) };
}

/**
 * The `related` callback for compiling `node`: awaits the caller's read plan of every object its
 * related conditions name (FORBIDDEN, with the condition's pointer, for an object they may not
 * read) and returns a sync function giving each child's row source and access predicate.
 */
export async function prepareConditionAccess(ctx: RecordContext, node: ConditionNode | undefined): Promise<ConditionContext['related']> {
  const related = node ? relatedConditions(node) : [];
  if (!related.length) return undefined;
  const plans = new Map<string, AccessPlan>();
  for (const r of related) {
    if (plans.has(r.object)) continue;
    const obj = ctx.meta.objects.get(r.object);
    if (!obj || !ctx.security.perms.object(r.object).read) {
      throw keyedError('FORBIDDEN', 'filter.relatedForbidden', { object: r.object }, [
        problem('filter.relatedForbidden', { object: r.object }, { pointer: `${r.pointer}/object` }),
      ]);
    }
    plans.set(r.object, await ctx.security.plan(r.object, 'read'));
  }
  return (object: string, alias: string, params: Params): RelatedSource => {
    const obj = ctx.meta.objects.get(object)!;
    return {
      source: recordSource(ctx.workspace.schema, obj, params, alias),
      access: compileAccess(plans.get(object)!, params, { workspaceId: ctx.workspace.id, object, userId: ctx.user.id }, alias),
    };
  };
}
