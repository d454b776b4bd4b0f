/**
 * The functions of the formula language: how many arguments each takes and, for the simple ones,
 * the types of the arguments and of the result. IF, CASE, BLANKVALUE, MIN, MAX, ISCHANGED and
 * PRIORVALUE type their results from their arguments and are checked in check.ts.
 */
import type { FormulaType } from './types';

const ANY: FormulaType[] = ['number', 'text', 'boolean', 'date', 'datetime'];
const DAY: FormulaType[] = ['date', 'datetime'];
const N: FormulaType[] = ['number'];
const T: FormulaType[] = ['text'];
const B: FormulaType[] = ['boolean'];

export interface FunctionSpec {
  min: number;
  max: number;
  /** Only in validation rules (they read the record as it was before the change). */
  rule?: boolean;
  /** Accepted types of each argument (the last entry repeats for variadic functions). */
  args?: FormulaType[][];
  result?: FormulaType;
}

export const FUNCTIONS: Record<string, FunctionSpec> = {
  AND: { min: 1, max: Infinity, args: [B], result: 'boolean' },
  OR: { min: 1, max: Infinity, args: [B], result: 'boolean' },
  NOT: { min: 1, max: 1, args: [B], result: 'boolean' },
  IF: { min: 3, max: 3 },
  CASE: { min: 4, max: Infinity },
  ISBLANK: { min: 1, max: 1, args: [ANY], result: 'boolean' },
  BLANKVALUE: { min: 2, max: 2 },
  TODAY: { min: 0, max: 0, result: 'date' },
  NOW: { min: 0, max: 0, result: 'datetime' },
  DATE: { min: 3, max: 3, args: [N, N, N], result: 'date' },
  ADDMONTHS: { min: 2, max: 2, args: [['date'], N], result: 'date' },
  DATEDIFF: { min: 2, max: 2, args: [DAY, DAY], result: 'number' },
  YEAR: { min: 1, max: 1, args: [DAY], result: 'number' },
  MONTH: { min: 1, max: 1, args: [DAY], result: 'number' },
  DAY: { min: 1, max: 1, args: [DAY], result: 'number' },
  TEXT: { min: 1, max: 1, args: [ANY], result: 'text' },
  VALUE: { min: 1, max: 1, args: [T], result: 'number' },
  LEN: { min: 1, max: 1, args: [T], result: 'number' },
  CONTAINS: { min: 2, max: 2, args: [T, T], result: 'boolean' },
  BEGINS: { min: 2, max: 2, args: [T, T], result: 'boolean' },
  LOWER: { min: 1, max: 1, args: [T], result: 'text' },
  UPPER: { min: 1, max: 1, args: [T], result: 'text' },
  ROUND: { min: 1, max: 2, args: [N, N], result: 'number' },
  ABS: { min: 1, max: 1, args: [N], result: 'number' },
  MIN: { min: 1, max: Infinity },
  MAX: { min: 1, max: Infinity },
  ISCHANGED: { min: 1, max: 1, rule: true },
  PRIORVALUE: { min: 1, max: 1, rule: true },
  ISNEW: { min: 0, max: 0, rule: true, result: 'boolean' },
};

/** Types MIN and MAX compare. */
export const ORDERED: FormulaType[] = ['number', 'date', 'datetime'];

/** ROUND's digits are clamped to this range (and rounded to a whole number). */
export const ROUND_DIGITS = 20;
