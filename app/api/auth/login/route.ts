import { NextResponse } from 'next/server';
import { assertSameOriginWrite } from '@/platform/api/csrf';
import { clientIp } from '@/platform/api/proxy';
import { errorResponse } from '@/platform/api/rest/handler';
import { ownString, readSmallJsonObject } from '@/platform/api/body';
import { AppError } from '@/platform/core/errors';
import { t, type Locale } from '@/platform/core/i18n';
import { browserLocale, chosenLocale, resolveLocale } from '@/platform/core/locale';
import { cookieValue } from '@/platform/api/authenticate';
import { LOCALE_COOKIE } from '@/platform/api/trpc/init';
import { getPrisma } from '@/platform/db/prisma';
import { login, SESSION_COOKIE, type LoginResult } from '@/platform/security/sessions';
import { rememberLanguages } from '@/platform/security/users';

const MAX_EMAIL = 320;
const MAX_PASSWORD = 1024;

/** The e-mail and password of a sign-in body; 422 naming the field when one is missing or not text. */
function credentials(body: Record<string, unknown>, locale: Locale): { email: string; password: string } {
  const email = ownString(body, 'email')?.trim();
  const password = ownString(body, 'password');
  const details = [];
  if (!email || email.length > MAX_EMAIL) details.push({ field: 'email', code: 'auth.emailRequired', message: t(locale, 'auth.emailRequired', { max: MAX_EMAIL }) });
  if (!password || password.length > MAX_PASSWORD)
    details.push({ field: 'password', code: 'auth.passwordRequired', message: t(locale, 'auth.passwordRequired', { max: MAX_PASSWORD }) });
  if (details.length) throw new AppError('VALIDATION_FAILED', details[0].message, details);
  return { email: email!, password: password! };
}

/** The refusal of a failed sign-in: the same for an unknown address as for a known one. */
function refusal(result: Exclude<LoginResult, { ok: true }>, locale: Locale): AppError {
  if (result.reason === 'bad_credentials') {
    const message = t(locale, 'auth.badLogin');
    return new AppError('UNAUTHENTICATED', message, [{ field: 'password', code: 'auth.badLogin', message }]);
  }
  const seconds = Math.max(1, Math.ceil(((result.lockedUntil?.getTime() ?? Date.now()) - Date.now()) / 1000));
  const key = result.reason === 'locked' ? 'auth.locked' : 'auth.throttled';
  const message = t(locale, key, { minutes: Math.ceil(seconds / 60) });
  return new AppError('RATE_LIMITED', message, [{ field: 'password', code: key, message }], { retryAfter: seconds });
}

/** Sign in with e-mail and password; sets the session cookie. */
export async function POST(req: Request) {
  const cookie = cookieValue(req.headers.get('cookie'), LOCALE_COOKIE);
  const browser = req.headers.get('accept-language');
  const locale = resolveLocale({ signedIn: false, cookie, acceptLanguage: browser });
  try {
    assertSameOriginWrite(req, locale, { always: true });
    const { email, password } = credentials(await readSmallJsonObject(req, locale), locale);
    const result = await login(getPrisma(), email, password, { ip: clientIp(req.headers), userAgent: req.headers.get('user-agent') ?? undefined });
    if (!result.ok) throw refusal(result, locale);
    // A language picked on the login page is the user's choice, unless they had made one already.
    await rememberLanguages(getPrisma(), result.principal.user.id, { chosen: chosenLocale(cookie), browser: browserLocale(browser), onlyIfUnchosen: true });
    const res = NextResponse.json({ user: result.principal.user }, { headers: { 'cache-control': 'no-store' } });
    res.cookies.set(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: process.env.TESSERA_SECURE_COOKIES === '1',
      path: '/',
      expires: result.expiresAt,
    });
    return res;
  } catch (e) {
    return errorResponse(e, locale);
  }
}
