import { methodNotAllowed, restRoute } from '@/platform/api/rest/handler';
import { deleteSubscriptionHandler } from '@/platform/api/rest/dashboards';

export const DELETE = restRoute(deleteSubscriptionHandler);

// Every other method: 405 in the error shape, with Allow.
const notAllowed = methodNotAllowed(['DELETE']);
export const GET = notAllowed;
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
