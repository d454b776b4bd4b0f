/** A condition tree after parsing against an object's fields: every leaf knows its field definition. */
import type { Params } from '../../core/sql';
import type { FieldDef, OperatorName, ValueKind } from '../../fields/types';

export type ConditionNode =
  { kind: 'all'; items: ConditionNode[] } | { kind: 'any'; items: ConditionNode[] } | { kind: 'not'; item: ConditionNode } | ConditionLeaf | RelatedCondition;

export interface ConditionLeaf {
  kind: 'leaf';
  field: FieldDef;
  valueKind: ValueKind;
  op: OperatorName;
  /** Normalised value: scalar, array (in/between/includes), a period name (during) or undefined (is_empty). `$me` stays symbolic. */
  value: unknown;
  /** A lookup path's leaf (`account.industry`): the table alias the caller's resolvePath joined the parent as. */
  alias?: string;
  /** The dotted name as written, for a path leaf. */
  path?: string;
}

/** `with` / `without`: the record has (has no) visible child record of `object` whose lookup `field` points at it and that matches `where`. */
export interface RelatedCondition {
  kind: 'related';
  negate: boolean;
  object: string;
  /** The child's lookup to the record's object. */
  field: FieldDef;
  where?: ConditionNode;
  /** Where it was written, for errors raised after parsing (access to the child object). */
  pointer: string;
}

/** The child side of a related condition, as the caller prepared it (platform/data/conditionAccess.ts). */
export interface RelatedSource {
  /** The child's row source aliased `alias` (its table, with formula columns). */
  source: string;
  /** The caller's read access predicate over `alias`, or null when unrestricted. */
  access: string | null;
}

/** Who is asking, and when: `$me` resolves to the user, relative dates to the workspace's today. */
export interface ConditionContext {
  userId: string | null;
  /** Today (YYYY-MM-DD) in the workspace zone; defaults to clock() now. */
  today?: string;
  /** The workspace time zone, where datetime fields' days start; defaults to the workspace zone. */
  timeZone?: string;
  /** Month (1-12) the fiscal year starts in; default 1. */
  fiscalYearStartMonth?: number;
  /** The child row source and access predicate of a related condition (compile only; absent: related conditions are refused). */
  related?: (object: string, alias: string, params: Params) => RelatedSource;
  /**
   * How a lookup path's leaf is compiled when the caller does not join its parent (lists: a
   * sub-select on the parent by id): `compiled` is the leaf's SQL over `leaf.alias`, `alias` the
   * record's. Absent: the leaf compiles against `leaf.alias`, which the caller joined (reports).
   */
  path?: (leaf: ConditionLeaf, params: Params, alias: string | undefined, compiled: string) => string;
}

/** The symbolic value meaning "the current user", usable with owner and other user lookups. */
export const ME = '$me';

export const LIST_OPERATORS = new Set<OperatorName>(['in', 'not_in', 'includes_any', 'includes_all', 'excludes_all']);
export const NO_VALUE_OPERATORS = new Set<OperatorName>(['is_empty', 'is_not_empty']);

/** The fields a condition reads on its own object (a related condition's child fields are the child's). */
export function conditionFields(node: ConditionNode, out: FieldDef[] = []): FieldDef[] {
  if (node.kind === 'leaf') {
    if (!node.alias) out.push(node.field);
  } else if (node.kind === 'not') conditionFields(node.item, out);
  else if (node.kind === 'all' || node.kind === 'any') node.items.forEach((n) => conditionFields(n, out));
  return out;
}

/** Every related condition in a tree, nested ones included. */
export function relatedConditions(node: ConditionNode, out: RelatedCondition[] = []): RelatedCondition[] {
  if (node.kind === 'related') {
    out.push(node);
    if (node.where) relatedConditions(node.where, out);
  } else if (node.kind === 'not') relatedConditions(node.item, out);
  else if (node.kind === 'all' || node.kind === 'any') node.items.forEach((n) => relatedConditions(n, out));
  return out;
}
