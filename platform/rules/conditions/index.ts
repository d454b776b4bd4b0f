export { compileCondition, columnRef, paramType } from './compile';
export { evaluateCondition } from './evaluate';
export { parseCondition, type ParseResult } from './parse';
export { ME, type ConditionContext, type ConditionLeaf, type ConditionNode } from './types';
