import { PermissionSetEditor } from '@/platform/ui/admin/PermissionSetEditor';

export default async function EditPermissionSetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PermissionSetEditor id={id} />;
}
