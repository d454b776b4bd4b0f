/** REST `POST /api/v1/records/{object}/{id}/convert`: 201 with the ids of the account, contact and opportunity. */
import type { RecordContext } from '../../data/context';
import { objectOf } from '../../data/context';
import { convertRecord } from '../../process/conversion/service';
import { json, readJsonObject } from './handler';

export async function convertHandler(req: Request, ctx: RecordContext, p: { object: string; id: string }) {
  objectOf(ctx, p.object); // an unknown object is a 404 whatever the body
  return json(await convertRecord(ctx, p.object, p.id, await readJsonObject(req, ctx.locale)), 201);
}
