import { restRoute } from '@/platform/api/rest/handler';
import { deleteHandler, getHandler, patchHandler } from '@/platform/api/rest/records';

export const GET = restRoute(getHandler);
export const PATCH = restRoute(patchHandler);
export const DELETE = restRoute(deleteHandler);
