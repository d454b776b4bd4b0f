/**
 * The submissions list of the admin screens: filtered by form and status, newest first, paged by
 * (received_at, id) on the table's index; and retry, which claims a failed submission atomically
 * (two admins retrying at once create one record) and processes it again through the same path,
 * with the values the admin corrected.
 */
import type pg from 'pg';
import { AppError } from '../core/errors';
import { t, type Locale } from '../core/i18n';
import type { WorkspaceRef } from '../data/context';
import { findPublicForm } from './forms';
import { processSubmission, type SubmissionStatus } from './submissions';

export interface SubmissionRow {
  id: string;
  form: string;
  object: string;
  status: SubmissionStatus;
  body: Record<string, unknown>;
  values: Record<string, unknown> | null;
  errors: { field?: string; code: string; message: string }[] | null;
  recordId: string | null;
  attempts: number;
  receivedAt: string;
  processedAt: string | null;
}

export interface SubmissionQuery {
  form?: string;
  status?: SubmissionStatus;
  /** The last row of the previous page. */
  after?: { receivedAt: string; id: string };
  limit?: number;
}

/** One page of a workspace's submissions, newest first. */
export async function listSubmissions(pool: pg.Pool, workspace: WorkspaceRef, q: SubmissionQuery): Promise<SubmissionRow[]> {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const res = await pool.query<SubmissionRow>(
    `SELECT id, form, object, status, body, "values", errors, record_id AS "recordId", attempts,
            to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "receivedAt",
            to_char(processed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "processedAt"
       FROM form_submissions
      WHERE workspace_id = $1 AND ($2::text IS NULL OR form = $2) AND ($3::text IS NULL OR status = $3)
        AND ($4::timestamptz IS NULL OR (received_at, id) < ($4::timestamptz, $5::uuid))
      ORDER BY received_at DESC, id DESC LIMIT $6`,
    [workspace.id, q.form ?? null, q.status ?? null, q.after?.receivedAt ?? null, q.after?.id ?? null, limit],
  );
  return res.rows;
}

/** How many submissions of a form (or all) are in each status. */
export async function submissionCounts(pool: pg.Pool, workspace: WorkspaceRef, form?: string): Promise<Record<SubmissionStatus, number>> {
  const res = await pool.query<{ status: SubmissionStatus; n: string }>(
    'SELECT status, count(*) AS n FROM form_submissions WHERE workspace_id = $1 AND ($2::text IS NULL OR form = $2) GROUP BY status',
    [workspace.id, form ?? null],
  );
  const out: Record<SubmissionStatus, number> = { received: 0, processed: 0, failed: 0, spam: 0 };
  for (const r of res.rows) out[r.status] = Number(r.n);
  return out;
}

/** Retry a failed submission with corrected values (declared fields only); the outcome, with the record's id on success. */
export async function retrySubmission(pool: pg.Pool, workspace: WorkspaceRef, id: string, values: Record<string, unknown>, adminId: string, locale: Locale) {
  const claimed = await pool.query<{ form: string }>(
    `UPDATE form_submissions SET status = 'received', "values" = $3, retried_by = $4 WHERE id = $1 AND workspace_id = $2 AND status = 'failed' RETURNING form`,
    [id, workspace.id, JSON.stringify(values), adminId],
  );
  const row = claimed.rows[0];
  if (!row) {
    const message = t(locale, 'webForm.retryGone');
    throw new AppError('CONFLICT', message, [{ code: 'webForm.retryGone', message }]);
  }
  const pf = await findPublicForm(pool, workspace.name, row.form, true);
  if (!pf) {
    await pool.query(`UPDATE form_submissions SET status = 'failed' WHERE id = $1`, [id]);
    const message = t(locale, 'webForm.notFound');
    throw new AppError('NOT_FOUND', message, [{ code: 'webForm.notFound', message }]);
  }
  return processSubmission(pool, pf, id, values, locale, adminId);
}
