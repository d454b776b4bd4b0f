/**
 * Subscriptions by e-mail: the schedule in the workspace's time zone; the job runs each report or
 * dashboard as the subscriber (their figures, their language) and queues the e-mail in the outbox;
 * a subscriber who lost access gets nothing and the subscription says why; REST shapes and errors.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runDueSubscriptions } from '../../../platform/dashboards/digest';
import { saveDashboard } from '../../../platform/dashboards/save';
import { listSubscriptions, nextRunAt, saveSubscription } from '../../../platform/dashboards/subscriptions';
import { expectError } from '../api/api';
import { createSecOrg, type SecOrg } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
const later = () => new Date(Date.now() + 8 * 86_400_000);
const outbox = async () =>
  (await org.sql('SELECT recipient, subject, body FROM outbox WHERE workspace_id = $1 ORDER BY created_at, subject', [org.tw.workspace.id])).rows as {
    recipient: string;
    subject: string;
    body: string;
  }[];

beforeAll(async () => {
  org = await createSecOrg('dash_subs');
  await org.sql(`UPDATE users SET locale = 'zh-CN' WHERE id = $1`, [org.users.rep_a2.id]);
});

describe('the schedule', () => {
  it('is the next hour of the day (or of the weekday) in Asia/Shanghai', () => {
    // 2026-12-07 is a Monday; 01:00 UTC is 09:00 in Shanghai.
    const at = new Date('2026-12-07T01:00:00Z');
    expect(nextRunAt({ frequency: 'daily', hour: 8 }, at, 'Asia/Shanghai').toISOString()).toBe('2026-12-08T00:00:00.000Z');
    expect(nextRunAt({ frequency: 'daily', hour: 18 }, at, 'Asia/Shanghai').toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(nextRunAt({ frequency: 'weekly', hour: 8, weekday: 1 }, at, 'Asia/Shanghai').toISOString()).toBe('2026-12-14T00:00:00.000Z');
    expect(nextRunAt({ frequency: 'weekly', hour: 8, weekday: 5 }, at, 'Asia/Shanghai').toISOString()).toBe('2026-12-11T00:00:00.000Z');
  });
});

describe('the e-mails', () => {
  it('are rendered as each subscriber, in their language, through the outbox; one who lost access gets nothing and is told why', async () => {
    await saveSubscription(await org.ctx('rep_a1'), { targetKind: 'dashboard', target: 'sales_manager', frequency: 'daily', hour: 8 });
    await saveSubscription(await org.ctx('manager_a'), { targetKind: 'report', target: 'pipeline_by_stage', frequency: 'weekly', hour: 7, weekday: 1 });
    await saveSubscription(await org.ctx('rep_a2'), { targetKind: 'report', target: 'pipeline_by_stage', frequency: 'daily', hour: 9 });
    await saveDashboard(await org.ctx('admin'), {
      object: 'workspace',
      name: 'team_b',
      label: { en: 'Team B', zh: 'B 组' },
      visibility: 'shared',
      sharedWith: { roles: ['rep_b'] },
      components: [{ id: 'pipeline', report: 'pipeline_by_stage' }],
    });
    await saveSubscription(await org.ctx('rep_b1'), { targetKind: 'dashboard', target: 'team_b', frequency: 'daily', hour: 8 });
    // The admin shares it with another team instead: rep_b1 may no longer open it.
    await saveDashboard(await org.ctx('admin'), {
      object: 'workspace',
      name: 'team_b',
      label: { en: 'Team B', zh: 'B 组' },
      visibility: 'shared',
      sharedWith: { roles: ['manager_a'] },
      components: [{ id: 'pipeline', report: 'pipeline_by_stage' }],
    });

    expect(await runDueSubscriptions(org.pool, later(), { workspaceId: org.tw.workspace.id })).toEqual({ sent: 3, skipped: 1, failed: 0 });
    const mails = await outbox();
    expect(mails.map((m) => [m.recipient, m.subject])).toEqual(
      expect.arrayContaining([
        [org.users.rep_a1.email, 'Daily: Sales manager'],
        [org.users.manager_a.email, 'Weekly: Pipeline by stage'],
        [org.users.rep_a2.email, '每日：各阶段商机'],
      ]),
    );
    expect(mails).toHaveLength(3);
    // Each sees their own figures: rep_a1 one open deal of 20,000; manager_a three (theirs and two reps').
    const rep = mails.find((m) => m.recipient === org.users.rep_a1.email)!.body;
    expect(rep).toContain('Hello rep_a1,');
    expect(rep).toMatch(/■ Pipeline by stage\n {2}Opportunities: 1\n {2}Amount: 20,000/);
    expect(rep).toContain('/dashboards/sales_manager');
    const manager = mails.find((m) => m.recipient === org.users.manager_a.email)!.body;
    expect(manager).toMatch(/Opportunities: 3\n {2}Amount: 60,000/);
    expect(manager).toContain('/reports/pipeline_by_stage');
    const zh = mails.find((m) => m.recipient === org.users.rep_a2.email)!.body;
    expect(zh).toContain('rep_a2，您好：');
    expect(zh).toMatch(/商机数: 1\n {2}金额: 20,000/);
    expect(zh).toContain('在 Tessera 中查看');

    const [lost] = await listSubscriptions(await org.ctx('rep_b1'));
    expect(lost).toMatchObject({ target: 'team_b', lastStatus: 'skipped', lastError: 'Dashboard "team_b" not found' });
    expect(new Date(lost.nextRunAt).getTime()).toBeGreaterThan(later().getTime() - 60_000);
  });

  it('are not sent twice: a subscription runs again only at its next time', async () => {
    const before = (await outbox()).length;
    expect(await runDueSubscriptions(org.pool, later(), { workspaceId: org.tw.workspace.id })).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect((await outbox()).length).toBe(before);
  });
});

describe('REST', () => {
  it('subscribes, lists and unsubscribes the caller; someone else’s subscription is not found', async () => {
    const api = org.api('rep_b1');
    const created = await api.post('/api/v1/subscriptions', { targetKind: 'report', target: 'pipeline_by_stage', frequency: 'weekly', hour: 8, weekday: 5 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ targetKind: 'report', target: 'pipeline_by_stage', frequency: 'weekly', hour: 8, weekday: 5, lastStatus: null });
    const list = await api.get('/api/v1/subscriptions');
    expect(list.body.subscriptions.map((s: { target: string }) => s.target).sort()).toEqual(['pipeline_by_stage', 'team_b']);
    expectError(await org.api('rep_a1').del(`/api/v1/subscriptions/${created.body.id}`), 404, 'NOT_FOUND');
    expect((await api.del(`/api/v1/subscriptions/${created.body.id}`)).status).toBe(204);
    expect((await api.get('/api/v1/subscriptions')).body.subscriptions.map((s: { target: string }) => s.target)).toEqual(['team_b']);
  });

  it('refuses an hour out of range, a weekly one without a day, and a dashboard the caller may not open', async () => {
    const api = org.api('rep_a1');
    const hour = await api.post('/api/v1/subscriptions', { targetKind: 'report', target: 'pipeline_by_stage', frequency: 'daily', hour: 25 });
    expectError(hour, 422, 'VALIDATION_FAILED');
    expect(hour.body.error.details[0]).toMatchObject({ pointer: '/hour', code: 'subscription.hour' });
    const weekday = await api.post('/api/v1/subscriptions', { targetKind: 'report', target: 'pipeline_by_stage', frequency: 'weekly', hour: 8 }, { lang: 'zh-CN' });
    expect(weekday.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '请选择星期几' });
    expectError(await org.api('rep_b1').post('/api/v1/subscriptions', { targetKind: 'dashboard', target: 'team_b', frequency: 'daily', hour: 8 }), 404, 'NOT_FOUND');
    expectError(await api.post('/api/v1/subscriptions', '{"__proto__":{"x":1},"target":"a"}'), 400, 'BAD_REQUEST');
  });
});
