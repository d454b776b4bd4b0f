/** REST for navigation: global search and the caller's recently viewed records. */
import { recentRecords } from '../../navigation/recent';
import { globalSearch } from '../../search/global';
import type { RecordContext } from '../../data/context';

import { effectiveApp } from '../../navigation/apps';
import { json } from './handler';

/** GET /api/v1/search?q=...: matches grouped by object, the caller's app's menu order first. */
export async function searchHandler(req: Request, ctx: RecordContext): Promise<Response> {
  const q = new URL(req.url).searchParams.get('q');
  const app = await effectiveApp(ctx);
  return json({ groups: await globalSearch(ctx, q ?? '', app.objects) });
}

/** GET /api/v1/recent: the caller's recently viewed records they can still read. */
export async function recentHandler(_req: Request, ctx: RecordContext): Promise<Response> {
  return json({ records: await recentRecords(ctx) });
}
