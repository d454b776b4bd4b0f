import { methodNotAllowed, restRoute } from '@/platform/api/rest/handler';
import { listSubscriptionsHandler, saveSubscriptionHandler } from '@/platform/api/rest/dashboards';

export const GET = restRoute(listSubscriptionsHandler);
export const POST = restRoute(saveSubscriptionHandler);

// Every other method: 405 in the error shape, with Allow.
const notAllowed = methodNotAllowed(['GET', 'POST']);
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
