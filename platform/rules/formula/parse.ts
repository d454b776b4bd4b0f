/**
 * Formula text -> syntax tree. A hand-written tokenizer and recursive-descent parser; the first
 * problem stops it (later ones would mostly echo it). Precedence, lowest first:
 *   ||   &&   = == != <> < <= > >=   &   + -   * /   unary - !   (calls, names, literals, parentheses)
 * Binary operators associate to the left.
 */
import type { Fault } from './problems';
import type { BinaryOp, NamePart, Syntax } from './types';

export const MAX_LENGTH = 4000;
export const MAX_DEPTH = 100;

interface Token {
  t: 'num' | 'str' | 'ident' | 'op' | 'eof';
  v: string;
  pos: number;
  len: number;
}

class ParseFailure {
  constructor(readonly fault: Fault) {}
}

function fail(fault: Fault): never {
  throw new ParseFailure(fault);
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"' };
const TWO_CHAR_OPS = new Set(['&&', '||', '==', '!=', '<>', '<=', '>=']);
const ONE_CHAR_OPS = new Set(['+', '-', '*', '/', '&', '=', '<', '>', '!', '(', ')', ',', '.']);

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c) && c !== '\0') {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(?:\.[0-9]+)?/.exec(src.slice(i))!;
      tokens.push({ t: 'num', v: m[0], pos: start, len: m[0].length });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      tokens.push({ t: 'ident', v: m[0], pos: start, len: m[0].length });
      i += m[0].length;
    } else if (c === '"' || c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= src.length) fail({ code: 'unclosedString', pos: start, len: src.length - start });
        const ch = src[i];
        if (ch === c) break;
        if (ch === '\\') {
          const esc = src[i + 1];
          if (esc === undefined) fail({ code: 'unclosedString', pos: start, len: src.length - start });
          if (!(esc in ESCAPES)) fail({ code: 'badEscape', pos: i, len: 2, params: { escape: `\\${esc}` } });
          value += ESCAPES[esc];
          i += 2;
        } else {
          badChar(src, i);
          value += ch;
          i++;
        }
      }
      i++;
      tokens.push({ t: 'str', v: value, pos: start, len: i - start });
    } else if (TWO_CHAR_OPS.has(src.slice(i, i + 2))) {
      tokens.push({ t: 'op', v: src.slice(i, i + 2), pos: start, len: 2 });
      i += 2;
    } else if (ONE_CHAR_OPS.has(c)) {
      tokens.push({ t: 'op', v: c, pos: start, len: 1 });
      i++;
    } else {
      const ch = String.fromCodePoint(src.codePointAt(i)!);
      fail({ code: 'badCharacter', pos: i, len: ch.length, params: { char: ch } });
    }
  }
  tokens.push({ t: 'eof', v: '', pos: src.length, len: 0 });
  return tokens;
}

/** NUL and unpaired surrogates cannot reach Postgres as text: refuse them even inside strings. */
function badChar(src: string, i: number): void {
  const code = src.charCodeAt(i);
  const high = code >= 0xd800 && code <= 0xdbff;
  const low = code >= 0xdc00 && code <= 0xdfff;
  const paired = (high && /[\uDC00-\uDFFF]/.test(src[i + 1] ?? '')) || (low && /[\uD800-\uDBFF]/.test(src[i - 1] ?? ''));
  if (code === 0 || ((high || low) && !paired)) fail({ code: 'badCharacter', pos: i, len: 1, params: { char: code === 0 ? '\\0' : '?' } });
}

const LEVELS: string[][] = [['||'], ['&&'], ['=', '==', '!=', '<>', '<', '<=', '>', '>='], ['&'], ['+', '-'], ['*', '/']];
const CANONICAL: Record<string, BinaryOp> = { '==': '=', '<>': '!=' };

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private get tok(): Token {
    return this.tokens[this.i];
  }

  private isOp(v: string): boolean {
    return this.tok.t === 'op' && this.tok.v === v;
  }

  private unexpected(what: 'formula.expect.operand' | 'formula.expect.name' | 'formula.expect.close'): never {
    const tok = this.tok;
    if (tok.t === 'eof') fail({ code: 'unexpectedEnd', pos: tok.pos, len: 0, keys: { expected: what } });
    const shown = tok.t === 'str' ? tok.v.slice(0, 20) : tok.v;
    fail({ code: 'unexpectedToken', pos: tok.pos, len: tok.len, params: { token: shown } });
  }

  private enter(pos: number, len: number): void {
    if (++this.depth > MAX_DEPTH) fail({ code: 'tooDeep', pos, len, params: { max: MAX_DEPTH } });
  }

  parseAll(): Syntax {
    const node = this.binary(0);
    if (this.tok.t !== 'eof') this.unexpected('formula.expect.operand');
    return node;
  }

  private binary(level: number): Syntax {
    if (level === LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    while (this.tok.t === 'op' && LEVELS[level].includes(this.tok.v)) {
      const op = this.tok;
      this.i++;
      const right = this.binary(level + 1);
      left = { k: 'binary', op: CANONICAL[op.v] ?? (op.v as BinaryOp), opPos: op.pos, left, right, pos: left.pos, len: right.pos + right.len - left.pos };
    }
    return left;
  }

  private unary(): Syntax {
    const tok = this.tok;
    if (this.isOp('-') || this.isOp('!')) {
      this.i++;
      this.enter(tok.pos, tok.len);
      const arg = this.unary();
      this.depth--;
      return { k: 'unary', op: tok.v as '-' | '!', arg, pos: tok.pos, len: arg.pos + arg.len - tok.pos };
    }
    return this.primary();
  }

  private primary(): Syntax {
    const tok = this.tok;
    if (tok.t === 'num') {
      this.i++;
      return { k: 'number', text: tok.v, pos: tok.pos, len: tok.len };
    }
    if (tok.t === 'str') {
      this.i++;
      return { k: 'string', value: tok.v, pos: tok.pos, len: tok.len };
    }
    if (this.isOp('(')) {
      this.i++;
      this.enter(tok.pos, 1);
      const inner = this.binary(0);
      if (!this.isOp(')')) this.closeParen(tok);
      this.i++;
      this.depth--;
      return inner;
    }
    if (tok.t !== 'ident') this.unexpected('formula.expect.operand');
    this.i++;
    const upper = tok.v.toUpperCase();
    if (this.isOp('(')) return this.call(tok);
    if (upper === 'TRUE' || upper === 'FALSE') return { k: 'bool', value: upper === 'TRUE', pos: tok.pos, len: tok.len };
    if (upper === 'NULL') return { k: 'null', pos: tok.pos, len: tok.len };
    const parts: NamePart[] = [{ name: tok.v, pos: tok.pos, len: tok.len }];
    while (this.isOp('.')) {
      this.i++;
      const next = this.tok;
      if (next.t !== 'ident') this.unexpected('formula.expect.name');
      this.i++;
      parts.push({ name: next.v, pos: next.pos, len: next.len });
    }
    const last = parts[parts.length - 1];
    return { k: 'name', parts, pos: tok.pos, len: last.pos + last.len - tok.pos };
  }

  private call(name: Token): Syntax {
    const open = this.tok;
    this.i++;
    this.enter(name.pos, name.len);
    const args: Syntax[] = [];
    if (!this.isOp(')')) {
      for (;;) {
        args.push(this.binary(0));
        if (this.isOp(',')) {
          this.i++;
          continue;
        }
        if (!this.isOp(')')) this.closeParen(open);
        break;
      }
    }
    const close = this.tok;
    this.i++;
    this.depth--;
    return { k: 'call', name: name.v, nameLen: name.len, args, pos: name.pos, len: close.pos + 1 - name.pos };
  }

  /** At the end of the text the parenthesis is unclosed; anything else is simply out of place. */
  private closeParen(open: Token): never {
    if (this.tok.t === 'eof') fail({ code: 'unclosedParen', pos: open.pos, len: 1 });
    this.unexpected('formula.expect.close');
  }
}

/** Parse formula text; either the syntax tree or the first problem. */
export function parseFormula(src: string): { syntax?: Syntax; fault?: Fault } {
  if (src.length > MAX_LENGTH) return { fault: { code: 'tooLong', pos: MAX_LENGTH, len: src.length - MAX_LENGTH, params: { max: MAX_LENGTH } } };
  if (src.trim() === '') return { fault: { code: 'empty', pos: 0, len: src.length } };
  try {
    const syntax = new Parser(tokenize(src)).parseAll();
    const deep = deepest(syntax, 1);
    if (deep) return { fault: { code: 'tooDeep', pos: deep.pos, len: deep.len, params: { max: MAX_DEPTH } } };
    return { syntax };
  } catch (e) {
    if (e instanceof ParseFailure) return { fault: e.fault };
    throw e;
  }
}

/** The first node nested deeper than MAX_DEPTH (long operator chains nest too: SQL has limits). */
function deepest(node: Syntax, depth: number): Syntax | undefined {
  if (depth > MAX_DEPTH) return node;
  switch (node.k) {
    case 'unary':
      return deepest(node.arg, depth + 1);
    case 'binary':
      return deepest(node.left, depth + 1) ?? deepest(node.right, depth + 1);
    case 'call': {
      for (const a of node.args) {
        const d = deepest(a, depth + 1);
        if (d) return d;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
