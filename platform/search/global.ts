/**
 * Global search: one text, every object the caller may read. Per object it matches the name, the
 * object's search fields and its phones and e-mails (contains, through trigram indexes), and the
 * name's pinyin (initials or full, as a prefix, through the pinyin column's indexes); all with the
 * caller's access predicate, and only fields the caller may read (their view of the metadata has
 * the others removed, so a match on a hidden field cannot reveal a record). One statement for all
 * objects, a few rows each.
 */
import { AppError } from '../core/errors';
import { t, type Label } from '../core/i18n';
import { ident, qualified } from '../core/identifiers';
import { Params } from '../core/sql';
import { type RecordContext } from '../data/context';
import { withTransaction, type Queryable } from '../db/pool';
import { fieldType } from '../fields/registry';
import type { ObjectModel } from '../metadata/model';
import { compileAccess } from '../security/access';
import { PINYIN_COLUMN, PINYIN_FULL_SQL } from './column';
import { pinyinQuery } from './pinyin';

/** Longest search text accepted (a name, a phone, an e-mail). */
export const MAX_SEARCH_LENGTH = 100;
/** Records shown per object. */
export const SEARCH_PER_OBJECT = 5;
// Contains-matches need a trigram: shorter texts match names by their start only.
const MIN_CONTAINS = 3;

export interface SearchHit {
  id: string;
  name: string | null;
}

export interface SearchGroup {
  object: string;
  label: Label;
  pluralLabel: Label;
  icon?: string;
  records: SearchHit[];
  /** More records match than are shown (the list page's search shows them all). */
  more: boolean;
}

/** Escape LIKE's wildcards so the text matches itself. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The caller's search text, checked: a typed 400 naming `/q` for anything that is not a plain short text. */
export function parseSearchText(ctx: Pick<RecordContext, 'locale'>, q: unknown): string {
  const bad = () => {
    const message = t(ctx.locale, 'search.invalid');
    return new AppError('BAD_REQUEST', message, [{ pointer: '/q', code: 'search.invalid', message }]);
  };
  if (q === undefined || q === null) return '';
  if (typeof q !== 'string' || q.length > MAX_SEARCH_LENGTH * 4) throw bad();
  const text = q.trim().replace(/\s+/g, ' ');
  if (text.length > MAX_SEARCH_LENGTH || /[\u0000-\u001f]/.test(text)) throw bad();
  return text;
}

/** Text columns the caller may read that global search looks in (the name first). */
function searchColumns(obj: ObjectModel): string[] {
  const cols = new Set<string>(['name']);
  for (const f of obj.fields) {
    const type = fieldType(f);
    const col = type.columns(f)[0];
    if (!col || col.virtual || !/^(text|varchar|character)/.test(col.sqlType)) continue;
    if (type.globalSearch || obj.searchFields.includes(f.name)) cols.add(col.name);
  }
  return [...cols];
}

/** One object's branch of the statement, or null when the text cannot match there. */
async function branch(ctx: RecordContext, obj: ObjectModel, text: string, params: Params): Promise<string | null> {
  const matches: string[] = [];
  if (text.length >= MIN_CONTAINS) {
    const pattern = params.add(`%${likeEscape(text)}%`);
    for (const c of searchColumns(obj)) matches.push(`"t".${ident(c)} ILIKE ${pattern}`);
  } else {
    // Served by the name's prefix index (exact case: Chinese names have none).
    matches.push(`"t"."name" LIKE ${params.add(`${likeEscape(text)}%`)}`);
  }
  const py = pinyinQuery(text);
  if (py) {
    const prefix = params.add(`${py}%`);
    matches.push(`"t".${ident(PINYIN_COLUMN)} LIKE ${prefix}`, `${PINYIN_FULL_SQL('t')} LIKE ${prefix}`);
  }
  const access = compileAccess(await ctx.security.plan(obj.name, 'read'), params, { workspaceId: ctx.workspace.id, object: obj.name, userId: ctx.user.id }, 't');
  if (access === 'FALSE') return null;
  const where = [`"t"."deleted_at" IS NULL`, `(${matches.join(' OR ')})`, ...(access ? [access] : [])];
  // Any few matches, then the best of them first: names starting with the text, then by name.
  // Ordering the whole match set by name would let the planner walk the name index instead.
  const starts = params.add(`${likeEscape(text)}%`);
  return `(SELECT ${params.add(obj.name)}::text AS "object", "s"."id", "s"."name" FROM (
    SELECT "t"."id", "t"."name" FROM ${qualified(ctx.workspace.schema, obj.name)} AS "t" WHERE ${where.join(' AND ')} LIMIT 50) AS "s"
    ORDER BY ("s"."name" ILIKE ${starts}) DESC, "s"."name" ASC NULLS LAST, "s"."id" LIMIT ${SEARCH_PER_OBJECT + 1})`;
}

/** The statement of a search (null when no object can match): exported for the benchmark and EXPLAIN checks. */
export async function compileSearch(ctx: RecordContext, text: string): Promise<{ sql: string; values: unknown[]; objects: ObjectModel[] } | null> {
  const objects = [...ctx.meta.objects.values()].filter((o) => ctx.security.perms.object(o.name).read);
  const params = new Params();
  const branches: string[] = [];
  for (const obj of objects) {
    const b = await branch(ctx, obj, text, params);
    if (b) branches.push(b);
  }
  return branches.length ? { sql: branches.join('\nUNION ALL\n'), values: params.values, objects } : null;
}

/** Search every object the caller may read; groups in the order of `order` (then by name), empty ones left out. */
export async function globalSearch(ctx: RecordContext, q: unknown, order: string[] = []): Promise<SearchGroup[]> {
  const text = parseSearchText(ctx, q);
  if (!text) return [];
  const compiled = await compileSearch(ctx, text);
  if (!compiled) return [];
  // Every branch has an index for each of its matches (tested), but with LIMIT the planner bets
  // on finding a few rows early in a table scan, and loses a second on a million rows when the
  // text is rare: table scans are off for this one statement.
  const run = async (db: Queryable) => {
    await db.query(`SELECT set_config('enable_seqscan', 'off', true)`);
    return db.query<{ object: string; id: string; name: string | null }>(compiled.sql, compiled.values);
  };
  const res = ctx.tx ? await run(ctx.tx) : await withTransaction(ctx.pool, run);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return compiled.objects
    .map((obj) => {
      const rows = res.rows.filter((r) => r.object === obj.name);
      return {
        object: obj.name,
        label: obj.label,
        pluralLabel: obj.pluralLabel,
        icon: obj.icon,
        records: rows.slice(0, SEARCH_PER_OBJECT).map((r) => ({ id: r.id, name: r.name })),
        more: rows.length > SEARCH_PER_OBJECT,
      };
    })
    .filter((g) => g.records.length)
    .sort((a, b) => rank(a.object) - rank(b.object) || a.object.localeCompare(b.object));
}
