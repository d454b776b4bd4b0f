/** A condition tree after parsing against an object's fields: every leaf knows its field definition. */
import type { FieldDef, OperatorName, ValueKind } from '../../fields/types';

export type ConditionNode = { kind: 'all'; items: ConditionNode[] } | { kind: 'any'; items: ConditionNode[] } | { kind: 'not'; item: ConditionNode } | ConditionLeaf;

export interface ConditionLeaf {
  kind: 'leaf';
  field: FieldDef;
  valueKind: ValueKind;
  op: OperatorName;
  /** Normalised value: scalar, array (in/between/includes) or undefined (is_empty). `$me` stays symbolic. */
  value: unknown;
}

/** Who is asking: lets `$me` resolve to the current user. */
export interface ConditionContext {
  userId: string | null;
}

/** The symbolic value meaning "the current user", usable with owner and other user lookups. */
export const ME = '$me';

export const LIST_OPERATORS = new Set<OperatorName>(['in', 'not_in', 'includes_any', 'includes_all', 'excludes_all']);
export const NO_VALUE_OPERATORS = new Set<OperatorName>(['is_empty', 'is_not_empty']);

/** The fields a condition reads. */
export function conditionFields(node: ConditionNode, out: FieldDef[] = []): FieldDef[] {
  if (node.kind === 'leaf') out.push(node.field);
  else if (node.kind === 'not') conditionFields(node.item, out);
  else node.items.forEach((n) => conditionFields(n, out));
  return out;
}
