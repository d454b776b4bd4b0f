import { redirect } from 'next/navigation';
import { HomeDashboard } from '@/platform/ui/dashboards/HomeDashboard';
import { greeting } from '@/platform/ui/dashboards/greeting';
import { homeDashboardName } from '../_lib/dashboardHome';
import { currentLocale, currentPrincipal } from '../_lib/session';

/** The user's home: the dashboard assigned to their role, or the opportunities when none applies. */
export default async function Home() {
  const principal = await currentPrincipal();
  if (!principal) redirect('/login');
  const locale = await currentLocale(principal);
  const name = await homeDashboardName(principal, locale);
  if (!name) redirect('/o/opportunity');
  const { key, date } = greeting(locale);
  return <HomeDashboard name={name} userName={principal.user.name} greetingKey={key} date={date} />;
}
