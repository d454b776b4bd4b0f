import { json, methodNotAllowed, restRoute } from '@/platform/api/rest/handler';
import { buildOpenApi } from '@/platform/api/rest/openapi';

/** The workspace's OpenAPI document (it describes the caller's own objects, so it needs a key). */
export const GET = restRoute(async (req, ctx) => {
  // Only the objects the caller may read, with only the fields they may see.
  const readable = new Map([...ctx.meta.objects].filter(([name]) => ctx.security.perms.object(name).read));
  return json(buildOpenApi({ ...ctx.meta, objects: readable }, new URL(req.url).origin));
});

// Every other method: 405 in the error shape, with Allow.
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
