import { methodNotAllowed, restRoute } from '@/platform/api/rest/handler';
import { stageHistoryHandler } from '@/platform/api/rest/process';

export const GET = restRoute(stageHistoryHandler);

// Every other method: 405 in the error shape, with Allow.
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
