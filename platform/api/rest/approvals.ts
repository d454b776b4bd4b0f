/**
 * REST for approvals: submit a record, see its approvals, approve / reject / recall a request,
 * bulk approve, list the caller's pending approvals. The same engine and errors as the app.
 */
import { AppError } from '../../core/errors';
import { t } from '../../core/i18n';
import type { RecordContext } from '../../data/context';
import { bulkApprove, decide, recall, submitForApproval } from '../../approvals/engine';
import { approvalInbox, recordApproval } from '../../approvals/read';
import { json, readJsonObject, readOptionalJsonObject } from './handler';

async function commentOf(req: Request, ctx: RecordContext): Promise<string | null> {
  const body = await readOptionalJsonObject(req, ctx.locale);
  if (!body || body.comment === undefined || body.comment === null) return null;
  if (typeof body.comment !== 'string') {
    const message = t(ctx.locale, 'approval.commentType');
    throw new AppError('BAD_REQUEST', message, [{ pointer: '/comment', field: 'comment', code: 'approval.commentType', message }]);
  }
  return body.comment;
}

export async function recordApprovalHandler(_req: Request, ctx: RecordContext, p: { object: string; id: string }) {
  return json(await recordApproval(ctx, p.object, p.id));
}

export async function submitHandler(req: Request, ctx: RecordContext, p: { object: string; id: string }) {
  const res = await submitForApproval(ctx, p.object, p.id, await commentOf(req, ctx));
  return json({ ...res, approval: await recordApproval(ctx, p.object, p.id) }, 201);
}

export async function actionHandler(req: Request, ctx: RecordContext, p: { requestId: string; action: string }) {
  const comment = await commentOf(req, ctx);
  if (p.action === 'approve' || p.action === 'reject') return json(await decide(ctx, p.requestId, p.action, comment));
  if (p.action === 'recall') return json(await recall(ctx, p.requestId, comment));
  const message = t(ctx.locale, 'approval.unknownAction', { action: p.action });
  throw new AppError('NOT_FOUND', message, [{ code: 'approval.unknownAction', message }]);
}

export async function pendingHandler(req: Request, ctx: RecordContext) {
  const q = new URL(req.url).searchParams;
  const limit = q.has('limit') && /^\d{1,3}$/.test(q.get('limit')!) ? Number(q.get('limit')) : undefined;
  return json(await approvalInbox(ctx, { cursor: q.get('cursor'), limit }));
}

export async function bulkApproveHandler(req: Request, ctx: RecordContext) {
  const body = await readJsonObject(req, ctx.locale);
  const ids = body.requestIds;
  if (!Array.isArray(ids) || !ids.length || ids.length > 200 || ids.some((x) => typeof x !== 'string')) {
    const message = t(ctx.locale, 'approval.requestIds');
    throw new AppError('BAD_REQUEST', message, [{ pointer: '/requestIds', field: 'requestIds', code: 'approval.requestIds', message }]);
  }
  return json(await bulkApprove(ctx, ids as string[], typeof body.comment === 'string' ? body.comment : null));
}
