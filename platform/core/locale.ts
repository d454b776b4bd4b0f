/**
 * The one rule for the language of everything a user sees, on every channel (pages, tRPC, REST,
 * sign-in, notifications, e-mails): the user's stored preference, then the language their browser
 * asks for (Accept-Language), then English. A signed-out visitor has no stored preference; the
 * language cookie the login page's switch sets stands in for it. Client-safe (no server imports).
 */
import type { Locale } from './i18n';

/** A stored or chosen language, when it is one we ship; anything else is "not chosen". */
export function chosenLocale(value: string | null | undefined): Locale | undefined {
  if (!value) return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'zh-cn' || v === 'zh') return 'zh-CN';
  if (v === 'en') return 'en';
  return undefined;
}

/**
 * The first language of an Accept-Language header we ship, in the order of the header's weights
 * ("fr-FR, zh-CN;q=0.8" is Chinese: French is not shipped); undefined when it asks for none of them.
 */
export function browserLocale(header: string | null | undefined): Locale | undefined {
  if (!header) return undefined;
  const asked = header
    .split(',')
    .slice(0, 32)
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](\.\d{0,3})?)\s*$/.exec(p)).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q[1]) : 1, i };
    })
    .filter((a) => a.tag && a.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const a of asked) {
    if (a.tag === 'zh' || a.tag.startsWith('zh-')) return 'zh-CN';
    if (a.tag === 'en' || a.tag.startsWith('en-')) return 'en';
  }
  return undefined;
}

export interface LocaleSources {
  /** The signed-in user's stored preference (null: never chose). */
  stored?: string | null;
  /** The language cookie: counts only for a visitor who is not signed in. */
  cookie?: string | null;
  signedIn: boolean;
  /** The request's Accept-Language header. */
  acceptLanguage?: string | null;
}

/** The language of a request: stored preference (or, signed out, the cookie), then the browser, then English. */
export function resolveLocale(s: LocaleSources): Locale {
  const preferred = s.signedIn ? chosenLocale(s.stored) : chosenLocale(s.cookie);
  return preferred ?? browserLocale(s.acceptLanguage) ?? 'en';
}

/** The language of a message to a user away from any request (a notification, an e-mail): stored, then the browser last seen, then English. */
export function recipientLocale(stored: string | null | undefined, lastBrowser: string | null | undefined): Locale {
  return chosenLocale(stored) ?? chosenLocale(lastBrowser) ?? 'en';
}
