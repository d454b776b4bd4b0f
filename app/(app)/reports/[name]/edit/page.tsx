import { ReportBuilder } from '@/platform/ui/reports/builder/ReportBuilder';

export default async function EditReportPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <ReportBuilder name={decodeURIComponent(name)} />;
}
