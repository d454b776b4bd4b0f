import { methodNotAllowed, restRoute } from '@/platform/api/rest/handler';
import { deleteHandler, getHandler, patchHandler } from '@/platform/api/rest/records';

export const GET = restRoute(getHandler);
export const PATCH = restRoute(patchHandler);
export const DELETE = restRoute(deleteHandler);

// Every other method: 405 in the error shape, with Allow.
const notAllowed = methodNotAllowed(['GET', 'PATCH', 'DELETE']);
export const POST = notAllowed;
export const PUT = notAllowed;
