/** The home page's greeting: decided by the server in the workspace's time zone, so the page hydrates as rendered. */
import type { Locale } from '../../core/i18n';
import { clock } from '../../core/time';

export type GreetingKey = 'dashui.greeting.morning' | 'dashui.greeting.afternoon' | 'dashui.greeting.evening';

/** The part of the day and today's date in the workspace's time zone, worded in the user's language. */
export function greeting(locale: Locale, at = new Date()): { key: GreetingKey; date: string } {
  const { timeZone } = clock(at);
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at));
  const key = hour < 12 ? 'dashui.greeting.morning' : hour < 18 ? 'dashui.greeting.afternoon' : 'dashui.greeting.evening';
  const date = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', { timeZone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(at);
  return { key, date };
}
