import { methodNotAllowed, restRoute } from '@/platform/api/rest/handler';
import { getSettingsHandler, putSettingsHandler } from '@/platform/api/rest/settings';

export const GET = restRoute(getSettingsHandler);
export const PUT = restRoute(putSettingsHandler);

// Every other method: 405 in the error shape, with Allow.
const notAllowed = methodNotAllowed(['GET', 'PUT']);
export const POST = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
