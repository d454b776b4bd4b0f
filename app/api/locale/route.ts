import { NextResponse } from 'next/server';
import { principalFromRequest } from '@/platform/api/authenticate';
import { assertSameOriginWrite } from '@/platform/api/csrf';
import { errorResponse } from '@/platform/api/rest/handler';
import { ownString, readSmallJsonObject } from '@/platform/api/body';
import { LOCALE_COOKIE } from '@/platform/api/trpc/init';
import { parseLocale } from '@/platform/core/i18n';
import { browserLocale } from '@/platform/core/locale';
import { getPool } from '@/platform/db/pool';
import { getPrisma } from '@/platform/db/prisma';
import { forgetPrincipals } from '@/platform/security/principalCache';
import { rememberLanguages } from '@/platform/security/users';

/**
 * Switch the display language. Signed in, it is stored as the user's preference (every channel
 * and their notifications follow it); the cookie is for the login page, before anyone is known.
 */
export async function POST(req: Request) {
  const asked = browserLocale(req.headers.get('accept-language')) ?? 'en';
  let locale;
  try {
    assertSameOriginWrite(req, asked, { always: true });
    locale = parseLocale(ownString(await readSmallJsonObject(req, asked), 'locale'));
    const principal = await principalFromRequest(req, asked);
    if (principal) {
      await rememberLanguages(getPrisma(), principal.user.id, { chosen: locale });
      // The user's next request must speak the new language, even before the change notice arrives.
      forgetPrincipals(getPool());
    }
  } catch (e) {
    return errorResponse(e, asked);
  }
  const res = NextResponse.json({ locale });
  res.cookies.set(LOCALE_COOKIE, locale, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
  return res;
}
