/** Server-side helpers for pages: the signed-in principal and the display language. */
import { cookies, headers } from 'next/headers';
import { LOCALE_COOKIE } from '@/platform/api/trpc/init';
import { parseLocale, type Locale } from '@/platform/core/i18n';
import { getPool } from '@/platform/db/pool';
import type { Principal } from '@/platform/security/principal';
import { SESSION_COOKIE, sessionPrincipal } from '@/platform/security/sessions';

export async function currentPrincipal(): Promise<Principal | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return sessionPrincipal(getPool(), token);
}

export async function currentLocale(principal?: Principal | null): Promise<Locale> {
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (cookie) return parseLocale(cookie);
  if (principal) return parseLocale(principal.locale);
  return parseLocale((await headers()).get('accept-language'));
}
