import { methodNotAllowed, restRoute } from '@/platform/api/rest/handler';
import { getDashboardHandler } from '@/platform/api/rest/dashboards';

export const GET = restRoute(getDashboardHandler);

// Every other method: 405 in the error shape, with Allow (dashboards are saved over /api/v1/metadata/dashboards).
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
