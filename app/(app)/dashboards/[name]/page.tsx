import { DashboardView } from '@/platform/ui/dashboards/DashboardView';

/** One dashboard, run with the viewer's own data and the filters in the address. */
export default async function DashboardPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <DashboardView name={name} />;
}
