/** Approvals for the app's screens: submit, approve, reject, recall, bulk approve, the record panel, the inbox, delegation, notifications. */
import { z } from 'zod';
import { bulkApprove, decide, pendingRequestId, recall, submitForApproval } from '../../approvals/engine';
import { approvalInbox, getDelegation, recordApproval, setDelegation } from '../../approvals/read';
import { listNotifications, markNotificationsRead } from '../../messaging/notifications';
import { inboxDetails } from '../inboxDetails';
import { protectedProcedure, router } from './init';

const objectName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
const id = z.string().max(64);
const comment = z.string().max(4000).nullish();

export const approvalsRouter = router({
  forRecord: protectedProcedure.input(z.object({ object: objectName, id })).query(({ ctx, input }) => recordApproval(ctx.rc, input.object, input.id)),

  submit: protectedProcedure.input(z.object({ object: objectName, id, comment })).mutation(({ ctx, input }) => submitForApproval(ctx.rc, input.object, input.id, input.comment)),

  approve: protectedProcedure.input(z.object({ requestId: id, comment })).mutation(({ ctx, input }) => decide(ctx.rc, input.requestId, 'approve', input.comment)),

  reject: protectedProcedure.input(z.object({ requestId: id, comment })).mutation(({ ctx, input }) => decide(ctx.rc, input.requestId, 'reject', input.comment)),

  recall: protectedProcedure.input(z.object({ requestId: id.optional(), object: objectName.optional(), id: id.optional(), comment })).mutation(async ({ ctx, input }) => {
    const requestId = input.requestId ?? (input.object && input.id ? await pendingRequestId(ctx.rc, input.object, input.id) : null);
    return recall(ctx.rc, requestId ?? '', input.comment);
  }),

  bulkApprove: protectedProcedure
    .input(z.object({ requestIds: z.array(id).min(1).max(200), comment }))
    .mutation(({ ctx, input }) => bulkApprove(ctx.rc, input.requestIds, input.comment)),

  inbox: protectedProcedure
    .input(z.object({ cursor: z.string().max(500).nullish(), limit: z.number().int().min(1).max(200).optional() }).optional())
    .query(async ({ ctx, input }) => {
      const page = await approvalInbox(ctx.rc, input ?? {});
      return { ...page, details: await inboxDetails(ctx.rc, page.items) };
    }),

  delegation: protectedProcedure.query(({ ctx }) => getDelegation(ctx.rc)),

  setDelegation: protectedProcedure
    .input(z.object({ delegateId: id.nullable(), until: z.string().datetime({ offset: true }).nullish() }))
    .mutation(({ ctx, input }) => setDelegation(ctx.rc, input.delegateId, input.until ?? null)),

  notifications: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).optional() }).optional())
    .query(({ ctx, input }) => listNotifications(ctx.rc.pool, ctx.rc.user.id, input?.limit)),

  markRead: protectedProcedure.input(z.object({ ids: z.array(id).max(200).optional() })).mutation(async ({ ctx, input }) => {
    await markNotificationsRead(ctx.rc.pool, ctx.rc.user.id, input.ids);
    return { ok: true };
  }),
});
