/**
 * The wrapper every REST route goes through: authenticate, build the record context, run the
 * handler, and turn any error into the shared error shape with its HTTP status.
 */
import { AppError } from '../../core/errors';
import { parseLocale, t, type Locale } from '../../core/i18n';
import type { RecordContext } from '../../data/context';
import { requirePrincipal } from '../authenticate';
import { assertSameOriginWrite } from '../csrf';
import { recordContext } from '../context';
import { errorBody, toAppError } from '../errors';

const MAX_BODY = 1024 * 1024;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** The language asked for by Accept-Language, when there is one. */
export function headerLocale(req: Request): Locale | undefined {
  const h = req.headers.get('accept-language');
  return h ? parseLocale(h) : undefined;
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
    try {
      assertSameOriginWrite(req, asked ?? 'en');
      const principal = await requirePrincipal(req, asked ?? 'en');
      const ctx = await recordContext(principal, asked, 'api');
      return await handler(req, ctx, await route.params);
    } catch (e) {
      return errorResponse(e, asked ?? 'en');
    }
  };
}

/** The JSON object in a request body; 400 naming the problem when it is not one. */
export async function readJsonObject(req: Request, locale: Locale): Promise<Record<string, unknown>> {
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > MAX_BODY) throw new AppError('BAD_REQUEST', 'Request body too large (1 MB at most)');
  const text = await req.text();
  if (text.length > MAX_BODY) throw new AppError('BAD_REQUEST', 'Request body too large (1 MB at most)');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', t(locale, 'request.badJson'), [{ pointer: '/', code: 'request.badJson', message: t(locale, 'request.badJson') }]);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('BAD_REQUEST', t(locale, 'request.bodyObject'), [{ pointer: '/', code: 'request.bodyObject', message: t(locale, 'request.bodyObject') }]);
  }
  return body as Record<string, unknown>;
}

/** `If-Match: 3`, `"3"` or `W/"3"` -> 3; undefined when absent; 400 when not a version number. */
export function ifMatchVersion(req: Request, locale: Locale): number | undefined {
  const h = req.headers.get('if-match');
  if (h === null || h.trim() === '*') return undefined; // "*": any current version
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(h);
  if (!m) throw new AppError('BAD_REQUEST', t(locale, 'request.ifMatch'), [{ pointer: '/headers/if-match', code: 'request.ifMatch', message: t(locale, 'request.ifMatch') }]);
  return Number(m[1]);
}
