/** Server-side helpers for pages: the signed-in principal and the display language. */
import { cookies, headers } from 'next/headers';
import { LOCALE_COOKIE } from '@/platform/api/trpc/init';
import type { Locale } from '@/platform/core/i18n';
import { resolveLocale } from '@/platform/core/locale';
import { getPool } from '@/platform/db/pool';
import type { Principal } from '@/platform/security/principal';
import { SESSION_COOKIE, sessionPrincipal } from '@/platform/security/sessions';

export async function currentPrincipal(): Promise<Principal | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return sessionPrincipal(getPool(), token);
}

/** The page's language: the signed-in user's choice (signed out: the language cookie), then the browser's, then English. */
export async function currentLocale(principal?: Principal | null): Promise<Locale> {
  const who = principal === undefined ? await currentPrincipal() : principal;
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  return resolveLocale({ signedIn: who !== null, stored: who?.locale, cookie, acceptLanguage: (await headers()).get('accept-language') });
}
