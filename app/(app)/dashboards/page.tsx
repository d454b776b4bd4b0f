import { DashboardList } from '@/platform/ui/dashboards/DashboardList';

/** The dashboards the user may open. */
export default function DashboardsPage() {
  return <DashboardList />;
}
