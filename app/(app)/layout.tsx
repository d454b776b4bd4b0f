import { redirect } from 'next/navigation';
import { recordContext } from '@/platform/api/context';
import { navigationFor } from '@/platform/navigation/apps';
import { recentRecords } from '@/platform/navigation/recent';
import { AppShell } from '@/platform/ui/AppShell';
import { currentPrincipal } from '../_lib/session';

export const dynamic = 'force-dynamic';

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const principal = await currentPrincipal();
  if (!principal) redirect('/login');
  const ctx = await recordContext(principal);
  // Rendered with the page, so the navigation needs no request of its own after load.
  const [navigation, recent] = await Promise.all([navigationFor(ctx), recentRecords(ctx)]);
  return (
    <AppShell navigation={navigation} recent={recent} userName={principal.user.name} system={ctx.security.perms.system}>
      {children}
    </AppShell>
  );
}
