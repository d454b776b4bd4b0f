import { restRoute } from '@/platform/api/rest/handler';
import { bulkApproveHandler } from '@/platform/api/rest/approvals';

export const POST = restRoute(bulkApproveHandler);
