/** Formula problems with localized messages that give the position (1-based) for people to find. */
import type { MessageParam, MessageParams } from '../../core/errors';
import { t, type Locale, type MessageKey } from '../../core/i18n';
import type { FormulaProblem, FormulaType } from './types';

export type ProblemCode =
  | 'empty'
  | 'tooLong'
  | 'tooDeep'
  | 'tooComplex'
  | 'badCharacter'
  | 'unclosedString'
  | 'badEscape'
  | 'unexpectedToken'
  | 'unexpectedEnd'
  | 'unclosedParen'
  | 'unknownFunction'
  | 'argCount'
  | 'caseArgs'
  | 'unknownField'
  | 'notLookup'
  | 'unknownObject'
  | 'pathTooLong'
  | 'unsupportedField'
  | 'circular'
  | 'invalidField'
  | 'ruleOnly'
  | 'fieldArgument'
  | 'operandType'
  | 'argumentType'
  | 'compareType'
  | 'branchType'
  | 'resultType';

/** A problem before it is put into words: parameters are plain, or message keys to translate. */
export interface Fault {
  code: ProblemCode;
  pos: number;
  len: number;
  params?: Record<string, string | number>;
  /** Parameters naming types, translated to the locale. */
  types?: Record<string, FormulaType | FormulaType[]>;
  /** Parameters that are messages of their own, translated to the locale. */
  keys?: Record<string, MessageKey | { key: MessageKey; params: Record<string, string | number> }>;
}

/** "a number", or "a number or a date" for a list of accepted types. */
function typeNames(locale: Locale, types: FormulaType | FormulaType[]): string {
  const list = (Array.isArray(types) ? types : [types]).map((x) => t(locale, `formula.type.${x}` as MessageKey));
  return list.reduce((a, b) => t(locale, 'formula.or', { a, b }));
}

/** Type names as a message value the API can word in any language ("a number or a date"). */
function typeParam(types: FormulaType | FormulaType[]): MessageParam {
  const list: MessageParam[] = (Array.isArray(types) ? types : [types]).map((x) => ({ key: `formula.type.${x}` }));
  return list.reduce((a, b) => ({ key: 'formula.or', params: { a, b } }));
}

export function describe(locale: Locale, f: Fault): FormulaProblem {
  const params: Record<string, string | number> = { ...f.params, pos: f.pos + 1 };
  const raw: MessageParams = { ...params };
  for (const [k, v] of Object.entries(f.types ?? {})) {
    params[k] = typeNames(locale, v);
    raw[k] = typeParam(v);
  }
  for (const [k, v] of Object.entries(f.keys ?? {})) {
    params[k] = typeof v === 'string' ? t(locale, v) : t(locale, v.key, v.params);
    raw[k] = typeof v === 'string' ? { key: v } : v;
  }
  return { code: f.code, message: t(locale, `formula.${f.code}` as MessageKey, params), position: f.pos, length: f.len, params: raw };
}
