/** REST describe: the objects of the caller's workspace and their fields. */
import type { RecordContext } from '../../data/context';
import { requireObject } from '../../data/context';
import { describeObject, listObjects } from '../describe';
import { json } from './handler';

/** The objects the caller may read. */
export async function objectsHandler(_req: Request, ctx: RecordContext) {
  return json({ objects: listObjects(ctx.meta).filter((o) => ctx.security.perms.object(o.name).read) });
}

export async function objectHandler(_req: Request, ctx: RecordContext, p: { object: string }) {
  return json({ object: describeObject(requireObject(ctx, p.object, 'read')) });
}
