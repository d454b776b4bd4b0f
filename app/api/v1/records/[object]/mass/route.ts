import { methodNotAllowed, restRoute } from '@/platform/api/rest/handler';
import { massHandler } from '@/platform/api/rest/records';

// Mass update, change owner, delete: every row through the record service, failures listed.
export const POST = restRoute(massHandler);

// Every other method: 405 in the error shape, with Allow.
const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const HEAD = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
