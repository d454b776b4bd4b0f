/**
 * Lookup paths in list filters (`account.industry`, `owner.department`), one lookup up as in
 * reports. A list does not join the parent: each path leaf is a sub-select on the parent by id
 * (its primary key), so the list's branches keep walking their sort indexes and keyset paging is
 * unchanged. The parent is read with the caller's own read access and only while live, so a parent
 * the caller cannot see never matches a value; it reads as empty, exactly as the report engine's
 * LEFT JOIN shows it, so a report group's drill-down lists the same records as the group counts.
 */
import { ident } from '../core/identifiers';
import type { ObjectModel } from '../metadata/model';
import { isProblem, joinAlias, resolvePath, userAttributeField } from '../reports/paths';
import { MATCHES_EMPTY, columnRef } from '../rules/conditions/compile';
import type { ResolvePath } from '../rules/conditions/parse';
import type { ConditionContext, ConditionLeaf, ConditionNode } from '../rules/conditions/types';
import { compileAccess, type AccessPlan } from '../security/access';
import type { RecordContext } from './context';
import { recordSource } from './source';

/** The resolvePath hook of list filters: a path to a field the caller may read (their metadata view: hidden fields are absent). */
export function listPathResolver(ctx: RecordContext, obj: ObjectModel): ResolvePath {
  return (path) => {
    const r = resolvePath(path, obj, ctx.meta.objects, (o) => ctx.security.perms.object(o).read);
    if (isProblem(r) || r.kind === 'field') return null;
    return { field: r.kind === 'user' ? userAttributeField(r.attribute) : r.field, alias: joinAlias(r)! };
  };
}

function pathLeaves(node: ConditionNode | undefined, out: ConditionLeaf[] = []): ConditionLeaf[] {
  if (!node) return out;
  if (node.kind === 'leaf' && node.alias && node.path) out.push(node);
  else if (node.kind === 'not') pathLeaves(node.item, out);
  else if (node.kind === 'all' || node.kind === 'any') node.items.forEach((n) => pathLeaves(n, out));
  return out;
}

/**
 * The `path` compiler of a list filter's path leaves (undefined when it has none): awaits the
 * caller's read plan of each parent object first, since compiling is synchronous.
 */
export async function preparePathAccess(ctx: RecordContext, obj: ObjectModel, node: ConditionNode | undefined): Promise<ConditionContext['path']> {
  const leaves = pathLeaves(node);
  if (!leaves.length) return undefined;
  const plans = new Map<string, AccessPlan>();
  for (const leaf of leaves) {
    const lookup = obj.fieldMap.get(leaf.path!.split('.')[0])!;
    const target = (lookup as { target?: string }).target;
    if (!leaf.alias!.startsWith('p_') || !target || plans.has(target)) continue;
    plans.set(target, await ctx.security.plan(target, 'read'));
  }
  return (leaf, params, alias = 't', compiled) => {
    const lookup = obj.fieldMap.get(leaf.path!.split('.')[0])!;
    const parentAlias = leaf.alias!;
    const where = [`${ident(parentAlias)}."id" = ${columnRef(lookup, alias)}`];
    let source: string;
    if (parentAlias.startsWith('u_')) source = `"public"."users" AS ${ident(parentAlias)}`;
    else {
      const target = (lookup as { target: string }).target;
      const parent = ctx.meta.objects.get(target)!;
      source = recordSource(ctx.workspace.schema, parent, params, parentAlias);
      where.push(`${ident(parentAlias)}."deleted_at" IS NULL`);
      const access = compileAccess(plans.get(target)!, params, { workspaceId: ctx.workspace.id, object: target, userId: ctx.user.id }, parentAlias);
      if (access) where.push(access);
    }
    // A leaf true on empty values (is_empty, ne...) holds unless a visible parent fails it; any other holds only for a visible parent that passes it.
    return MATCHES_EMPTY.has(leaf.op)
      ? `(NOT EXISTS (SELECT 1 FROM ${source} WHERE ${where.join(' AND ')} AND NOT ${compiled}))`
      : `EXISTS (SELECT 1 FROM ${source} WHERE ${where.join(' AND ')} AND ${compiled})`;
  };
}
