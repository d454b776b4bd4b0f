import { methodNotAllowed, restRoute } from '@/platform/api/rest/handler';
import { queryHandler } from '@/platform/api/rest/records';

// The list with its parameters in a JSON body, for filters too long for a URL.
export const POST = restRoute(queryHandler);

// Every other method: 405 in the error shape, with Allow.
const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const HEAD = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
