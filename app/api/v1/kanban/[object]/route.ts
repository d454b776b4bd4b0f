import { restRoute } from '@/platform/api/rest/handler';
import { kanbanHandler } from '@/platform/api/rest/process';

export const GET = restRoute(kanbanHandler);
