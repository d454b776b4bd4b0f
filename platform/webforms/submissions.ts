/**
 * Submissions: stored as received, then processed through the record service as the workspace's
 * Website principal (so validation rules, assignment and history apply), and marked processed with
 * the record, or failed with each field's message. A failed one waits in the submissions list until
 * an admin corrects its values and retries, through this same path.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { AppError, type ErrorDetail } from '../core/errors';
import { t, type Locale } from '../core/i18n';
import { createRecord } from '../data/write';
import { buildRecordContext } from '../security/context';
import type { PublicForm } from './forms';
import { websitePrincipal } from './principal';
import { withDefaultOwner } from './steps';
import { checkValues } from './values';

export type SubmissionStatus = 'received' | 'processed' | 'failed' | 'spam';

export interface Received {
  body: Record<string, unknown>;
  ip?: string;
  userAgent?: string | null;
  origin?: string | null;
  locale: Locale;
  status: 'received' | 'spam';
}

/** A client address as stored: a hash with the workspace, enough to see one sender's flood, not the address. */
export const ipHash = (workspaceId: string, ip: string | undefined) => (ip ? createHash('sha256').update(`${workspaceId}:${ip}`).digest('hex').slice(0, 32) : null);

/** Store a submission as received (before anything else can fail); its id. */
export async function storeSubmission(pool: pg.Pool, pf: PublicForm, r: Received): Promise<string> {
  const res = await pool.query<{ id: string }>(
    `INSERT INTO form_submissions (workspace_id, form, object, body, ip_hash, user_agent, origin, locale, status, processed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $9 = 'spam' THEN now() END) RETURNING id`,
    [
      pf.workspace.id,
      pf.form.name,
      pf.form.object,
      JSON.stringify(r.body),
      ipHash(pf.workspace.id, r.ip),
      r.userAgent?.slice(0, 500) ?? null,
      r.origin?.slice(0, 300) ?? null,
      r.locale,
      r.status,
    ],
  );
  return res.rows[0].id;
}

async function markFailed(pool: pg.Pool, id: string, errors: ErrorDetail[], retriedBy?: string): Promise<void> {
  const kept = errors.map((e) => ({ field: e.field, code: e.code, message: e.message }));
  await pool.query(
    `UPDATE form_submissions SET status = 'failed', errors = $2, attempts = attempts + 1, processed_at = now(), retried_by = COALESCE($3, retried_by) WHERE id = $1`,
    [id, JSON.stringify(kept), retriedBy ?? null],
  );
}

/** The active user with this address in the workspace (a form's default owner), or null. */
async function activeUserId(pool: pg.Pool, workspaceId: string, email: string | undefined): Promise<string | null> {
  if (!email) return null;
  const res = await pool.query<{ id: string }>('SELECT id FROM users WHERE workspace_id = $1 AND lower(email) = lower($2) AND active', [workspaceId, email]);
  return res.rows[0]?.id ?? null;
}

export type Outcome = { ok: true; recordId: string } | { ok: false; error: AppError };

/**
 * Process a stored submission: check its values against the form, create the record as the
 * Website principal, and record the outcome on the submission. A failure is returned, not thrown.
 */
export async function processSubmission(pool: pg.Pool, pf: PublicForm, id: string, body: Record<string, unknown>, locale: Locale, retriedBy?: string): Promise<Outcome> {
  const obj = pf.meta.objects.get(pf.form.object)!;
  const { input, errors } = checkValues(pf.form, obj, body, locale);
  if (errors.length) {
    await markFailed(pool, id, errors, retriedBy);
    return { ok: false, error: new AppError('VALIDATION_FAILED', errors.length === 1 ? errors[0].message : t(locale, 'webForm.fix'), errors) };
  }
  try {
    const user = await websitePrincipal(pool, pf.workspace, pf.form.object);
    const ctx = await buildRecordContext({ pool, workspace: pf.workspace, user, locale, channel: 'web', metadataRevision: pf.metadataRevision });
    withDefaultOwner(ctx, await activeUserId(pool, pf.workspace.id, pf.form.defaultOwner));
    const record = await createRecord(ctx, pf.form.object, input);
    const recordId = String(record.id);
    await pool.query(
      `UPDATE form_submissions SET status = 'processed', errors = NULL, record_id = $2, attempts = attempts + 1, processed_at = now(), retried_by = COALESCE($3, retried_by) WHERE id = $1`,
      [id, recordId, retriedBy ?? null],
    );
    return { ok: true, recordId };
  } catch (e) {
    // Anything the record service refused (validation, a rule, a lookup) stays with the submission, worded for the visitor.
    const err = e instanceof AppError ? e : new AppError('UNAVAILABLE', t(locale, 'webForm.failedRetry'), [{ code: 'webForm.failed', message: t(locale, 'webForm.failedRetry') }]);
    if (!(e instanceof AppError)) console.error('web form submission failed', id, e);
    await markFailed(pool, id, err.details.length ? err.details : [{ code: err.code, message: err.message }], retriedBy);
    return { ok: false, error: err };
  }
}
