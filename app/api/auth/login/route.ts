import { NextResponse } from 'next/server';
import { errorBody } from '@/platform/api/errors';
import { AppError } from '@/platform/core/errors';
import { parseLocale, t } from '@/platform/core/i18n';
import { getPrisma } from '@/platform/db/prisma';
import { LOCKOUT_MINUTES, login, SESSION_COOKIE } from '@/platform/security/sessions';

export async function POST(req: Request) {
  const locale = parseLocale(req.headers.get('accept-language'));
  let body: { email?: unknown; password?: unknown } = {};
  try {
    body = await req.json();
  } catch {
    return NextResponse.json(errorBody(new AppError('BAD_REQUEST', t(locale, 'request.badJson'))), { status: 400 });
  }
  const email = typeof body.email === 'string' ? body.email : '';
  const password = typeof body.password === 'string' ? body.password : '';
  const result = await login(getPrisma(), email, password, {
    ip: req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? undefined,
    userAgent: req.headers.get('user-agent') ?? undefined,
  });
  if (!result.ok) {
    const key = result.reason === 'locked' ? 'auth.locked' : 'auth.badLogin';
    const err = new AppError(result.reason === 'locked' ? 'RATE_LIMITED' : 'UNAUTHENTICATED', t(locale, key, { minutes: LOCKOUT_MINUTES }), [{ field: 'password', code: key, message: t(locale, key, { minutes: LOCKOUT_MINUTES }) }]);
    return NextResponse.json(errorBody(err), { status: err.status });
  }
  const res = NextResponse.json({ user: result.principal.user });
  res.cookies.set(SESSION_COOKIE, result.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.TESSERA_SECURE_COOKIES === '1',
    path: '/',
    expires: result.expiresAt,
  });
  return res;
}
