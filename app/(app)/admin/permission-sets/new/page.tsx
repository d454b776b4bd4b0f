import { PermissionSetEditor } from '@/platform/ui/admin/PermissionSetEditor';

export default function NewPermissionSetPage() {
  return <PermissionSetEditor />;
}
