/**
 * Cross-site request protection for writes a browser makes with the session cookie.
 *
 * Two checks, both needed: (1) a body must be sent as `application/json`, a type no cross-site page
 * can send without a CORS preflight, which this app never grants (forms and `no-cors` fetches can
 * only send text/plain, form encodings or no type); (2) the request must come from our own origin:
 * `Sec-Fetch-Site` must be `same-origin` or `none` when the browser sends it, else `Origin` must name
 * this host. A request with neither header is not from a browser that could be tricked (every
 * browser sends `Origin` on cross-origin POSTs), so it passes, as in Go's `http.CrossOriginProtection`;
 * the JSON rule still applies to it. Requests with an `Authorization` header (API keys) are not
 * affected: a browser never attaches one on its own.
 */
import { AppError } from '../core/errors';
import { t, type Locale } from '../core/i18n';
import { SESSION_COOKIE } from '../security/sessions';
import { cookieValue } from './authenticate';
import { requestHost } from './proxy';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type CsrfProblem = 'csrf.contentType' | 'csrf.origin';

/** True when the body (if any) is JSON: no body at all is fine (logout, restore, delete). */
function jsonOrEmpty(headers: Headers): boolean {
  const type = headers.get('content-type');
  if (type === null) {
    // No type: fine only when there is no body. A browser always sends Content-Length with a
    // fixed body (and cannot stream one cross-origin), so a missing length means no body too.
    const length = headers.get('content-length');
    return length === null || length.trim() === '0';
  }
  const essence = type.split(';')[0].trim().toLowerCase();
  return essence === 'application/json' || /^application\/[a-z0-9.+-]*\+json$/.test(essence);
}

/** True when the request names our own origin (or is not from a browser at all). */
function sameOrigin(req: Request): boolean {
  const { headers } = req;
  const site = headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin' || site === 'none';
  const origin = headers.get('origin');
  if (origin === null) return true;
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return false; // "null" (sandboxed frames, some redirects) and anything unparsable
  }
  if (host === requestHost(req)) return true;
  const base = process.env.TESSERA_BASE_URL;
  return base !== undefined && URL.canParse(base) && new URL(base).host.toLowerCase() === host;
}

/** What is wrong with a write, or null when it may go ahead. */
export function csrfProblem(req: Request, opts: { always?: boolean } = {}): CsrfProblem | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  if (!opts.always) {
    if (req.headers.has('authorization')) return null;
    if (cookieValue(req.headers.get('cookie'), SESSION_COOKIE) === undefined) return null;
  }
  if (!jsonOrEmpty(req.headers)) return 'csrf.contentType';
  if (!sameOrigin(req)) return 'csrf.origin';
  return null;
}

/** The 403 for a refused cross-site write. */
export function csrfError(problem: CsrfProblem, locale: Locale): AppError {
  const message = t(locale, problem);
  return new AppError('FORBIDDEN', message, [{ pointer: problem === 'csrf.origin' ? '/headers/origin' : '/headers/content-type', code: 'csrf', message }]);
}

/**
 * Refuse an unsafe request that rides on the session cookie unless it is same-origin JSON.
 * `always` applies it without a cookie too (sign-in, sign-out, language: browser-only endpoints).
 */
export function assertSameOriginWrite(req: Request, locale: Locale, opts: { always?: boolean } = {}): void {
  const problem = csrfProblem(req, opts);
  if (problem) throw csrfError(problem, locale);
}
