/** The home page's dashboard, decided on the server so the first HTML is the right one. */
import { appRouter } from '@/platform/api/trpc/router';
import type { Locale } from '@/platform/core/i18n';
import type { Principal } from '@/platform/security/principal';

/** The name of the dashboard assigned to the user's role, or null when none applies (or it fails: the page falls back to the list). */
export async function homeDashboardName(principal: Principal, locale: Locale): Promise<string | null> {
  try {
    return await appRouter.createCaller({ principal, locale }).dashboards.home();
  } catch {
    return null;
  }
}
