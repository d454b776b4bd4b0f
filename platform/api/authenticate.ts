/** Who is calling: an API key (`Authorization: Bearer tsk_...`) or a browser session cookie. */
import { AppError } from '../core/errors';
import { t, type Locale } from '../core/i18n';
import { getPool } from '../db/pool';
import { apiKeyPrincipal } from '../security/apiKeys';
import type { Principal } from '../security/principal';
import { SESSION_COOKIE, sessionPrincipal } from '../security/sessions';

export function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** The principal of a request, or null. A malformed or revoked bearer key is never silently ignored. */
export async function principalFromRequest(req: Request, locale: Locale = 'en'): Promise<Principal | null> {
  const auth = req.headers.get('authorization');
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth.trim());
    const p = m ? await apiKeyPrincipal(getPool(), m[1]) : null;
    if (!p) throw new AppError('UNAUTHENTICATED', t(locale, 'auth.badKey'), [{ code: 'auth.badKey', message: t(locale, 'auth.badKey') }]);
    return p;
  }
  return sessionPrincipal(getPool(), cookieValue(req.headers.get('cookie'), SESSION_COOKIE));
}

export async function requirePrincipal(req: Request, locale: Locale = 'en'): Promise<Principal> {
  const p = await principalFromRequest(req, locale);
  if (!p) throw new AppError('UNAUTHENTICATED', t(locale, 'auth.required'), [{ code: 'auth.required', message: t(locale, 'auth.required') }]);
  return p;
}
