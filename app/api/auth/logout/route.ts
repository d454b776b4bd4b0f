import { NextResponse } from 'next/server';
import { cookieValue } from '@/platform/api/authenticate';
import { assertSameOriginWrite } from '@/platform/api/csrf';
import { errorResponse } from '@/platform/api/rest/handler';
import { parseLocale } from '@/platform/core/i18n';
import { getPrisma } from '@/platform/db/prisma';
import { logout, SESSION_COOKIE } from '@/platform/security/sessions';

/** Sign out: ends the session and clears the cookie. Same-origin only, so another site cannot sign a user out. */
export async function POST(req: Request) {
  try {
    assertSameOriginWrite(req, parseLocale(req.headers.get('accept-language')), { always: true });
    await logout(getPrisma(), cookieValue(req.headers.get('cookie'), SESSION_COOKIE));
  } catch (e) {
    return errorResponse(e, parseLocale(req.headers.get('accept-language')));
  }
  const res = NextResponse.json({ ok: true });
  res.cookies.set(SESSION_COOKIE, '', { httpOnly: true, path: '/', maxAge: 0 });
  return res;
}
