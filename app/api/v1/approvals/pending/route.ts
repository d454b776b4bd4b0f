import { restRoute } from '@/platform/api/rest/handler';
import { pendingHandler } from '@/platform/api/rest/approvals';

export const GET = restRoute(pendingHandler);
