/** REST for record actions (`POST /api/v1/records/{object}/{id}/actions/{action}`) and following (`.../follow`), through the same services as the app. */
import { AppError } from '../../core/errors';
import { t } from '../../core/i18n';
import type { RecordContext } from '../../data/context';
import { runAction } from '../../actions/service';
import { follow, followState, unfollow } from '../../follows/service';
import { json, readOptionalJsonObject } from './handler';

export async function runActionHandler(req: Request, ctx: RecordContext, p: { object: string; id: string; action: string }) {
  const body = await readOptionalJsonObject(req, ctx.locale);
  const version = body?.expectedVersion;
  if (version !== undefined && !Number.isInteger(version)) {
    const message = t(ctx.locale, 'validation.type', { label: 'expectedVersion', expected: 'an integer' });
    throw new AppError('BAD_REQUEST', message, [{ pointer: '/expectedVersion', field: 'expectedVersion', code: 'validation.type', message }]);
  }
  return json(await runAction(ctx, p.object, p.id, p.action, version as number | undefined));
}

type RecordParams = { object: string; id: string };
const isId = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** `GET/POST/DELETE /api/v1/records/{object}/{id}/follow`: the caller's follow of a record they may read. */
export const followHandlers = {
  get: (_req: Request, ctx: RecordContext, p: RecordParams) => withId(ctx, p, async () => json(await followState(ctx, p.object, p.id))),
  post: (_req: Request, ctx: RecordContext, p: RecordParams) => withId(ctx, p, async () => json(await follow(ctx, p.object, p.id))),
  del: (_req: Request, ctx: RecordContext, p: RecordParams) => withId(ctx, p, async () => json(await unfollow(ctx, p.object, p.id))),
};

async function withId(ctx: RecordContext, p: RecordParams, go: () => Promise<Response>): Promise<Response> {
  // Not a record id: no such record (as reading it would say), never a database error.
  if (!isId(p.id)) {
    const message = t(ctx.locale, 'record.notFound', { object: p.object });
    throw new AppError('NOT_FOUND', message, [{ code: 'record.notFound', message }]);
  }
  return go();
}
