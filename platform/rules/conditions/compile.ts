/**
 * Compile a parsed condition to a SQL boolean expression over a record table. Every value is a bind
 * parameter, cast to the column's type so indexes stay usable; every column name comes from
 * metadata and is quoted. Each comparison is written so it is never NULL, so NOT behaves exactly
 * as evaluate.ts does.
 */
import { ident } from '../../core/identifiers';
import { keyedError, problem } from '../../core/problems';
import type { Params } from '../../core/sql';
import { isUserLookup } from '../../fields/guards';
import { fieldType } from '../../fields/registry';
import type { FieldDef } from '../../fields/types';
import { duringBounds } from './during';
import type { ConditionContext, ConditionLeaf, ConditionNode, RelatedCondition } from './types';
import { ME } from './types';

/** The Postgres type a field's comparison parameters are cast to. */
export function paramType(field: FieldDef): string {
  const col = fieldType(field).columns(field)[0];
  return col.sqlType.replace(/\(.*\)/, '');
}

/** Column reference for a field (its first column), optionally qualified by a table alias. */
export function columnRef(field: FieldDef, alias?: string): string {
  const col = fieldType(field).columns(field)[0].name;
  return alias ? `${ident(alias)}.${ident(col)}` : ident(col);
}

/** The condition as a SQL boolean over the table aliased `alias` (a path leaf uses its own alias). */
export function compileCondition(node: ConditionNode, params: Params, ctx: ConditionContext, alias?: string): string {
  switch (node.kind) {
    case 'all':
      return node.items.length ? `(${node.items.map((n) => compileCondition(n, params, ctx, alias)).join(' AND ')})` : 'TRUE';
    case 'any':
      return node.items.length ? `(${node.items.map((n) => compileCondition(n, params, ctx, alias)).join(' OR ')})` : 'FALSE';
    case 'not':
      return `(NOT ${compileCondition(node.item, params, ctx, alias)})`;
    case 'leaf':
      if (node.alias && ctx.path) return ctx.path(node, params, alias, compileLeaf(node, params, ctx, node.alias));
      return compileLeaf(node, params, ctx, node.alias ?? alias);
    case 'related':
      return compileRelated(node, params, ctx, alias);
  }
}

/**
 * EXISTS over the child's rows pointing at the record: live, visible to the caller (the access
 * predicate the caller prepared), matching `where`. The child's lookup column is indexed.
 */
function compileRelated(node: RelatedCondition, params: Params, ctx: ConditionContext, alias?: string): string {
  if (!ctx.related || !alias) throw keyedError('INVALID_FILTER', 'filter.relatedNotHere', {}, [problem('filter.relatedNotHere', {}, { pointer: node.pointer })]);
  // Nested related conditions get longer aliases; siblings may share one (separate subqueries).
  const child = `${alias}_r`;
  const { source, access } = ctx.related(node.object, child, params);
  const where = [`${columnRef(node.field, child)} = ${ident(alias)}."id"`, `${ident(child)}."deleted_at" IS NULL`];
  if (access) where.push(access);
  if (node.where) where.push(compileCondition(node.where, params, ctx, child));
  return `(${node.negate ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${source} WHERE ${where.join(' AND ')}))`;
}

/** The operators a leaf's SQL is true for on an empty (NULL) value: a path leaf whose parent is absent or hidden matches them. */
export const MATCHES_EMPTY = new Set(['is_empty', 'ne', 'not_in', 'not_contains', 'excludes_all']);

/** Escape LIKE wildcards so user text matches literally. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function compileLeaf(leaf: ConditionLeaf, params: Params, ctx: ConditionContext, alias?: string): string {
  const c = columnRef(leaf.field, alias);
  const type = paramType(leaf.field);
  const resolve = (v: unknown) => (v === ME && isUserLookup(leaf.field) ? ctx.userId : v);
  const p = (v: unknown) => `${params.add(resolve(v))}::${type}`;
  const list = () => `${params.add((leaf.value as unknown[]).map(resolve))}::${type.endsWith('[]') ? type : `${type}[]`}`;
  const textual = leaf.valueKind === 'text';
  const emptyCheck = textual ? `(${c} IS NULL OR ${c} = '')` : leaf.valueKind === 'text_array' ? `(${c} IS NULL OR ${c} = '{}')` : `${c} IS NULL`;
  const like = (pattern: string) => `(${c} IS NOT NULL AND ${c} ILIKE ${params.add(pattern)}::text)`;
  const guard = (expr: string) => (leaf.valueKind === 'boolean' ? expr : `(${c} IS NOT NULL AND ${expr})`);

  switch (leaf.op) {
    case 'is_empty':
      return emptyCheck;
    case 'is_not_empty':
      return `(NOT ${emptyCheck})`;
    case 'eq':
      return guard(`${c} = ${p(leaf.value)}`);
    case 'ne':
      return `(${c} IS DISTINCT FROM ${p(leaf.value)})`;
    case 'gt':
      return guard(`${c} > ${p(leaf.value)}`);
    case 'gte':
      return guard(`${c} >= ${p(leaf.value)}`);
    case 'lt':
      return guard(`${c} < ${p(leaf.value)}`);
    case 'lte':
      return guard(`${c} <= ${p(leaf.value)}`);
    case 'between': {
      const [a, b] = leaf.value as unknown[];
      return guard(`${c} BETWEEN ${p(a)} AND ${p(b)}`);
    }
    case 'during': {
      const { from, to } = duringBounds(leaf, ctx);
      return guard(`${c} >= ${params.add(from)}::${type} AND ${c} < ${params.add(to)}::${type}`);
    }
    case 'in':
      return guard(`${c} = ANY(${list()})`);
    case 'not_in':
      return `(${c} IS NULL OR ${c} <> ALL(${list()}))`;
    case 'contains':
      return like(`%${likeEscape(String(leaf.value))}%`);
    case 'not_contains':
      return `(NOT ${like(`%${likeEscape(String(leaf.value))}%`)})`;
    case 'starts_with':
      return like(`${likeEscape(String(leaf.value))}%`);
    case 'ends_with':
      return like(`%${likeEscape(String(leaf.value))}`);
    case 'includes_any':
      return `(${c} IS NOT NULL AND ${c} && ${list()})`;
    case 'includes_all':
      return `(${c} IS NOT NULL AND ${c} <> '{}' AND ${c} @> ${list()})`;
    case 'excludes_all':
      return `(${c} IS NULL OR NOT (${c} && ${list()}))`;
    default:
      throw new Error(`Operator ${leaf.op} has no SQL form`);
  }
}
