/**
 * The wrapper every REST route goes through: authenticate, build the record context, run the
 * handler, and turn any error into the shared error shape with its HTTP status.
 */
import { AppError } from '../../core/errors';
import { t, type Locale } from '../../core/i18n';
import { browserLocale, resolveLocale } from '../../core/locale';
import type { RecordContext } from '../../data/context';
import { requirePrincipal } from '../authenticate';
import { readLimitedText } from '../body';
import { assertSameOriginWrite } from '../csrf';
import { recordContext } from '../context';
import { errorBody, toAppError } from '../errors';
import { parseJsonOrThrow } from '../../core/json';

const MAX_BODY = 1024 * 1024;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return jsonText(JSON.stringify(body), status, headers);
}

/** A response whose body is JSON text already (built by Postgres, say). */
export function jsonText(text: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** The language asked for by Accept-Language, when it is one we ship. */
function headerLocale(req: Request): Locale | undefined {
  return browserLocale(req.headers.get('accept-language'));
}

export function errorResponse(e: unknown, locale: Locale): Response {
  const err = toAppError(e, locale);
  const headers: Record<string, string> = err.status === 401 ? { 'www-authenticate': 'Bearer realm="tessera"' } : {};
  if (err.retryAfter !== undefined) headers['retry-after'] = String(err.retryAfter);
  return json(errorBody(err), err.status, headers);
}

type Handler<P> = (req: Request, ctx: RecordContext, params: P) => Promise<Response>;

/** Wrap a handler as a Next.js route handler. */
export function restRoute<P>(handler: Handler<P>) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    const asked = headerLocale(req);
    // Before sign-in the caller is known by their Accept-Language only; after it, by the one rule (stored choice first).
    let locale: Locale = asked ?? 'en';
    try {
      assertSameOriginWrite(req, locale);
      const principal = await requirePrincipal(req, locale);
      locale = resolveLocale({ signedIn: true, stored: principal.locale, acceptLanguage: req.headers.get('accept-language') });
      const ctx = await recordContext(principal, locale, 'api');
      locale = ctx.locale;
      return await handler(req, ctx, await route.params);
    } catch (e) {
      return errorResponse(e, locale);
    }
  };
}

/** The body's text: streamed, and stopped with 413 as soon as it passes 1 MB. */
const readBodyText = (req: Request, locale: Locale) => readLimitedText(req, locale, MAX_BODY);

function bodyObject(body: unknown, locale: Locale): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('BAD_REQUEST', t(locale, 'request.bodyObject'), [{ pointer: '/', code: 'request.bodyObject', message: t(locale, 'request.bodyObject') }]);
  }
  return body as Record<string, unknown>;
}

/**
 * The JSON object in a request body, as a null-prototype object (keys `__proto__`, `constructor`,
 * `prototype` refused at any depth); 400 naming the problem when it is not one, 413 over 1 MB.
 */
export async function readJsonObject(req: Request, locale: Locale): Promise<Record<string, unknown>> {
  return bodyObject(parseJsonOrThrow(await readBodyText(req, locale), locale), locale);
}

/** Like readJsonObject, but an empty (or blank) body is null: for actions whose body is optional. */
export async function readOptionalJsonObject(req: Request, locale: Locale): Promise<Record<string, unknown> | null> {
  const text = await readBodyText(req, locale);
  return text.trim() ? bodyObject(parseJsonOrThrow(text, locale), locale) : null;
}

/**
 * A handler answering 405 in the error shape with an `Allow` header, for the methods a route does
 * not serve (Next.js would answer them with an empty 405).
 */
export function methodNotAllowed(allowed: string[]) {
  const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  return async (req: Request): Promise<Response> => {
    const locale = headerLocale(req) ?? 'en';
    const message = t(locale, 'request.methodNotAllowed', { method: req.method, allowed: allowed.join(', ') });
    const res = errorResponse(new AppError('METHOD_NOT_ALLOWED', message, [{ code: 'request.methodNotAllowed', message }]), locale);
    res.headers.set('allow', allow);
    return res;
  };
}

/** Answer for any /api/v1 address no route serves: 404 in the error shape (not Next.js's HTML page). */
export async function noRoute(req: Request): Promise<Response> {
  const locale = headerLocale(req) ?? 'en';
  const path = new URL(req.url).pathname;
  const message = t(locale, 'request.noRoute', { path });
  return errorResponse(new AppError('NOT_FOUND', message, [{ code: 'request.noRoute', message }]), locale);
}

/** `If-Match: 3`, `"3"` or `W/"3"` -> 3; undefined when absent; 400 when not a version number. */
export function ifMatchVersion(req: Request, locale: Locale): number | undefined {
  const h = req.headers.get('if-match');
  if (h === null || h.trim() === '*') return undefined; // "*": any current version
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(h);
  if (!m) throw new AppError('BAD_REQUEST', t(locale, 'request.ifMatch'), [{ pointer: '/headers/if-match', code: 'request.ifMatch', message: t(locale, 'request.ifMatch') }]);
  return Number(m[1]);
}
