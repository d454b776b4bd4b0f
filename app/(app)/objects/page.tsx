import { redirect } from 'next/navigation';
import { recordContext } from '@/platform/api/context';
import { listObjects } from '@/platform/api/describe';
import { AllObjects } from '@/platform/ui/nav/AllObjects';
import { currentPrincipal } from '../../_lib/session';

export const dynamic = 'force-dynamic';

/** Every object the user may read, whether or not their app's menu lists it. */
export default async function ObjectsPage() {
  const principal = await currentPrincipal();
  if (!principal) redirect('/login');
  const ctx = await recordContext(principal);
  const objects = listObjects(ctx.meta)
    .filter((o) => ctx.security.perms.object(o.name).read)
    .map((o) => ({ name: o.name, pluralLabel: o.pluralLabel, icon: o.icon }));
  return <AllObjects objects={objects} />;
}
