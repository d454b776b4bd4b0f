/**
 * The submissions list and retry: a failed submission keeps what was sent and each field's error;
 * an admin corrects the values and retries through the same path (the record is created and linked);
 * two admins retrying at once create one record; the list filters by form and status and pages.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { AppError } from '../../../platform/core/errors';
import { getPool } from '../../../platform/db/pool';
import { listSubmissions, retrySubmission, submissionCounts } from '../../../platform/webforms/admin';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';
import { submit } from './webforms';

process.env.DATABASE_URL = inject('databaseUrl');

let tw: TestWorkspace;
const pool = () => getPool(inject('databaseUrl'));

beforeAll(async () => {
  tw = await createTestWorkspace('wfr');
});

describe('submissions list and retry', () => {
  it('keeps a failed submission with its errors, and a corrected retry creates and links the record once', async () => {
    const res = await submit(tw.workspace.name, 'contact_us', { name: '李雷', email: 'li@bad', region: 'south' }, { lang: 'zh-CN' });
    expect(res.status).toBe(422);
    const [failed] = await listSubmissions(pool(), tw.workspace, { form: 'contact_us', status: 'failed' });
    expect(failed.body).toMatchObject({ name: '李雷', email: 'li@bad' });
    expect(failed.errors!.map((e) => [e.field, e.message])).toEqual([['company', '请填写公司名称']]);

    const fixed = { name: '李雷', company: '深圳市星河科技有限公司', email: 'li@example.com', region: 'south' };
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => retrySubmission(pool(), tw.workspace, failed.id, fixed, tw.admin.id, 'en')));
    const done = outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<{ ok: boolean; recordId?: string }>).value);
    expect(done).toHaveLength(1);
    expect(done[0].ok).toBe(true);
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => ((o as PromiseRejectedResult).reason as AppError).code);
    expect(refused).toEqual(['CONFLICT', 'CONFLICT']);

    const [processed] = await listSubmissions(pool(), tw.workspace, { form: 'contact_us', status: 'processed' });
    expect(processed).toMatchObject({ id: failed.id, recordId: done[0].recordId, attempts: 2, errors: null });
    const lead = (await pool().query(`SELECT company, source FROM "${tw.workspace.schema}"."lead" WHERE id = $1`, [done[0].recordId])).rows[0];
    expect(lead).toEqual({ company: '深圳市星河科技有限公司', source: 'web' });
    expect(await submissionCounts(pool(), tw.workspace, 'contact_us')).toEqual({ received: 0, processed: 1, failed: 0, spam: 0 });
  });

  it('a retry that still fails stays failed with the new errors', async () => {
    await submit(tw.workspace.name, 'contact_us', { name: 'Bob' }, { lang: 'en' });
    const [failed] = await listSubmissions(pool(), tw.workspace, { status: 'failed' });
    const outcome = await retrySubmission(pool(), tw.workspace, failed.id, { name: 'Bob', company: 'Acme', email: 'still bad' }, tw.admin.id, 'en');
    expect(outcome.ok).toBe(false);
    const [again] = await listSubmissions(pool(), tw.workspace, { status: 'failed' });
    expect([again.id, again.attempts, again.errors!.map((e) => e.field)]).toEqual([failed.id, 2, ['email']]);
  });

  it('pages newest first by (received at, id)', async () => {
    for (let i = 0; i < 5; i++) await submit(tw.workspace.name, 'contact_us', { name: `P${i}`, company: 'Acme' });
    const first = await listSubmissions(pool(), tw.workspace, { status: 'processed', limit: 3 });
    const last = first[first.length - 1];
    const second = await listSubmissions(pool(), tw.workspace, { status: 'processed', limit: 3, after: { receivedAt: last.receivedAt, id: last.id } });
    const names = [...first, ...second].map((r) => r.body.name);
    expect(names.slice(0, 5)).toEqual(['P4', 'P3', 'P2', 'P1', 'P0']);
    expect(new Set([...first, ...second].map((r) => r.id)).size).toBe(first.length + second.length);
  });
});
