/**
 * Evaluate a checked formula in memory, for a record being saved. Semantics match compile.ts
 * exactly (the integration tests hold both to it): numbers are exact decimals with Postgres'
 * numeric rules, blank text is '', comparisons with a blank are unknown, AND/OR/NOT are
 * three-valued, and a boolean result that is unknown is false.
 */
import { fieldType } from '../../fields/registry';
import type { FieldDef } from '../../fields/types';
import { fieldFormulaType, formulaScale } from './check';
import { addDays, addMonths, civilFromDays, dayInZone, formatDay, makeDate, parseDay, parseInstant } from './dates';
import * as D from './decimal';
import type { Dec } from './decimal';
import { ROUND_DIGITS } from './functions';
import { compareText, lowerText, textLength, upperText } from './text';
import type { CheckedFormula, CompareOp, FNode, FormulaType, Value } from './types';

export interface EvalInput {
  /** The record's API values (after the change being saved); null or undefined is blank. */
  record: Record<string, unknown>;
  /** The stored record before this change; null or undefined when the record is new. */
  prior?: Record<string, unknown> | null;
  /** Records reached through lookups, keyed by path ('account', 'account.parent'). */
  related?: Record<string, Record<string, unknown> | null>;
  /** 'YYYY-MM-DD' in the workspace time zone. */
  today: string;
  /** ISO date and time. */
  now: string;
  /** IANA time zone for date/time -> date conversions. */
  timeZone: string;
}

type Rec = Record<string, unknown> | null | undefined;

const VALUE_RE = new RegExp(D.VALUE_PATTERN);

/** Decimal places a number column keeps, as its type declares (numeric(p, s) stores exactly s). */
function columnScale(field: FieldDef): number | undefined {
  return fieldType(field).storedScale?.(field);
}

function toDec(raw: unknown, scale?: number): Dec | null {
  const d = typeof raw === 'number' ? D.fromNumber(raw) : typeof raw === 'string' ? D.parseDec(raw) : typeof raw === 'bigint' ? D.fromInt(raw) : null;
  return d && scale !== undefined ? D.rescale(d, scale) : d;
}

/** A stored field's value as formulas see it. */
function readField(field: FieldDef, type: FormulaType, record: Rec): Value {
  const raw = record?.[field.name];
  switch (type) {
    case 'number':
      return toDec(raw, columnScale(field));
    case 'text':
      return raw === null || raw === undefined ? '' : field.type === 'lookup' ? String(raw).toLowerCase() : String(raw);
    case 'boolean':
      return raw === true;
    case 'date':
      return parseDay(raw);
    case 'datetime':
      return parseInstant(raw);
  }
}

/** Blank of a type: '' for text, false for a (never blank) boolean field, null otherwise. */
function blankOf(type: FormulaType): Value {
  return type === 'text' ? '' : type === 'boolean' ? false : null;
}

/** Same value for ISCHANGED: both blank, or equal. */
function same(type: FormulaType, a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  return type === 'number' ? D.cmp(a as Dec, b as Dec) === 0 : a === b;
}

function compare(type: FormulaType, a: Value, b: Value): number {
  switch (type) {
    case 'number':
      return D.cmp(a as Dec, b as Dec);
    case 'text':
      return compareText(a as string, b as string);
    case 'boolean':
      return Number(a) - Number(b);
    default:
      return (a as number) - (b as number);
  }
}

function holds(op: CompareOp, c: number): boolean {
  switch (op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

class Evaluator {
  constructor(private readonly input: EvalInput) {}

  /** The record at a lookup path (every step present), or null. */
  private recordAt(path: string[]): Rec {
    if (!path.length) return this.input.record;
    for (let i = 1; i <= path.length; i++) {
      const r = this.input.related?.[path.slice(0, i).join('.')];
      if (!r) return null;
    }
    return this.input.related![path.join('.')];
  }

  private dayOf(type: FormulaType, v: Value): number | null {
    if (v === null) return null;
    return type === 'datetime' ? dayInZone(v as number, this.input.timeZone) : (v as number);
  }

  eval(node: FNode, prefix: string[]): Value {
    switch (node.k) {
      case 'lit':
        return node.value === null && node.type === 'text' ? '' : node.value;
      case 'field': {
        const path = [...prefix, ...node.steps.map((s) => s.name)];
        const record = this.recordAt(path);
        if (!node.formula) return readField(node.field, node.type, record);
        if (!record) return blankOf(node.type);
        const v = this.eval(node.formula, path);
        return node.type === 'boolean' ? v === true : roundTo(v, formulaScale(node.field));
      }
      case 'neg': {
        const v = this.eval(node.arg, prefix) as Dec | null;
        return v && D.neg(v);
      }
      case 'not': {
        const v = this.eval(node.arg, prefix);
        return v === null ? null : !v;
      }
      case 'arith': {
        const l = this.eval(node.left, prefix) as Dec | null;
        const r = this.eval(node.right, prefix) as Dec | null;
        if (!l || !r) return null;
        return node.op === '+' ? D.add(l, r) : node.op === '-' ? D.sub(l, r) : node.op === '*' ? D.mul(l, r) : D.div(l, r);
      }
      case 'dateAdd': {
        const day = this.eval(node.date, prefix) as number | null;
        const n = this.eval(node.days, prefix) as Dec | null;
        if (day === null || !n) return null;
        const whole = D.truncInt(n);
        if (whole > 10_000_000n || whole < -10_000_000n) return null;
        return addDays(day, node.minus ? -Number(whole) : Number(whole));
      }
      case 'dateDiff': {
        const l = this.eval(node.left, prefix) as number | null;
        const r = this.eval(node.right, prefix) as number | null;
        return l === null || r === null ? null : D.fromInt(l - r);
      }
      case 'concat':
        return (this.eval(node.left, prefix) as string) + (this.eval(node.right, prefix) as string);
      case 'cmp': {
        const l = this.eval(node.left, prefix);
        const r = this.eval(node.right, prefix);
        return l === null || r === null ? null : holds(node.op, compare(node.left.type, l, r));
      }
      case 'and':
        return this.and(node.args, prefix);
      case 'or':
        return this.or(node.args, prefix);
      case 'prior': {
        const type = fieldFormulaType(node.field)!;
        const prior = this.input.prior;
        const before = prior ? readField(node.field, type, prior) : blankOf(type);
        if (node.fn === 'PRIORVALUE') return before;
        return prior ? !same(type, readField(node.field, type, this.input.record), before) : false;
      }
      case 'call':
        return this.call(node, prefix);
    }
  }

  private and(args: FNode[], prefix: string[]): Value {
    let unknown = false;
    for (const a of args) {
      const v = this.eval(a, prefix);
      if (v === false) return false;
      if (v === null) unknown = true;
    }
    return unknown ? null : true;
  }

  private or(args: FNode[], prefix: string[]): Value {
    let unknown = false;
    for (const a of args) {
      const v = this.eval(a, prefix);
      if (v === true) return true;
      if (v === null) unknown = true;
    }
    return unknown ? null : false;
  }

  private call(node: FNode & { k: 'call' }, prefix: string[]): Value {
    const a = node.args;
    const ev = (i: number) => this.eval(a[i], prefix);
    const num = (i: number) => ev(i) as Dec | null;
    const text = (i: number) => ev(i) as string;
    switch (node.fn) {
      case 'AND':
        return this.and(a, prefix);
      case 'OR':
        return this.or(a, prefix);
      case 'NOT': {
        const v = ev(0);
        return v === null ? null : !v;
      }
      case 'IF':
        return ev(0) === true ? ev(1) : ev(2);
      case 'CASE': {
        const v = ev(0);
        for (let i = 1; i + 1 < a.length; i += 2) {
          const w = ev(i);
          if (v !== null && w !== null && compare(a[0].type, v, w) === 0) return ev(i + 1);
        }
        return ev(a.length - 1);
      }
      case 'ISBLANK': {
        const v = ev(0);
        return a[0].type === 'text' ? v === '' : v === null;
      }
      case 'BLANKVALUE': {
        const v = ev(0);
        return (node.type === 'text' ? v === '' : v === null) ? ev(1) : v;
      }
      case 'TODAY':
        return parseDay(this.input.today);
      case 'NOW':
        return parseInstant(this.input.now);
      case 'DATE': {
        const [y, m, d] = [num(0), num(1), num(2)];
        if (!y || !m || !d || ![y, m, d].every(D.isInteger)) return null;
        const whole = [y, m, d].map((x) => D.truncInt(x));
        if (whole.some((x) => x < -100000n || x > 100000n)) return null;
        return makeDate(Number(whole[0]), Number(whole[1]), Number(whole[2]));
      }
      case 'ADDMONTHS': {
        const day = ev(0) as number | null;
        const n = num(1);
        if (day === null || !n) return null;
        const whole = D.truncInt(n);
        return whole > 200_000n || whole < -200_000n ? null : addMonths(day, Number(whole));
      }
      case 'DATEDIFF': {
        const start = this.dayOf(a[0].type, ev(0));
        const end = this.dayOf(a[1].type, ev(1));
        return start === null || end === null ? null : D.fromInt(end - start);
      }
      case 'YEAR':
      case 'MONTH':
      case 'DAY': {
        const day = this.dayOf(a[0].type, ev(0));
        if (day === null) return null;
        const c = civilFromDays(day);
        return D.fromInt(node.fn === 'YEAR' ? c.y : node.fn === 'MONTH' ? c.m : c.d);
      }
      case 'TEXT':
        return textOf(a[0].type, ev(0));
      case 'VALUE': {
        const s = text(0);
        return s.length <= D.VALUE_MAX_LENGTH && VALUE_RE.test(s) ? D.parseDec(s) : null;
      }
      case 'LEN':
        return D.fromInt(textLength(text(0)));
      case 'CONTAINS':
        return text(0).includes(text(1));
      case 'BEGINS':
        return text(0).startsWith(text(1));
      case 'LOWER':
        return lowerText(text(0));
      case 'UPPER':
        return upperText(text(0));
      case 'ROUND': {
        const x = num(0);
        if (a.length === 1) return x && D.round(x, 0);
        const digits = num(1);
        if (!x || !digits) return null;
        const k = Math.max(-ROUND_DIGITS, Math.min(ROUND_DIGITS, Number(D.truncInt(D.round(digits, 0)))));
        return D.round(x, k);
      }
      case 'ABS': {
        const x = num(0);
        return x && D.abs(x);
      }
      case 'MIN':
      case 'MAX': {
        // Like Postgres LEAST/GREATEST: blanks are skipped, the first of equal values wins.
        let best: Value = null;
        for (let i = 0; i < a.length; i++) {
          const v = ev(i);
          if (v === null) continue;
          if (best === null) best = v;
          else {
            const c = compare(node.type, best, v);
            if ((node.fn === 'MIN' && c > 0) || (node.fn === 'MAX' && c < 0)) best = v;
          }
        }
        return best;
      }
      case 'ISNEW':
        return !this.input.prior;
      default:
        throw new Error(`Formula function ${node.fn} cannot be evaluated`);
    }
  }
}

/** TEXT(): numbers without trailing zeros, dates as YYYY-MM-DD, date/times as ISO 8601 UTC, blank as ''. */
function textOf(type: FormulaType, v: Value): string {
  if (v === null) return '';
  switch (type) {
    case 'number':
      return D.toText(D.trimScale(v as Dec));
    case 'date':
      return formatDay(v as number);
    case 'datetime':
      return new Date(v as number).toISOString();
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      return v as string;
  }
}

/** The API value of a result: numbers, strings, booleans, 'YYYY-MM-DD', ISO date/times, or null. */
function output(type: FormulaType, v: Value): unknown {
  switch (type) {
    case 'number':
      return v === null ? null : D.toNumber(v as Dec);
    case 'text':
      return v === '' ? null : v;
    case 'boolean':
      return v === true;
    case 'date':
      return v === null ? null : formatDay(v as number);
    case 'datetime':
      return v === null ? null : new Date(v as number).toISOString();
  }
}

/** A number rounded to a formula field's scale (Postgres round: half away from zero); anything else as it is. */
function roundTo(v: Value, scale: number | undefined): Value {
  return scale === undefined || v === null || typeof v !== 'object' ? v : D.round(v, scale);
}

/** Evaluate a checked formula against a record (and the records its lookups reach). */
export function evaluateFormula(f: CheckedFormula, input: EvalInput): unknown {
  const v = new Evaluator(input).eval(f.node, []);
  return output(f.type, f.type === 'number' ? roundTo(v, f.scale) : v);
}
