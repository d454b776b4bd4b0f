/** The home page's dashboard, decided on the server so the first HTML is the right one. */
import { appRouter } from '@/platform/api/trpc/router';
import type { Locale } from '@/platform/core/i18n';
import type { Principal } from '@/platform/security/principal';

type HomeCaller = { dashboards?: { home?: () => Promise<string | null | undefined> } };

/** The name of the dashboard assigned to the user's role, or null when none applies (or it fails: the page falls back to the list). */
export async function homeDashboardName(principal: Principal, locale: Locale): Promise<string | null> {
  const caller = appRouter.createCaller({ principal, locale }) as unknown as HomeCaller;
  try {
    return (await caller.dashboards?.home?.()) ?? null;
  } catch {
    return null;
  }
}
