/**
 * Display names for the lookups on a page of records: one query per target object (and one for
 * users), never one per row.
 */
import { qualified } from '../core/identifiers';
import { Params } from '../core/sql';
import type { ObjectModel } from '../metadata/model';
import { compileAccess } from '../security/access';
import { dbOf, type RecordContext } from './context';
import type { RecordData } from './values';

/**
 * Names of the records the page's lookups point at, for those the caller may see (a record they
 * cannot see keeps its id but shows no name). Users' names are always shown.
 */
export async function lookupNames(ctx: RecordContext, obj: ObjectModel, records: RecordData[]): Promise<Map<string, string>> {
  const byTarget = new Map<string, Set<string>>();
  for (const f of obj.allFields) {
    if (f.type !== 'lookup' || f.name === 'id') continue;
    const target = f.systemTarget === 'user' ? '$user' : f.target;
    for (const r of records) {
      const v = r[f.name];
      if (typeof v === 'string') {
        if (!byTarget.has(target)) byTarget.set(target, new Set());
        byTarget.get(target)!.add(v);
      }
    }
  }
  const names = new Map<string, string>();
  await Promise.all(
    [...byTarget].map(async ([target, ids]) => {
      let sql: string;
      const params = new Params();
      const idParam = params.add([...ids]);
      if (target === '$user') {
        sql = `SELECT id, name FROM "public"."users" WHERE id = ANY(${idParam}::uuid[])`;
      } else {
        if (!ctx.security.perms.object(target).read) return;
        // As get and the recycle bin show them: a live record to its readers, a deleted one only
        // to those who may restore it.
        const scope = { workspaceId: ctx.workspace.id, object: target, userId: ctx.user.id };
        const read = compileAccess(await ctx.security.plan(target, 'read'), params, scope, 't') ?? 'TRUE';
        const full = compileAccess(await ctx.security.plan(target, 'full'), params, scope, 't') ?? 'TRUE';
        sql = `SELECT t.id, t.name FROM ${qualified(ctx.workspace.schema, target)} AS t WHERE t.id = ANY(${idParam}::uuid[])
                 AND ((t.deleted_at IS NULL AND ${read}) OR (t.deleted_at IS NOT NULL AND ${full}))`;
      }
      const res = await dbOf(ctx).query<{ id: string; name: string | null }>(sql, params.values);
      for (const row of res.rows) names.set(row.id, row.name ?? '');
    }),
  );
  return names;
}

/** Attach `$names` (lookup property -> display name) to each record. */
export function attachNames(obj: ObjectModel, records: RecordData[], names: Map<string, string>): void {
  for (const r of records) {
    const out: Record<string, string> = {};
    for (const f of obj.allFields) {
      if (f.type !== 'lookup' || f.name === 'id') continue;
      const v = r[f.name];
      if (typeof v === 'string' && names.has(v)) out[f.name] = names.get(v)!;
    }
    r.$names = out;
  }
}
