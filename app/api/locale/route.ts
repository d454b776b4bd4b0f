import { NextResponse } from 'next/server';
import { assertSameOriginWrite } from '@/platform/api/csrf';
import { errorResponse } from '@/platform/api/rest/handler';
import { ownString, readSmallJsonObject } from '@/platform/api/body';
import { LOCALE_COOKIE } from '@/platform/api/trpc/init';
import { parseLocale } from '@/platform/core/i18n';

/** Switch the display language (a cookie; works signed in or not). */
export async function POST(req: Request) {
  const asked = parseLocale(req.headers.get('accept-language'));
  let locale;
  try {
    assertSameOriginWrite(req, asked, { always: true });
    locale = parseLocale(ownString(await readSmallJsonObject(req, asked), 'locale'));
  } catch (e) {
    return errorResponse(e, asked);
  }
  const res = NextResponse.json({ locale });
  res.cookies.set(LOCALE_COOKIE, locale, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
  return res;
}
