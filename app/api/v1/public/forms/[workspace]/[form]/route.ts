/** Public web-form submissions (no session, no API key): platform/webforms/endpoint.ts. */
import { methodNotAllowed } from '@/platform/api/rest/handler';
import { postSubmission, preflight, type FormParams } from '@/platform/webforms/endpoint';

export const dynamic = 'force-dynamic';

export async function POST(req: Request, route: { params: Promise<FormParams> }): Promise<Response> {
  return postSubmission(req, await route.params);
}

export async function OPTIONS(req: Request, route: { params: Promise<FormParams> }): Promise<Response> {
  return preflight(req, await route.params);
}

export const GET = methodNotAllowed(['POST']);
