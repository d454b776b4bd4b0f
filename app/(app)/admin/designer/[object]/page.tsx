import { ObjectDesigner } from '@/platform/ui/designer/ObjectDesigner';

export default async function AdminDesignerObjectPage({ params }: { params: Promise<{ object: string }> }) {
  const { object } = await params;
  return <ObjectDesigner key={object} object={object} />;
}
