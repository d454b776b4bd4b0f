/**
 * Problems worded from the message catalog. A problem is built with its catalog key and values and
 * an English sentence (for logs and tests); the API words it again in the caller's language, once,
 * at the boundary. Files and JSON pointers stay in their own fields, never in the sentence.
 * Client-safe (no server imports).
 */
import { AppError, type ErrorCode, type ErrorDetail, type MessageParam, type MessageParams } from './errors';
import { hasMessage, pickLabel, t, type Locale, type MessageKey } from './i18n';

/** Where a problem is: the metadata file, the JSON pointer, the field. */
export interface ProblemPlace {
  file?: string;
  pointer?: string;
  field?: string;
}

function resolve(locale: Locale, value: MessageParam): string | number {
  if (typeof value !== 'object') return value;
  if ('en' in value) return pickLabel(value, locale);
  return hasMessage(value.key) ? t(locale, value.key, resolveAll(locale, value.params ?? {})) : value.key;
}

function resolveAll(locale: Locale, params: MessageParams): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, resolve(locale, v)]));
}

/** The catalog message `key` with its values (which may be messages themselves), in `locale`. */
export function word(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return t(locale, key, resolveAll(locale, params));
}

/** A problem detail: code `key` (or `code` when one code has several sentences), worded in English until the API words it again. */
export function problem(key: MessageKey | (string & { readonly kindMessage?: never }), params: MessageParams = {}, place: ProblemPlace & { code?: string } = {}): ErrorDetail {
  const { code, ...where } = place;
  const detail: ErrorDetail = { ...where, code: code ?? key, message: hasMessage(key) ? word('en', key, params) : key, params };
  if (code && code !== key) detail.key = key;
  return detail;
}

/** A detail in `locale`: those with params are worded again from the catalog, the others were worded for the caller already. */
function localizeDetail(d: ErrorDetail, locale: Locale): ErrorDetail {
  const key = d.key ?? d.code;
  if (!d.params || !hasMessage(key)) return d;
  return { ...d, message: word(locale, key, d.params) };
}

/** An error in `locale`: its message (when it has a catalog key) and every detail. */
export function localizeError(e: AppError, locale: Locale): AppError {
  const message = e.key && hasMessage(e.key) ? word(locale, e.key, e.params) : e.message;
  const details = e.details.map((d) => localizeDetail(d, locale));
  if (message === e.message && details.every((d, i) => d === e.details[i])) return e;
  const out = new AppError(e.code, message, details, { retryAfter: e.retryAfter, key: e.key, params: e.params });
  out.stack = e.stack;
  return out;
}

/**
 * One error for a list of problems: the problem's own sentence when there is one, else a count
 * ("Metadata has 3 problems"). The list is in the details, never glued into the message.
 */
export function problemsError(details: ErrorDetail[], summary: MessageKey = 'metadata.invalid', code: ErrorCode = 'METADATA_INVALID'): AppError {
  if (details.length === 1 && hasMessage(details[0].key ?? details[0].code) && details[0].params) {
    const only = details[0];
    return new AppError(code, only.message, details, { key: only.key ?? only.code, params: only.params });
  }
  const params = { count: details.length };
  return new AppError(code, word('en', summary, params), details, { key: summary, params });
}

/** A problem as one line for logs and the command line: "objects/deal.json#/fields/3/name message". */
function formatProblem(d: ErrorDetail): string {
  const where = d.file ? `${d.file}#${d.pointer ?? '/'}` : d.pointer;
  return where ? `${where} ${d.message}` : d.message;
}

/** An error and its problems as lines for logs and the command line. */
export function formatError(e: AppError): string {
  if (!e.details.length || (e.details.length === 1 && e.details[0].message === e.message && !e.details[0].file && !e.details[0].pointer)) return e.message;
  return [`${e.message}:`, ...e.details.map((d) => `  ${formatProblem(d)}`)].join('\n');
}

/** An error whose message is the catalog's `key` (English until the API words it for the caller). */
export function keyedError(code: ErrorCode, key: MessageKey, params: MessageParams = {}, details: ErrorDetail[] = []): AppError {
  return new AppError(code, word('en', key, params), details, { key, params });
}

/** Anything thrown as text for logs and the command line: an AppError with its problems one per line, with file and pointer. */
export function describeError(e: unknown): string {
  if (e instanceof AppError) return formatError(e);
  return e instanceof Error ? e.message : String(e);
}
