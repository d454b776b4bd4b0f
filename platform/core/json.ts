/**
 * JSON that comes from outside (request bodies, query parameters, cursors, package files). Every
 * object is rebuilt with a null prototype and the keys `__proto__`, `constructor` and `prototype`
 * are refused at any depth: JSON.parse keeps `"__proto__"` as an own key, and the first later
 * `out[k] = v` copy would turn it into the prototype of the copy, so that reads of missing fields
 * fall through to what the caller sent (past validation, field security and every write step).
 */
import { AppError, type ErrorCode } from './errors';
import { t, type Locale, type MessageKey } from './i18n';

/** Keys no request may use: they reach or replace the prototype of whatever object they are copied into. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Deeper than any metadata, filter or record body; the walk below stays far from the stack limit. */
export const MAX_JSON_DEPTH = 100;

export type JsonProblem = { kind: 'syntax' } | { kind: 'forbiddenKey'; key: string; pointer: string } | { kind: 'tooDeep'; pointer: string };

/** Why a JSON text was refused, with the JSON pointer at fault (relative to the text's root). */
export class UnsafeJsonError extends Error {
  constructor(readonly problem: JsonProblem) {
    super(problem.kind === 'syntax' ? 'not valid JSON' : `${problem.kind} at ${problem.pointer || '/'}`);
    this.name = 'UnsafeJsonError';
  }
}

/** One JSON pointer reference token (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function pointerToken(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Parse JSON text into null-prototype objects; throws UnsafeJsonError for bad syntax, a forbidden key or too deep nesting. */
export function parseJsonSafe(text: string): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UnsafeJsonError({ kind: 'syntax' });
  }
  return toSafeJson(raw);
}

/** The same rebuild for a value already decoded as JSON (arrays copied, objects null-prototype). */
export function toSafeJson(value: unknown, pointer = '', depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_JSON_DEPTH) throw new UnsafeJsonError({ kind: 'tooDeep', pointer });
  if (Array.isArray(value)) return value.map((v, i) => toSafeJson(v, `${pointer}/${i}`, depth + 1));
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value)) {
    const at = `${pointer}/${pointerToken(key)}`;
    if (FORBIDDEN_KEYS.has(key)) throw new UnsafeJsonError({ kind: 'forbiddenKey', key, pointer: at });
    out[key] = toSafeJson((value as Record<string, unknown>)[key], at, depth + 1);
  }
  return out;
}

/** A forbidden key's message and detail, for callers that collect problems instead of throwing. */
export function forbiddenKeyDetail(locale: Locale, key: string, pointer: string) {
  const message = t(locale, 'request.forbiddenKey', { key, pointer });
  return { pointer, code: 'request.forbiddenKey', message };
}

export interface JsonErrorOptions {
  /** Code of the AppError (default BAD_REQUEST; filters use INVALID_FILTER). */
  code?: ErrorCode;
  /** Pointer of the JSON text inside the request, prefixed to every pointer (e.g. `/filter`). */
  at?: string;
  /** Message key for a syntax error (default request.badJson). */
  syntaxKey?: MessageKey;
}

/** The typed 400 for a refused JSON text, naming the pointer at fault in the caller's language. */
export function jsonError(e: UnsafeJsonError, locale: Locale, opts: JsonErrorOptions = {}): AppError {
  const code = opts.code ?? 'BAD_REQUEST';
  const at = opts.at ?? '';
  const p = e.problem;
  if (p.kind === 'syntax') {
    const key = opts.syntaxKey ?? 'request.badJson';
    const message = t(locale, key);
    return new AppError(code, message, [{ pointer: at || '/', code: key, message }]);
  }
  if (p.kind === 'tooDeep') {
    const message = t(locale, 'request.tooDeep', { max: MAX_JSON_DEPTH });
    return new AppError(code, message, [{ pointer: `${at}${p.pointer}` || '/', code: 'request.tooDeep', message }]);
  }
  const detail = forbiddenKeyDetail(locale, p.key, `${at}${p.pointer}`);
  return new AppError(code, detail.message, [detail]);
}

/** parseJsonSafe, throwing the typed AppError instead. */
export function parseJsonOrThrow(text: string, locale: Locale, opts: JsonErrorOptions = {}): unknown {
  try {
    return parseJsonSafe(text);
  } catch (e) {
    if (e instanceof UnsafeJsonError) throw jsonError(e, locale, opts);
    throw e;
  }
}
