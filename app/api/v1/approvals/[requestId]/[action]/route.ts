import { restRoute } from '@/platform/api/rest/handler';
import { actionHandler } from '@/platform/api/rest/approvals';

export const POST = restRoute(actionHandler);
