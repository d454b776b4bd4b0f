import { restRoute } from '@/platform/api/rest/handler';
import { recordApprovalHandler } from '@/platform/api/rest/approvals';

export const GET = restRoute(recordApprovalHandler);
