import { ReportPage } from '@/platform/ui/reports/ReportPage';

export default async function SavedReportPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <ReportPage name={decodeURIComponent(name)} />;
}
