/**
 * `POST /api/v1/public/forms/{workspace}/{form}` and its CORS preflight: the only unauthenticated
 * write besides sign-in. In order, cheapest refusal first: unknown or inactive form 404; an Origin
 * the form does not allow 403 (nothing read, no CORS grant); per-address limit 429; the body read
 * with a 64 KB limit (413), JSON or urlencoded only (415); a filled honeypot is stored as spam and
 * answered as if accepted; per-form limit 429; then stored as received and processed.
 * A browser's plain form POST (Accept: text/html) is answered with a redirect to the thank-you page
 * or back to the form showing its errors; scripts get JSON.
 */
import { AppError } from '../core/errors';
import { t, type Locale } from '../core/i18n';
import { parseJsonOrThrow, FORBIDDEN_KEYS } from '../core/json';
import { browserLocale, chosenLocale } from '../core/locale';
import { readLimitedText } from '../api/body';
import { errorResponse, json } from '../api/rest/handler';
import { clientIp, requestHost } from '../api/proxy';
import { getPool } from '../db/pool';
import { findPublicForm, type PublicForm } from './forms';
import { consume, DEFAULT_PER_FORM, DEFAULT_PER_IP } from './limits';
import { ipHash, processSubmission, storeSubmission } from './submissions';
import { honeypotFilled } from './values';
import { pickLabel } from '../core/i18n';

/** 64 KB: a contact form is a few hundred bytes; a long description fits many times over. */
export const MAX_SUBMISSION_BYTES = 64 * 1024;

export interface FormParams {
  workspace: string;
  form: string;
}

/** The visitor's language: `lang` (query or body), then Accept-Language, then the form's own, then English. */
function localeOf(req: Request, pf: PublicForm | null, bodyLang?: unknown): Locale {
  const query = new URL(req.url).searchParams.get('lang');
  return (
    chosenLocale(typeof bodyLang === 'string' ? bodyLang : undefined) ??
    chosenLocale(query) ??
    browserLocale(req.headers.get('accept-language')) ??
    chosenLocale(pf?.form.language) ??
    'en'
  );
}

/** True when a browser page at `origin` may post to the form: the app's own pages, or an origin the form lists. */
export function originAllowed(req: Request, pf: PublicForm, origin: string): boolean {
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  if (url.host.toLowerCase() === requestHost(req)) return true;
  return (pf.form.allowedOrigins ?? []).some((o) => o.toLowerCase() === url.origin.toLowerCase());
}

function corsHeaders(origin: string | null): Record<string, string> {
  return origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };
}

function fail(e: unknown, locale: Locale, origin: string | null): Response {
  const res = errorResponse(e, locale);
  for (const [k, v] of Object.entries(corsHeaders(origin))) res.headers.set(k, v);
  return res;
}

const notFound = (locale: Locale) => new AppError('NOT_FOUND', t(locale, 'webForm.notFound'), [{ code: 'webForm.notFound', message: t(locale, 'webForm.notFound') }]);

function rateLimited(locale: Locale, seconds: number, scope: 'ip' | 'form'): AppError {
  const message = t(locale, 'webForm.tooMany', { seconds });
  return new AppError('RATE_LIMITED', message, [{ code: `webForm.rate.${scope}`, message }], { retryAfter: seconds });
}

/** The body as a null-prototype object of what was sent: JSON, or urlencoded (a repeated name gives a list). */
async function readBody(req: Request, locale: Locale): Promise<Record<string, unknown>> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const json = type === 'application/json' || type.endsWith('+json');
  if (!json && type !== 'application/x-www-form-urlencoded') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', t(locale, 'webForm.contentType'), [{ pointer: '/', code: 'webForm.contentType', message: t(locale, 'webForm.contentType') }]);
  }
  let text: string;
  try {
    text = await readLimitedText(req, locale, MAX_SUBMISSION_BYTES);
  } catch (e) {
    if (e instanceof AppError && e.code === 'PAYLOAD_TOO_LARGE') {
      const message = t(locale, 'webForm.tooLarge', { max: MAX_SUBMISSION_BYTES / 1024 });
      throw new AppError('PAYLOAD_TOO_LARGE', message, [{ pointer: '/', code: 'request.tooLarge', message }]);
    }
    throw e;
  }
  if (json) {
    const parsed = parseJsonOrThrow(text, locale);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new AppError('BAD_REQUEST', t(locale, 'request.bodyObject'), [{ pointer: '/', code: 'request.bodyObject', message: t(locale, 'request.bodyObject') }]);
    }
    return parsed as Record<string, unknown>;
  }
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of new URLSearchParams(text)) {
    if (FORBIDDEN_KEYS.has(k)) {
      const message = t(locale, 'request.forbiddenKey', { key: k, pointer: `/${k}` });
      throw new AppError('BAD_REQUEST', message, [{ pointer: `/${k}`, code: 'request.forbiddenKey', message }]);
    }
    const prior = out[k];
    out[k] = prior === undefined ? v : Array.isArray(prior) ? [...prior, v] : [prior, v];
  }
  return out;
}

/** A plain HTML form post from a browser (it wants a page back, not JSON). */
const wantsPage = (req: Request) => (req.headers.get('accept') ?? '').includes('text/html');

/** The public page's own address (relative: the browser stays on the host it used). */
const pageUrl = (pf: PublicForm, suffix: string, query: Record<string, string>) => `/f/${pf.workspace.name}/${pf.form.name}${suffix}?${new URLSearchParams(query)}`;

function accepted(req: Request, pf: PublicForm, locale: Locale, origin: string | null): Response {
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  if (wantsPage(req)) {
    return new Response(null, { status: 303, headers: { location: pf.form.redirectUrl ?? pageUrl(pf, '/thanks', { lang }), 'cache-control': 'no-store' } });
  }
  const message = pf.form.thankYou ? pickLabel(pf.form.thankYou, locale) : t(locale, 'webForm.thanks');
  return json({ ok: true, message, ...(pf.form.redirectUrl ? { redirect: pf.form.redirectUrl } : {}) }, 200, corsHeaders(origin));
}

/** Handle one submission (see the file comment for the order of checks). */
export async function postSubmission(req: Request, params: FormParams): Promise<Response> {
  let locale = localeOf(req, null);
  const origin = req.headers.get('origin');
  let granted: string | null = null;
  try {
    const pool = getPool();
    const pf = await findPublicForm(pool, params.workspace, params.form);
    if (!pf) throw notFound(locale);
    locale = localeOf(req, pf);
    if (origin !== null) {
      if (!originAllowed(req, pf, origin)) throw new AppError('FORBIDDEN', t(locale, 'webForm.origin'), [{ code: 'webForm.origin', message: t(locale, 'webForm.origin') }]);
      granted = origin;
    }
    const ip = clientIp(req.headers);
    const limits = pf.form.rateLimit ?? {};
    if (ip) {
      const wait = await consume(pool, `ip:${pf.workspace.id}:${pf.form.name}:${ipHash(pf.workspace.id, ip)}`, limits.perIpPerMinute ?? DEFAULT_PER_IP);
      if (wait !== null) throw rateLimited(locale, wait, 'ip');
    }
    const body = await readBody(req, locale);
    locale = localeOf(req, pf, Object.hasOwn(body, 'lang') ? body.lang : undefined);
    const received = { body, ip, userAgent: req.headers.get('user-agent'), origin, locale };
    if (honeypotFilled(pf.form, body)) {
      await storeSubmission(pool, pf, { ...received, status: 'spam' });
      return accepted(req, pf, locale, granted);
    }
    const wait = await consume(pool, `form:${pf.workspace.id}:${pf.form.name}`, limits.perFormPerMinute ?? DEFAULT_PER_FORM);
    if (wait !== null) throw rateLimited(locale, wait, 'form');
    const id = await storeSubmission(pool, pf, { ...received, status: 'received' });
    const outcome = await processSubmission(pool, pf, id, body, locale);
    if (outcome.ok) return accepted(req, pf, locale, granted);
    if (wantsPage(req)) return new Response(null, { status: 303, headers: { location: pageUrl(pf, '', { submission: id }), 'cache-control': 'no-store' } });
    return fail(outcome.error, locale, granted);
  } catch (e) {
    return fail(e, locale, granted);
  }
}

/** The CORS preflight: granted only to the form's allowed origins (and the app's own pages). */
export async function preflight(req: Request, params: FormParams): Promise<Response> {
  const origin = req.headers.get('origin');
  const pf = await findPublicForm(getPool(), params.workspace, params.form).catch(() => null);
  if (!pf || !origin || !originAllowed(req, pf, origin)) return new Response(null, { status: 403, headers: { vary: 'Origin' } });
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'content-type, accept, accept-language',
      'access-control-max-age': '600',
      vary: 'Origin',
    },
  });
}
