import { restRoute } from '@/platform/api/rest/handler';
import { objectsHandler } from '@/platform/api/rest/objects';

export const GET = restRoute(objectsHandler);
