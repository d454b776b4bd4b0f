import { restRoute } from '@/platform/api/rest/handler';
import { stageHistoryHandler } from '@/platform/api/rest/process';

export const GET = restRoute(stageHistoryHandler);
