/**
 * Evaluate a parsed condition against a record in memory (a record being saved, a rule's trigger).
 * Semantics match compile.ts exactly: empty values (null, '', []) match only ne, not_in,
 * not_contains, excludes_all and is_empty; text matching by contains/starts/ends ignores case.
 */
import { keyedError, problem } from '../../core/problems';
import { isUserLookup } from '../../fields/guards';
import { duringBounds } from './during';
import type { ConditionContext, ConditionLeaf, ConditionNode } from './types';
import { ME } from './types';

/**
 * Whether `node` holds for `record`. A lookup path or a related condition cannot be answered from
 * one record: INVALID_FILTER naming it (metadata checked in memory refuses both when saved).
 */
export function evaluateCondition(node: ConditionNode, record: Record<string, unknown>, ctx: ConditionContext): boolean {
  switch (node.kind) {
    case 'all':
      return node.items.every((n) => evaluateCondition(n, record, ctx));
    case 'any':
      return node.items.some((n) => evaluateCondition(n, record, ctx));
    case 'not':
      return !evaluateCondition(node.item, record, ctx);
    case 'leaf':
      if (node.alias)
        throw keyedError('INVALID_FILTER', 'filter.pathInMemory', { field: node.path ?? node.field.name }, [
          problem('filter.pathInMemory', { field: node.path ?? node.field.name }, { field: node.path }),
        ]);
      return evaluateLeaf(node, record[node.field.name], ctx);
    case 'related':
      throw keyedError('INVALID_FILTER', 'filter.relatedNotHere', {}, [problem('filter.relatedNotHere', {}, { pointer: node.pointer })]);
  }
}

/**
 * Case folding as Postgres ILIKE does it: each character lower-cased on its own (no final-sigma
 * rule), and a character whose lower case is longer keeps only its first code point (İ -> i).
 */
function foldCase(s: string): string {
  let out = '';
  for (const ch of s) {
    const lower = ch.toLowerCase();
    out += lower.length === ch.length ? lower : String.fromCodePoint(lower.codePointAt(0)!);
  }
  return out;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Comparable form of a value of a kind: numbers, epoch ms, lower-cased uuids, strings. */
function key(kind: ConditionLeaf['valueKind'], v: unknown, ctx: ConditionContext, field?: ConditionLeaf['field']): number | string | boolean {
  switch (kind) {
    case 'number':
      return Number(v);
    case 'datetime':
      return Date.parse(String(v));
    case 'uuid':
      return v === ME && isUserLookup(field) ? (ctx.userId ?? '').toLowerCase() : String(v).toLowerCase();
    case 'boolean':
      return v === true;
    default:
      return String(v);
  }
}

function compare(a: number | string | boolean, b: number | string | boolean): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function evaluateLeaf(leaf: ConditionLeaf, raw: unknown, ctx: ConditionContext): boolean {
  const { op, valueKind: kind } = leaf;
  // A boolean column is never null: an absent value reads as false, as the database stores it.
  const value = kind === 'boolean' ? raw === true : raw;
  if (op === 'is_empty') return isEmpty(value);
  if (op === 'is_not_empty') return !isEmpty(value);
  const empty = isEmpty(value);
  const list = Array.isArray(leaf.value) ? (leaf.value as unknown[]) : [];

  if (kind === 'text_array') {
    const have = empty ? [] : (value as unknown[]).map(String);
    const want = list.map(String);
    switch (op) {
      case 'includes_any':
        return want.some((w) => have.includes(w));
      case 'includes_all':
        return !empty && want.every((w) => have.includes(w));
      case 'excludes_all':
        return !want.some((w) => have.includes(w));
      default:
        return false;
    }
  }

  if (op === 'ne') return empty || compare(key(kind, value, ctx, leaf.field), key(kind, leaf.value, ctx, leaf.field)) !== 0;
  if (op === 'not_in') return empty || !list.some((x) => compare(key(kind, value, ctx, leaf.field), key(kind, x, ctx, leaf.field)) === 0);
  if (op === 'not_contains') return empty || !foldCase(String(value)).includes(foldCase(String(leaf.value)));
  if (empty) return false;

  if (op === 'during') {
    const { from, to } = duringBounds(leaf, ctx);
    if (kind === 'datetime') {
      const ms = Date.parse(String(value));
      return ms >= Date.parse(from) && ms < Date.parse(to);
    }
    const day = String(value).slice(0, 10);
    return day >= from && day < to;
  }
  const v = key(kind, value, ctx, leaf.field);
  switch (op) {
    case 'eq':
      return compare(v, key(kind, leaf.value, ctx, leaf.field)) === 0;
    case 'gt':
      return compare(v, key(kind, leaf.value, ctx, leaf.field)) > 0;
    case 'gte':
      return compare(v, key(kind, leaf.value, ctx, leaf.field)) >= 0;
    case 'lt':
      return compare(v, key(kind, leaf.value, ctx, leaf.field)) < 0;
    case 'lte':
      return compare(v, key(kind, leaf.value, ctx, leaf.field)) <= 0;
    case 'between':
      return compare(v, key(kind, list[0], ctx, leaf.field)) >= 0 && compare(v, key(kind, list[1], ctx, leaf.field)) <= 0;
    case 'in':
      return list.some((x) => compare(v, key(kind, x, ctx, leaf.field)) === 0);
    case 'contains':
      return foldCase(String(value)).includes(foldCase(String(leaf.value)));
    case 'starts_with':
      return foldCase(String(value)).startsWith(foldCase(String(leaf.value)));
    case 'ends_with':
      return foldCase(String(value)).endsWith(foldCase(String(leaf.value)));
    default:
      return false;
  }
}
