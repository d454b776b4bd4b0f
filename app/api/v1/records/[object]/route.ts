import { methodNotAllowed, restRoute } from '@/platform/api/rest/handler';
import { createHandler, listHandler } from '@/platform/api/rest/records';

export const GET = restRoute(listHandler);
export const POST = restRoute(createHandler);

// Every other method: 405 in the error shape, with Allow.
const notAllowed = methodNotAllowed(['GET', 'POST']);
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
