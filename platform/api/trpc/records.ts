/** Generic record procedures for the app's own screens, parametrised by object name. */
import { z } from 'zod';
import { createRecord, deleteRecord, getRecord, listDeleted, listRecords, recordPermissions, restoreRecord, updateRecord } from '../../data';
import { objectOf, type RecordContext } from '../../data/context';
import { massAction, parseMassRequest } from '../../data/mass';
import { listTotals } from '../../data/totals';
import { readFieldHistory } from '../../security/history';
import { addShare, listShares, removeShare } from '../../security/shares';
import { protectedProcedure, router } from './init';

const objectName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
const recordId = z.string().max(64);
const sortInput = z
  .array(z.object({ field: z.string().max(63), dir: z.enum(['asc', 'desc']).optional() }))
  .max(5)
  .optional();

/** The list view a caller asked for (their own or a shared one) and the filter of view and caller together. */
function listScope(rc: RecordContext, input: { object: string; view?: string; filter?: unknown }) {
  const obj = objectOf(rc, input.object);
  const view = input.view ? rc.meta.views.get(obj.name)?.find((v) => v.name === input.view && (!v.owner || v.owner === rc.user.id)) : undefined;
  // A view's filter always applies; the user's own filter narrows it further.
  const filters = [view?.filter, input.filter].filter((f) => f !== undefined && f !== null);
  const filter = filters.length === 0 ? undefined : filters.length === 1 ? filters[0] : { all: filters };
  return { obj, view, filter };
}

export const recordsRouter = router({
  list: protectedProcedure
    .input(
      z.object({
        object: objectName,
        view: z.string().max(63).optional(),
        filter: z.unknown().optional(),
        sort: sortInput,
        limit: z.number().int().optional(),
        cursor: z.string().max(4000).nullish(),
        search: z.string().max(200).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { obj, view, filter } = listScope(ctx.rc, input);
      const sort = input.sort?.length ? input.sort : view?.sort;
      return listRecords(ctx.rc, obj.name, { filter, sort, limit: input.limit, cursor: input.cursor, search: input.search, withNames: true });
    }),

  /** The count (exact up to a cap) and amount sums under a list: same view, filter and search as `list`. */
  totals: protectedProcedure
    .input(z.object({ object: objectName, view: z.string().max(63).optional(), filter: z.unknown().optional(), search: z.string().max(200).optional() }))
    .query(async ({ ctx, input }) => {
      const { obj, view, filter } = listScope(ctx.rc, input);
      return listTotals(ctx.rc, obj.name, { filter, search: input.search, columns: view?.columns });
    }),

  /** Update, change the owner of, or delete many records: each through the record service, failures listed. */
  mass: protectedProcedure
    // The body is checked by parseMassRequest, the same as REST's (a schema would copy "__proto__" before it could be refused).
    .input(z.object({ object: objectName, action: z.unknown(), ids: z.unknown(), values: z.unknown().optional(), versions: z.unknown().optional() }))
    .mutation(({ ctx, input }) => {
      const obj = objectOf(ctx.rc, input.object);
      return massAction(ctx.rc, obj.name, parseMassRequest(ctx.rc, input));
    }),

  get: protectedProcedure.input(z.object({ object: objectName, id: recordId })).query(async ({ ctx, input }) => {
    const record = await getRecord(ctx.rc, input.object, input.id, { withNames: true });
    return { ...record, $can: await recordPermissions(ctx.rc, input.object, input.id) };
  }),

  create: protectedProcedure
    .input(z.object({ object: objectName, values: z.record(z.string(), z.unknown()) }))
    .mutation(({ ctx, input }) => createRecord(ctx.rc, input.object, input.values)),

  update: protectedProcedure
    .input(z.object({ object: objectName, id: recordId, values: z.record(z.string(), z.unknown()), expectedVersion: z.number().int().optional() }))
    .mutation(({ ctx, input }) => updateRecord(ctx.rc, input.object, input.id, input.values, { expectedVersion: input.expectedVersion })),

  delete: protectedProcedure.input(z.object({ object: objectName, id: recordId, expectedVersion: z.number().int().optional() })).mutation(async ({ ctx, input }) => {
    await deleteRecord(ctx.rc, input.object, input.id, { expectedVersion: input.expectedVersion });
    return { ok: true };
  }),

  restore: protectedProcedure.input(z.object({ object: objectName, id: recordId })).mutation(({ ctx, input }) => restoreRecord(ctx.rc, input.object, input.id)),

  recycleBin: protectedProcedure
    .input(z.object({ object: objectName, cursor: z.string().max(4000).nullish(), search: z.string().max(200).optional() }))
    .query(({ ctx, input }) => listDeleted(ctx.rc, input.object, { cursor: input.cursor, search: input.search, withNames: true })),

  /** Options for a lookup widget: records of the target whose name matches. */
  lookup: protectedProcedure
    .input(z.object({ object: objectName, search: z.string().max(200).optional(), limit: z.number().int().min(1).max(50).optional() }))
    .query(async ({ ctx, input }) => {
      const res = await listRecords(ctx.rc, input.object, { search: input.search, limit: input.limit ?? 20, sort: 'name' });
      return res.records.map((r) => ({ id: String(r.id), name: String(r.name ?? '') }));
    }),

  /** The record's field history, newest first: only fields the caller may read. */
  history: protectedProcedure
    .input(z.object({ object: objectName, id: z.string().uuid(), cursor: z.number().int().nullish() }))
    .query(({ ctx, input }) => readFieldHistory(ctx.rc, input.object, input.id, input.cursor)),

  shares: protectedProcedure.input(z.object({ object: objectName, id: z.string().uuid() })).query(({ ctx, input }) => listShares(ctx.rc, input.object, input.id)),
  share: protectedProcedure
    .input(
      z.object({
        object: objectName,
        id: z.string().uuid(),
        userId: z.string().uuid(),
        access: z.enum(['read', 'read_write']),
        reason: z.enum(['manual', 'team']),
        teamRole: z.string().max(100).nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await addShare(ctx.rc, input.object, input.id, input);
      return { ok: true };
    }),
  unshare: protectedProcedure.input(z.object({ object: objectName, id: z.string().uuid(), shareId: z.string().uuid() })).mutation(async ({ ctx, input }) => {
    await removeShare(ctx.rc, input.object, input.id, input.shareId);
    return { ok: true };
  }),

  /** Children of a record through one lookup (a related list). */
  related: protectedProcedure
    .input(z.object({ object: objectName, field: z.string().max(63), parentId: recordId, cursor: z.string().max(4000).nullish(), limit: z.number().int().optional() }))
    .query(({ ctx, input }) =>
      listRecords(ctx.rc, input.object, {
        filter: { field: input.field, op: 'eq', value: input.parentId },
        sort: '-created_at',
        limit: input.limit ?? 10,
        cursor: input.cursor,
        withNames: true,
      }),
    ),
});
