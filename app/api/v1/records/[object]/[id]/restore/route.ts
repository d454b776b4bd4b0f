import { restRoute } from '@/platform/api/rest/handler';
import { restoreHandler } from '@/platform/api/rest/records';

export const POST = restRoute(restoreHandler);
