import { methodNotAllowed, restRoute } from '@/platform/api/rest/handler';
import { totalsHandler } from '@/platform/api/rest/records';

// The count and amount sums under a list: same filter, search and access as GET /records/{object}.
export const GET = restRoute(totalsHandler);

// Every other method: 405 in the error shape, with Allow.
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
