import { AddToDashboardButton } from '@/platform/ui/dashboards/AddToDashboardButton';
import { ReportPage } from '@/platform/ui/reports/ReportPage';

export default async function SavedReportPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const report = decodeURIComponent(name);
  return <ReportPage name={report} actions={<AddToDashboardButton report={report} />} />;
}
