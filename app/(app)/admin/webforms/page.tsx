import { Suspense } from 'react';
import { SubmissionsPage } from '@/platform/ui/webforms/SubmissionsPage';

export default function AdminWebFormsPage() {
  return (
    <Suspense>
      <SubmissionsPage />
    </Suspense>
  );
}
