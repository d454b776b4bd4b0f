/**
 * The formula language (docs/formulas.md): expressions such as `IF(amount > 0, (amount - cost) / amount, 0)`
 * for formula fields and validation rules. checkFormula parses and type-checks one against metadata;
 * evaluateFormula runs it in memory and compileFormulaSql turns it into SQL, with the same result.
 */
import { Checker, measure, MAX_EXPANDED_DEPTH, MAX_NODES, settle } from './check';
import { parseFormula } from './parse';
import { describe } from './problems';
import type { CheckedFormula, FormulaEnv, FormulaProblem } from './types';

export { compileFormulaSql, formulaSqlType, type SqlOptions } from './compile';
export { evaluateFormula, type EvalInput } from './evaluate';
export { DEFAULT_FORMULA_SCALE, fieldFormulaType, formulaScale } from './check';
export { formulaInputs, type FormulaInput } from './inputs';
export { MAX_LENGTH as MAX_FORMULA_LENGTH, MAX_DEPTH as MAX_FORMULA_DEPTH } from './parse';
export type { CheckedFormula, FNode, FormulaEnv, FormulaProblem, FormulaType } from './types';

/** Parse and type-check a formula against an object; either the checked formula or every problem found. */
export function checkFormula(source: string, env: FormulaEnv): { formula?: CheckedFormula; errors: FormulaProblem[] } {
  const locale = env.locale ?? 'en';
  const parsed = parseFormula(source);
  if (!parsed.syntax) return { errors: [describe(locale, parsed.fault!)] };
  const checker = Checker.root(env);
  const node = checker.check(parsed.syntax);
  const faults = checker.faults;
  if (node) {
    if (node.open) settle(node, env.expect ?? 'number');
    const m = measure(node);
    if (m.size > MAX_NODES || m.depth > MAX_EXPANDED_DEPTH) faults.push({ code: 'tooComplex', pos: 0, len: source.length });
    if (env.expect && node.type !== env.expect) {
      faults.push({ code: 'resultType', pos: 0, len: source.length, types: { expected: env.expect, found: node.type } });
    }
  }
  // In reading order (function arguments are checked before the call's own problems are known).
  if (faults.length || !node) return { errors: faults.sort((a, b) => a.pos - b.pos).map((f) => describe(locale, f)) };
  return { formula: { source, type: node.type, node, fields: [...checker.fields], paths: checker.paths }, errors: [] };
}
