import { methodNotAllowed, restRoute } from '@/platform/api/rest/handler';
import { listDashboardsHandler } from '@/platform/api/rest/dashboards';

export const GET = restRoute(listDashboardsHandler);

// Every other method: 405 in the error shape, with Allow.
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
