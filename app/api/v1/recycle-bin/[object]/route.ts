import { restRoute } from '@/platform/api/rest/handler';
import { recycleBinHandler } from '@/platform/api/rest/records';

export const GET = restRoute(recycleBinHandler);
