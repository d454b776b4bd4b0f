/**
 * REST for queues: the caller's queues, what waits in one, and take / assign-to. Answers
 * `{"taken": [...], "failed": [{"id", "code", "message"}]}`: a record someone else took first
 * fails with code CONFLICT ("already taken"), one not waiting with NOT_FOUND.
 */
import { assignFromQueue, myQueues, takeFromQueue } from '../../automation/assignment/queues';
import { listWaiting } from '../../automation/assignment/waiting';
import type { RecordContext } from '../../data/context';
import { json, readJsonObject } from './handler';

export async function queuesHandler(_req: Request, ctx: RecordContext) {
  return json({ items: myQueues(ctx).map((q) => ({ name: q.name, object: q.object, label: q.label })) });
}

export async function waitingHandler(req: Request, ctx: RecordContext, p: { queue: string }) {
  return json(await listWaiting(ctx, p.queue, new URL(req.url).searchParams.get('cursor')));
}

export async function takeHandler(req: Request, ctx: RecordContext, p: { queue: string }) {
  const body = await readJsonObject(req, ctx.locale);
  return json(await takeFromQueue(ctx, p.queue, body.ids));
}

export async function assignHandler(req: Request, ctx: RecordContext, p: { queue: string }) {
  const body = await readJsonObject(req, ctx.locale);
  return json(await assignFromQueue(ctx, p.queue, body.ids, body.user));
}
