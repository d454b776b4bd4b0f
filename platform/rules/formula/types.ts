/**
 * The formula language's public types and its two trees: the syntax tree the parser builds, and the
 * typed tree the checker builds from it (fields resolved against metadata, formula fields expanded,
 * every node typed). The evaluator and the SQL compiler both work from the typed tree.
 */
import type { MessageParams } from '../../core/errors';
import type { Locale } from '../../core/i18n';
import type { FieldDef, LookupFieldDef } from '../../fields/types';
import type { ObjectModel } from '../../metadata/model';
import type { Dec } from './decimal';

export type FormulaType = 'number' | 'text' | 'boolean' | 'date' | 'datetime';

/** A problem in a formula: `position` is the 0-based offset of the text at fault, `length` its length. */
export interface FormulaProblem {
  code: string;
  message: string;
  position: number;
  length: number;
  /** The values of the message `formula.<code>`, for wording it again in another language. */
  params?: MessageParams;
}

export interface FormulaEnv {
  /** The object whose records the formula reads. */
  object: ObjectModel;
  /** Resolves lookup targets. */
  objects: (name: string) => ObjectModel | undefined;
  /** 'field': a formula field; 'rule': a validation rule (may use ISCHANGED, PRIORVALUE, ISNEW). */
  mode: 'field' | 'rule';
  locale?: Locale;
  /** When given, the result must have this type. */
  expect?: FormulaType;
}

export interface CheckedFormula {
  source: string;
  type: FormulaType;
  node: FNode;
  /** Fields of the object itself that evaluation reads (lookups followed, formula fields and their inputs). */
  fields: string[];
  /** Lookup paths evaluation follows, every prefix listed, shortest first: [['account'], ['account', 'parent']]. */
  paths: string[][];
  /** A number formula field's scale: the result is rounded to it, in memory and in SQL alike. */
  scale?: number;
}

// ---- syntax tree ------------------------------------------------------------------------------

interface Span {
  /** 0-based offset and length of the source text the node was parsed from. */
  pos: number;
  len: number;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '&' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';

export interface NamePart extends Span {
  name: string;
}

export type Syntax = Span &
  (
    | { k: 'number'; text: string }
    | { k: 'string'; value: string }
    | { k: 'bool'; value: boolean }
    | { k: 'null' }
    | { k: 'name'; parts: NamePart[] }
    | { k: 'unary'; op: '-' | '!'; arg: Syntax }
    | { k: 'binary'; op: BinaryOp; opPos: number; left: Syntax; right: Syntax }
    | { k: 'call'; name: string; nameLen: number; args: Syntax[] }
  );

// ---- typed tree -------------------------------------------------------------------------------

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A value while a formula is evaluated in memory (text is never blank-null: blank text is ''). */
export type Value = Dec | string | boolean | number | null;

export type FNode = Span & {
  type: FormulaType;
  /** Set while checking on a node whose type only its context decides (NULL, IF(c, NULL, NULL)). */
  open?: boolean;
} & (
    | { k: 'lit'; value: Value }
    /** A field, through `steps` (lookup fields, each on the previous one's target). Formula fields carry their expanded formula. */
    | { k: 'field'; steps: LookupFieldDef[]; field: FieldDef; formula?: FNode }
    | { k: 'neg'; arg: FNode }
    | { k: 'not'; arg: FNode }
    | { k: 'arith'; op: '+' | '-' | '*' | '/'; left: FNode; right: FNode }
    /** date ± whole days */
    | { k: 'dateAdd'; date: FNode; days: FNode; minus: boolean }
    /** date - date, in days */
    | { k: 'dateDiff'; left: FNode; right: FNode }
    | { k: 'concat'; left: FNode; right: FNode }
    | { k: 'cmp'; op: CompareOp; left: FNode; right: FNode }
    | { k: 'and' | 'or'; args: FNode[] }
    | { k: 'call'; fn: string; args: FNode[] }
    /** ISCHANGED(field), PRIORVALUE(field) */
    | { k: 'prior'; fn: 'ISCHANGED' | 'PRIORVALUE'; field: FieldDef }
  );
