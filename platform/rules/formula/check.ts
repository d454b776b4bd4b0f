/**
 * Syntax tree -> typed tree, against metadata: resolves field names and lookup paths, expands the
 * formula fields a formula reads (detecting circular references), types every node and reports
 * every type problem found, not only the first. NULL takes its type from where it stands
 * (`amount = NULL` compares numbers, `NULL & 'x'` is text).
 */
import type { MessageKey } from '../../core/i18n';
import { isLookup } from '../../fields/guards';
import { FIELD_TYPES, fieldType } from '../../fields/registry';
import type { FieldDef, FormulaFieldDef, LookupFieldDef, ReturnTypeName } from '../../fields/types';
import type { ObjectModel } from '../../metadata/model';
import { parseDec } from './decimal';
import { FUNCTIONS, ORDERED } from './functions';
import { parseFormula } from './parse';
import type { Fault } from './problems';
import type { FNode, FormulaEnv, FormulaType, NamePart, Syntax } from './types';

/** Lookups followed in one path (account.parent.owner_account...). */
const MAX_HOPS = 5;
/** Size of a formula once the formula fields it reads are expanded into it. */
export const MAX_NODES = 5000;
export const MAX_EXPANDED_DEPTH = 400;

const NUMBER: FormulaType[] = ['number'];
const BOOLEAN: FormulaType[] = ['boolean'];
const TEXT: FormulaType[] = ['text'];
const COMPARABLE: FormulaType[] = ['number', 'text', 'date', 'datetime'];

/** The formula type of a computed field's declared result. */
function returnFormulaType(returnType: ReturnTypeName | undefined): FormulaType {
  return !returnType || returnType === 'currency' || returnType === 'percent' ? 'number' : returnType;
}

/** Scale of a number formula field with none declared (as a decimal field's). */
export const DEFAULT_FORMULA_SCALE = 2;

/**
 * Decimal places a formula field's value is rounded to: its scale for number, currency and percent
 * results, undefined for other results and other fields. A formula field reads as it shows, so a
 * value derived from a hidden field carries no more precision than the field declares.
 */
export function formulaScale(field: FieldDef): number | undefined {
  if (field.type !== 'formula' || returnFormulaType(field.returnType) !== 'number') return undefined;
  const s = field.scale ?? DEFAULT_FORMULA_SCALE;
  return Number.isInteger(s) ? Math.min(Math.max(s, 0), 10) : DEFAULT_FORMULA_SCALE;
}

/** The type a field's value has in formulas; undefined for types formulas cannot read (multi-select picklists). */
export function fieldFormulaType(field: FieldDef): FormulaType | undefined {
  return Object.hasOwn(FIELD_TYPES, field.type) ? fieldType(field).formulaType : undefined;
}

/** Fix the type of a node whose type its context decides (NULL, and IF/CASE/... of NULLs). */
export function settle(node: FNode, type: FormulaType): void {
  if (!node.open) return;
  node.type = type;
  delete node.open;
  if (node.k === 'call') for (const a of branches(node)) settle(a, type);
}

/** The arguments that are possible results of a call. */
function branches(node: FNode & { k: 'call' }): FNode[] {
  const a = node.args;
  switch (node.fn) {
    case 'IF':
      return [a[1], a[2]];
    case 'CASE':
      return a.filter((_, i) => i > 0 && (i % 2 === 0 || i === a.length - 1));
    case 'BLANKVALUE':
    case 'MIN':
    case 'MAX':
      return a;
    default:
      return [];
  }
}

export function childrenOf(node: FNode): FNode[] {
  switch (node.k) {
    case 'lit':
    case 'prior':
      return [];
    case 'field':
      return node.formula ? [node.formula] : [];
    case 'neg':
    case 'not':
      return [node.arg];
    case 'arith':
    case 'concat':
    case 'cmp':
    case 'dateDiff':
      return [node.left, node.right];
    case 'dateAdd':
      return [node.date, node.days];
    case 'and':
    case 'or':
    case 'call':
      return node.args;
  }
}

const measures = new WeakMap<FNode, { size: number; depth: number }>();

/** Node count and depth with formula fields expanded (shared sub-trees are measured once). */
export function measure(node: FNode): { size: number; depth: number } {
  let m = measures.get(node);
  if (!m) {
    m = { size: 1, depth: 1 };
    for (const c of childrenOf(node)) {
      const cm = measure(c);
      m.size += cm.size;
      m.depth = Math.max(m.depth, cm.depth + 1);
    }
    measures.set(node, m);
  }
  return m;
}

/** A formula field's checked formula, shared by every formula that reads it. */
interface Expansion {
  node?: FNode;
  fields: Set<string>;
  paths: string[][];
  /** The chain of a circular reference it reaches, e.g. [opportunity.a, opportunity.b, opportunity.a]. */
  circular?: string[];
  /** It is itself too large once expanded. */
  tooComplex?: boolean;
}

interface Shared {
  env: FormulaEnv;
  memo: Map<string, Expansion>;
  /** Formula fields being expanded, outermost first. */
  stack: string[];
}

export class Checker {
  readonly faults: Fault[] = [];
  readonly fields = new Set<string>();
  /** The chain of the first circular reference met. */
  circular?: string[];
  private readonly pathMap = new Map<string, string[]>();

  constructor(
    private readonly shared: Shared,
    private readonly object: ObjectModel,
    private readonly mode: 'field' | 'rule',
  ) {}

  static root(env: FormulaEnv): Checker {
    return new Checker({ env, memo: new Map(), stack: [] }, env.object, env.mode);
  }

  get paths(): string[][] {
    return [...this.pathMap.values()].sort((a, b) => a.length - b.length || a.join('.').localeCompare(b.join('.')));
  }

  private fault(f: Fault): undefined {
    this.faults.push(f);
    return undefined;
  }

  /** Does `node` have one of `types`? A NULL takes the first; otherwise a fault made by `fault`. */
  private want(node: FNode | undefined, types: FormulaType[], fault: (found: FormulaType) => Fault): boolean {
    if (!node) return false;
    if (node.open) {
      settle(node, types[0]);
      return true;
    }
    if (types.includes(node.type)) return true;
    this.faults.push(fault(node.type));
    return false;
  }

  private operand(node: FNode | undefined, op: string, types: FormulaType[]): boolean {
    return this.want(node, types, (found) => ({ code: 'operandType', pos: node!.pos, len: node!.len, params: { op }, types: { expected: types, found } }));
  }

  private argument(node: FNode | undefined, name: string, n: number, types: FormulaType[]): boolean {
    return this.want(node, types, (found) => ({ code: 'argumentType', pos: node!.pos, len: node!.len, params: { name, n }, types: { expected: types, found } }));
  }

  /** One type for several results; a fault at each that differs. Open (all NULL) when none is known. */
  private unify(name: string, nodes: (FNode | undefined)[], code: 'branchType' | 'compareType' = 'branchType'): { type: FormulaType; open?: boolean; ok: boolean } {
    const defined = nodes.filter((n): n is FNode => !!n);
    const fixed = defined.find((n) => !n.open);
    if (!fixed) return { type: 'number', open: true, ok: defined.length === nodes.length };
    let ok = defined.length === nodes.length;
    for (const n of defined) {
      if (n.open) settle(n, fixed.type);
      else if (n.type !== fixed.type) {
        ok = false;
        this.faults.push(
          code === 'branchType'
            ? { code, pos: n.pos, len: n.len, params: { name }, types: { first: fixed.type, second: n.type } }
            : { code, pos: n.pos, len: n.len, types: { left: fixed.type, right: n.type } },
        );
      }
    }
    return { type: fixed.type, ok };
  }

  check(syn: Syntax): FNode | undefined {
    const span = { pos: syn.pos, len: syn.len };
    switch (syn.k) {
      case 'number':
        return { ...span, k: 'lit', type: 'number', value: parseDec(syn.text) };
      case 'string':
        return { ...span, k: 'lit', type: 'text', value: syn.value };
      case 'bool':
        return { ...span, k: 'lit', type: 'boolean', value: syn.value };
      case 'null':
        return { ...span, k: 'lit', type: 'number', open: true, value: null };
      case 'name':
        return this.name(syn.parts, span);
      case 'unary': {
        const arg = this.check(syn.arg);
        if (syn.op === '-') return this.operand(arg, '-', NUMBER) ? { ...span, k: 'neg', type: 'number', arg: arg! } : undefined;
        return this.operand(arg, '!', BOOLEAN) ? { ...span, k: 'not', type: 'boolean', arg: arg! } : undefined;
      }
      case 'binary':
        return this.binary(syn);
      case 'call':
        return this.call(syn);
    }
  }

  private binary(syn: Syntax & { k: 'binary' }): FNode | undefined {
    const span = { pos: syn.pos, len: syn.len };
    const l = this.check(syn.left);
    const r = this.check(syn.right);
    const op = syn.op;
    switch (op) {
      case '&&':
      case '||': {
        const ok = [this.operand(l, op, BOOLEAN), this.operand(r, op, BOOLEAN)].every(Boolean);
        return ok ? { ...span, k: op === '&&' ? 'and' : 'or', type: 'boolean', args: [l!, r!] } : undefined;
      }
      case '&': {
        const ok = [this.operand(l, op, TEXT), this.operand(r, op, TEXT)].every(Boolean);
        return ok ? { ...span, k: 'concat', type: 'text', left: l!, right: r! } : undefined;
      }
      case '*':
      case '/': {
        const ok = [this.operand(l, op, NUMBER), this.operand(r, op, NUMBER)].every(Boolean);
        return ok ? { ...span, k: 'arith', op, type: 'number', left: l!, right: r! } : undefined;
      }
      case '+':
      case '-':
        return this.additive(op, l, r, span);
      default: {
        if (!l || !r) return undefined;
        const { open, ok } = this.unify(op, [l, r], 'compareType');
        if (!ok) return undefined;
        // Both NULL: compared as numbers (blank, so unknown).
        if (open) {
          settle(l, 'number');
          settle(r, 'number');
        }
        if (!['=', '!='].includes(op) && !this.operand(l, op, COMPARABLE)) return undefined;
        return { ...span, k: 'cmp', op: op as '=', type: 'boolean', left: l, right: r };
      }
    }
  }

  /** + and -: numbers, date ± days, and date - date (days between). */
  private additive(op: '+' | '-', l: FNode | undefined, r: FNode | undefined, span: { pos: number; len: number }): FNode | undefined {
    const isDate = (n?: FNode) => !!n && !n.open && n.type === 'date';
    if (isDate(l)) {
      if (op === '-' && isDate(r)) return { ...span, k: 'dateDiff', type: 'number', left: l!, right: r! };
      return this.operand(r, op, op === '+' ? NUMBER : ['number', 'date']) ? { ...span, k: 'dateAdd', type: 'date', date: l!, days: r!, minus: op === '-' } : undefined;
    }
    if (isDate(r)) {
      if (op === '-') return this.operand(l, op, ['date']) ? { ...span, k: 'dateDiff', type: 'number', left: l!, right: r! } : undefined;
      return this.operand(l, op, NUMBER) ? { ...span, k: 'dateAdd', type: 'date', date: r!, days: l!, minus: false } : undefined;
    }
    const ok = [this.operand(l, op, ['number', 'date']), this.operand(r, op, ['number', 'date'])].every(Boolean);
    return ok ? { ...span, k: 'arith', op, type: 'number', left: l!, right: r! } : undefined;
  }

  private call(syn: Syntax & { k: 'call' }): FNode | undefined {
    const span = { pos: syn.pos, len: syn.len };
    const name = syn.name.toUpperCase();
    const spec = FUNCTIONS[name];
    const nameSpan = { pos: syn.pos, len: syn.nameLen };
    if (!spec) {
      syn.args.forEach((a) => this.check(a));
      return this.fault({ code: 'unknownFunction', ...nameSpan, params: { name: syn.name } });
    }
    const count = syn.args.length;
    if (name === 'CASE' && (count < 4 || count % 2 === 1)) {
      syn.args.forEach((a) => this.check(a));
      return this.fault({ code: 'caseArgs', ...nameSpan, params: { count } });
    }
    if (count < spec.min || count > spec.max) {
      syn.args.forEach((a) => this.check(a));
      const expected: { key: MessageKey; params: Record<string, number> } =
        spec.min === spec.max
          ? { key: 'formula.args.exact', params: { n: spec.min } }
          : spec.max === Infinity
            ? { key: 'formula.args.atLeast', params: { min: spec.min } }
            : { key: 'formula.args.range', params: { min: spec.min, max: spec.max } };
      return this.fault({ code: 'argCount', ...nameSpan, params: { name, count }, keys: { expected } });
    }
    if (spec.rule && this.mode !== 'rule') this.fault({ code: 'ruleOnly', ...nameSpan, params: { name } });
    if (name === 'ISCHANGED' || name === 'PRIORVALUE') return this.prior(name, syn.args[0], span);

    const args = syn.args.map((a) => this.check(a));
    if (spec.result) {
      const types = spec.args ?? [];
      const ok = args.map((a, i) => this.argument(a, name, i + 1, types[Math.min(i, types.length - 1)])).every(Boolean);
      return ok ? { ...span, k: 'call', fn: name, type: spec.result, args: args as FNode[] } : undefined;
    }
    return this.branching(name, args, span);
  }

  /** IF, CASE, BLANKVALUE, MIN, MAX: the result has the type of the branches. */
  private branching(name: string, args: (FNode | undefined)[], span: { pos: number; len: number }): FNode | undefined {
    let ok = args.every(Boolean);
    let results: (FNode | undefined)[] = args;
    if (name === 'IF') {
      ok = this.argument(args[0], name, 1, BOOLEAN) && ok;
      results = [args[1], args[2]];
    } else if (name === 'CASE') {
      const values = args.filter((_, i) => i === 0 || (i % 2 === 1 && i < args.length - 1));
      const v = this.unify(name, values, 'compareType');
      if (v.open) values.forEach((x) => x && settle(x, 'number'));
      ok = v.ok && ok;
      results = args.filter((_, i) => i > 0 && (i % 2 === 0 || i === args.length - 1));
    }
    const unified = this.unify(name, results);
    if (!unified.ok || !ok) return undefined;
    if ((name === 'MIN' || name === 'MAX') && !unified.open && !ORDERED.includes(unified.type)) {
      const i = args.findIndex((a) => !a!.open);
      return void this.argument(args[i], name, i + 1, ORDERED);
    }
    return { ...span, k: 'call', fn: name, type: unified.type, ...(unified.open ? { open: true } : {}), args: args as FNode[] };
  }

  /** ISCHANGED(field), PRIORVALUE(field): a stored field of the record itself. */
  private prior(name: 'ISCHANGED' | 'PRIORVALUE', arg: Syntax, span: { pos: number; len: number }): FNode | undefined {
    if (arg.k !== 'name' || arg.parts.length !== 1) {
      this.check(arg);
      return this.fault({ code: 'fieldArgument', pos: arg.pos, len: arg.len, params: { name } });
    }
    const field = this.object.fieldMap.get(arg.parts[0].name.toLowerCase());
    if (!field) return this.fault({ code: 'unknownField', pos: arg.pos, len: arg.len, params: { name: arg.parts[0].name } });
    const type = fieldFormulaType(field);
    if (!type) return this.fault({ code: 'unsupportedField', pos: arg.pos, len: arg.len, params: { name: field.name, type: field.type } });
    if (field.type === 'formula') return this.fault({ code: 'fieldArgument', pos: arg.pos, len: arg.len, params: { name } });
    this.fields.add(field.name);
    return { ...span, k: 'prior', fn: name, field, type: name === 'ISCHANGED' ? 'boolean' : type };
  }

  /** A field, possibly through lookups: `amount`, `account.region`, `account.parent.name`. */
  private name(parts: NamePart[], span: { pos: number; len: number }): FNode | undefined {
    const { objects } = this.shared.env;
    let obj = this.object;
    const steps: LookupFieldDef[] = [];
    const shown = (i: number) =>
      parts
        .slice(0, i + 1)
        .map((p) => p.name)
        .join('.');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const field = obj.fieldMap.get(part.name.toLowerCase());
      if (!field) return this.fault({ code: 'unknownField', pos: part.pos, len: part.len, params: { name: shown(i) } });
      if (i === parts.length - 1) return this.fieldNode(obj, steps, field, part, span);
      if (!isLookup(field)) return this.fault({ code: 'notLookup', pos: part.pos, len: part.len, params: { name: shown(i) } });
      if (steps.length === MAX_HOPS) return this.fault({ code: 'pathTooLong', pos: part.pos, len: part.len, params: { max: MAX_HOPS } });
      const target = objects(field.target);
      if (!target) return this.fault({ code: 'unknownObject', pos: part.pos, len: part.len, params: { name: shown(i), object: field.target } });
      steps.push(field);
      obj = target;
    }
    return undefined;
  }

  private fieldNode(obj: ObjectModel, steps: LookupFieldDef[], field: FieldDef, part: NamePart, span: { pos: number; len: number }): FNode | undefined {
    const type = fieldFormulaType(field);
    if (!type) return this.fault({ code: 'unsupportedField', pos: part.pos, len: part.len, params: { name: field.name, type: field.type } });
    const names = steps.map((s) => s.name);
    for (let i = 1; i <= names.length; i++) this.pathMap.set(names.slice(0, i).join('.'), names.slice(0, i));
    this.fields.add(names[0] ?? field.name);
    if (field.type !== 'formula') return { ...span, k: 'field', type, steps, field };

    const ex = this.expand(obj, field);
    if (ex.circular) this.circular ??= ex.circular;
    if (ex.circular) return this.fault({ code: 'circular', pos: part.pos, len: part.len, params: { chain: ex.circular.join(' → ') } });
    if (!ex.node) return this.fault({ code: ex.tooComplex ? 'tooComplex' : 'invalidField', pos: part.pos, len: part.len, params: { name: field.name } });
    const m = measure(ex.node);
    if (m.size > MAX_NODES || m.depth > MAX_EXPANDED_DEPTH) return this.fault({ code: 'tooComplex', pos: part.pos, len: part.len });
    if (!names.length) ex.fields.forEach((f) => this.fields.add(f));
    for (const p of ex.paths) {
      const full = [...names, ...p];
      for (let i = names.length + 1; i <= full.length; i++) this.pathMap.set(full.slice(0, i).join('.'), full.slice(0, i));
    }
    return { ...span, k: 'field', type: ex.node.type, steps, field, formula: ex.node };
  }

  /** Check a formula field's own formula (once per check), following what it reads in turn. */
  private expand(obj: ObjectModel, field: FormulaFieldDef): Expansion {
    const key = `${obj.name}.${field.name}`;
    const { stack, memo } = this.shared;
    const at = stack.indexOf(key);
    if (at >= 0) return { fields: new Set(), paths: [], circular: [...stack.slice(at), key] };
    const known = memo.get(key);
    if (known) return known;
    stack.push(key);
    const parsed = parseFormula(field.formula);
    const sub = new Checker(this.shared, obj, 'field');
    const node = parsed.syntax ? sub.check(parsed.syntax) : undefined;
    stack.pop();
    const declared = returnFormulaType(field.returnType);
    if (node?.open) settle(node, declared);
    const ok = node && !sub.faults.length && (!field.returnType || node.type === declared);
    const ex: Expansion = { node: ok ? node : undefined, fields: sub.fields, paths: sub.paths, ...(sub.circular ? { circular: sub.circular } : {}) };
    if (sub.faults.some((f) => f.code === 'tooComplex')) ex.tooComplex = true;
    memo.set(key, ex);
    return ex;
  }
}
