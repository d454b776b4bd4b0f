import { methodNotAllowed, restRoute } from '@/platform/api/rest/handler';
import { runDefinitionHandler } from '@/platform/api/rest/reports';

export const POST = restRoute(runDefinitionHandler);

// Every other method: 405 in the error shape, with Allow.
const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const HEAD = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
