import { methodNotAllowed, restRoute } from '@/platform/api/rest/handler';
import { followHandlers } from '@/platform/api/rest/actions';

export const GET = restRoute(followHandlers.get);
export const POST = restRoute(followHandlers.post);
export const DELETE = restRoute(followHandlers.del);

// Every other method: 405 in the error shape, with Allow.
const notAllowed = methodNotAllowed(['GET', 'POST', 'DELETE']);
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const HEAD = notAllowed;
