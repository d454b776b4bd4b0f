import { NextResponse } from 'next/server';
import { cookieValue } from '@/platform/api/authenticate';
import { getPrisma } from '@/platform/db/prisma';
import { logout, SESSION_COOKIE } from '@/platform/security/sessions';

export async function POST(req: Request) {
  await logout(getPrisma(), cookieValue(req.headers.get('cookie'), SESSION_COOKIE));
  const res = NextResponse.json({ ok: true });
  res.cookies.set(SESSION_COOKIE, '', { httpOnly: true, path: '/', maxAge: 0 });
  return res;
}
