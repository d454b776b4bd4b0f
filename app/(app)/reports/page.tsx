import { redirect } from 'next/navigation';
import { recordContext } from '@/platform/api/context';
import { listObjects } from '@/platform/api/describe';
import { pickLabel } from '@/platform/core/i18n';
import { ReportList } from '@/platform/ui/reports/ReportList';
import { currentPrincipal } from '../../_lib/session';

export const dynamic = 'force-dynamic';

export default async function ReportsPage() {
  const principal = await currentPrincipal();
  if (!principal) redirect('/login');
  const ctx = await recordContext(principal);
  const objectLabels = Object.fromEntries(listObjects(ctx.meta).map((o) => [o.name, pickLabel(o.pluralLabel, ctx.locale)]));
  return <ReportList objectLabels={objectLabels} />;
}
