/** REST for sales processes: a record's stage history and a process's kanban. Moves are PATCHes of the stage field. */
import type { RecordContext } from '../../data/context';
import { kanban, stageHistory } from '../../process/service';
import { json } from './handler';
import { parseJsonOrThrow } from '../../core/json';

export async function stageHistoryHandler(_req: Request, ctx: RecordContext, p: { object: string; id: string }) {
  return json({ history: await stageHistory(ctx, p.object, p.id) });
}

export async function kanbanHandler(req: Request, ctx: RecordContext, p: { object: string }) {
  const q = new URL(req.url).searchParams;
  const raw = q.get('filter');
  const filter = raw ? parseJsonOrThrow(raw, ctx.locale, { code: 'INVALID_FILTER', at: '/filter', syntaxKey: 'filter.malformed' }) : undefined;
  const perColumn = q.has('perColumn') && /^\d{1,3}$/.test(q.get('perColumn')!) ? Math.min(100, Math.max(1, Number(q.get('perColumn')))) : undefined;
  return json(await kanban(ctx, p.object, { process: q.get('process') ?? undefined, filter, search: q.get('q') ?? undefined, perColumn }));
}
