import { NextResponse } from 'next/server';
import { LOCALE_COOKIE } from '@/platform/api/trpc/init';
import { parseLocale } from '@/platform/core/i18n';

/** Switch the display language (a cookie; works signed in or not). */
export async function POST(req: Request) {
  const body = (await req.json().catch(() => ({}))) as { locale?: string };
  const locale = parseLocale(body.locale);
  const res = NextResponse.json({ locale });
  res.cookies.set(LOCALE_COOKIE, locale, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
  return res;
}
