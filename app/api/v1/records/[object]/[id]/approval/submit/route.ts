import { restRoute } from '@/platform/api/rest/handler';
import { submitHandler } from '@/platform/api/rest/approvals';

export const POST = restRoute(submitHandler);
