import { restRoute } from '@/platform/api/rest/handler';
import { metadataHandler } from '@/platform/api/rest/metadata';

const handler = restRoute(metadataHandler);
export const GET = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
