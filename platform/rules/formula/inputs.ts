/**
 * The fields a formula reads directly, each with the lookups that lead to it. Field-level security
 * uses it: a formula is as readable as what it reads (platform/security/view.ts).
 */
import type { FieldDef, LookupFieldDef } from '../../fields/types';
import { childrenOf } from './check';
import type { CheckedFormula, FNode } from './types';

export interface FormulaInput {
  /** Lookup fields followed, each on the previous one's target (empty: a field of the record itself). */
  steps: LookupFieldDef[];
  /** The field read, on the last step's target. */
  field: FieldDef;
}

/**
 * Every field a formula reads, in reading order. A formula field it reads is listed as itself and
 * not expanded: what that formula reads in turn is its own inputs.
 */
export function formulaInputs(f: CheckedFormula): FormulaInput[] {
  const out: FormulaInput[] = [];
  const walk = (node: FNode) => {
    if (node.k === 'field') out.push({ steps: node.steps, field: node.field });
    else if (node.k === 'prior') out.push({ steps: [], field: node.field });
    else childrenOf(node).forEach(walk);
  };
  walk(f.node);
  return out;
}
