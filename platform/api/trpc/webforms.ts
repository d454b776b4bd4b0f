/**
 * Web forms for admins (system right "customise metadata", who design the forms): the workspace's
 * public addresses for the designer's snippet, the submissions list with counts per status, and
 * retry with corrected values (platform/webforms/admin.ts).
 */
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { getPool } from '../../db/pool';
import { listSubmissions, retrySubmission, submissionCounts } from '../../webforms/admin';
import { webFormsOf } from '../../webforms/forms';
import { rightProcedure, router } from './init';

const customize = rightProcedure('customizeMetadata');
const apiName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
const status = z.enum(['received', 'processed', 'failed', 'spam']);
/** Corrected values: field names to text (or lists of text for a multi-select), as a visitor sends them. */
const values = z.record(apiName, z.union([z.string().max(10000), z.array(z.string().max(1000)).max(100)]));

export const webformsRouter = router({
  /** The workspace name that public addresses use (/f/{workspace}/{form}). */
  workspace: customize.query(({ ctx }) => ({ name: ctx.rc.workspace.name })),
  /** Every web form of the workspace (the submissions list's form filter). */
  forms: customize.query(({ ctx }) =>
    webFormsOf(ctx.rc.security.fullMeta).map((f) => ({ name: f.name, object: f.object, label: f.label, active: f.active === true, fields: f.fields.map((e) => e.field) })),
  ),
  submissions: customize
    .input(z.object({ form: apiName.optional(), status: status.optional(), after: z.object({ receivedAt: z.string().datetime(), id: z.string().uuid() }).optional() }))
    .query(async ({ ctx, input }) => ({
      rows: await listSubmissions(getPool(), ctx.rc.workspace, { ...input, limit: 50 }),
      counts: await submissionCounts(getPool(), ctx.rc.workspace, input.form),
    })),
  retry: customize.input(z.object({ id: z.string().uuid(), values })).mutation(async ({ ctx, input }) => {
    const outcome = await retrySubmission(getPool(), ctx.rc.workspace, input.id, input.values, ctx.rc.user.id, ctx.rc.locale);
    if (!outcome.ok) throw outcome.error satisfies AppError;
    return { recordId: outcome.recordId };
  }),
});
