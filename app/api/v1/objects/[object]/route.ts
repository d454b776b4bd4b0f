import { restRoute } from '@/platform/api/rest/handler';
import { objectHandler } from '@/platform/api/rest/objects';

export const GET = restRoute(objectHandler);
