import { ReportBuilder } from '@/platform/ui/reports/builder/ReportBuilder';

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** `/reports/new?object=opportunity`, or `?from=<report>` to clone one. */
export default async function NewReportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = await searchParams;
  return <ReportBuilder object={first(query.object)} from={first(query.from)} />;
}
