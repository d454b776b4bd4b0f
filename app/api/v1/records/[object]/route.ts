import { restRoute } from '@/platform/api/rest/handler';
import { createHandler, listHandler } from '@/platform/api/rest/records';

export const GET = restRoute(listHandler);
export const POST = restRoute(createHandler);
