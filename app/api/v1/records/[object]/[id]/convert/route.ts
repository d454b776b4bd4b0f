import { methodNotAllowed, restRoute } from '@/platform/api/rest/handler';
import { convertHandler } from '@/platform/api/rest/conversion';

export const POST = restRoute(convertHandler);

// Every other method: 405 in the error shape, with Allow.
const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
export const HEAD = notAllowed;
