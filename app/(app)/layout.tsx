import { redirect } from 'next/navigation';
import { recordContext } from '@/platform/api/context';
import { listObjects } from '@/platform/api/describe';
import { AppShell } from '@/platform/ui/AppShell';
import { currentPrincipal } from '../_lib/session';

export const dynamic = 'force-dynamic';

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const principal = await currentPrincipal();
  if (!principal) redirect('/login');
  const ctx = await recordContext(principal);
  const objects = listObjects(ctx.meta)
    .filter((o) => ctx.security.perms.object(o.name).read)
    .map((o) => ({ name: o.name, pluralLabel: o.pluralLabel, icon: o.icon }));
  return (
    <AppShell objects={objects} userName={principal.user.name} system={ctx.security.perms.system}>
      {children}
    </AppShell>
  );
}
