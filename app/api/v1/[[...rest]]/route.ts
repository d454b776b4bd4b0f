import { noRoute } from '@/platform/api/rest/handler';

// Any /api/v1 address no other route serves: a 404 in the error shape, whatever the method.
// Next.js tries static and dynamic segments before a catch-all, so this shadows no route;
// optional, so that /api/v1 itself answers the same way.
export const GET = noRoute;
export const HEAD = noRoute;
export const POST = noRoute;
export const PUT = noRoute;
export const PATCH = noRoute;
export const DELETE = noRoute;
export const OPTIONS = noRoute;
