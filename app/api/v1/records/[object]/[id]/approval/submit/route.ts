import { methodNotAllowed, restRoute } from '@/platform/api/rest/handler';
import { submitHandler } from '@/platform/api/rest/approvals';

export const POST = restRoute(submitHandler);

// Every other method: 405 in the error shape, with Allow.
const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
export const HEAD = notAllowed;
