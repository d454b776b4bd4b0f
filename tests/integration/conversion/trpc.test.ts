/**
 * Conversion over tRPC, as the dialog calls it, by many reps at once: the same service and error
 * shape as REST, pointers in Chinese, and parallel conversions of different leads all succeeding.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');

const { GET, POST } = await import('../../../app/api/trpc/[trpc]/route');
const { getPrisma } = await import('../../../platform/db/prisma');
const { login, SESSION_COOKIE } = await import('../../../platform/security/sessions');
const { createTestWorkspace } = await import('../../support/workspace');

async function call(cookie: string, kind: 'query' | 'mutation', path: string, input: unknown, lang?: string) {
  const headers: Record<string, string> = { cookie, 'content-type': 'application/json', ...(lang ? { 'accept-language': lang } : {}) };
  const url = `http://localhost/api/trpc/${path}`;
  const res =
    kind === 'query'
      ? await GET(new Request(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers }))
      : await POST(new Request(url, { method: 'POST', headers, body: JSON.stringify(input) }));
  return { status: res.status, body: await res.json() };
}

const reps: { cookie: string; leads: string[] }[] = [];

beforeAll(async () => {
  const tw = await createTestWorkspace('cvtrpc');
  const prisma = getPrisma(tw.url);
  for (let i = 0; i < 10; i++) {
    const u = await tw.addUser(`Rep ${i}`, { password: `pw-rep-${i}-long`, permissionSets: ['sales_rep'] });
    const cookie = `${SESSION_COOKIE}=${((await login(prisma, u.email, `pw-rep-${i}-long`)) as { token: string }).token}`;
    const leads: string[] = [];
    for (let j = 0; j < 2; j++) {
      const res = await call(cookie, 'mutation', 'records.create', { object: 'lead', values: { name: `客户${i}-${j}`, company: `杭州云帆${i}${j}科技有限公司`, region: 'east' } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      leads.push(res.body.result.data.id);
    }
    reps.push({ cookie, leads });
  }
});

describe('conversion over tRPC', () => {
  it('previews and converts twenty leads of ten reps at once, every one succeeding', async () => {
    const preview = await call(reps[0].cookie, 'query', 'conversion.preview', { object: 'lead', id: reps[0].leads[0] });
    expect(preview.body.result.data).toMatchObject({ convertible: true, converted: false, company: '杭州云帆00科技有限公司', accounts: [] });
    const all = reps.flatMap((r) => r.leads.map((id) => call(r.cookie, 'mutation', 'conversion.convert', { object: 'lead', id, body: { opportunity: { amount: 1000 } } })));
    const results = await Promise.all(all);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    expect(new Set(results.map((r) => r.body.result.data.account)).size).toBe(20);
    const again = await call(reps[0].cookie, 'query', 'conversion.preview', { object: 'lead', id: reps[0].leads[0] });
    expect(again.body.result.data).toMatchObject({ convertible: false, converted: true });
  });

  it('answers a bad value with its pointer, in the caller language, and a stranger with 404', async () => {
    const lead = await call(reps[1].cookie, 'mutation', 'records.create', { object: 'lead', values: { name: '周宁', company: '宁波港通物流有限公司' } });
    const id = lead.body.result.data.id;
    const bad = await call(reps[1].cookie, 'mutation', 'conversion.convert', { object: 'lead', id, body: { opportunity: { close_date: '2026-13-01' } } }, 'zh-CN');
    expect(bad.status).toBe(422);
    expect(bad.body.error.data.appError.details).toContainEqual(expect.objectContaining({ pointer: '/opportunity/close_date' }));
    expect(bad.body.error.data.appError.message).toMatch(/[\u4e00-\u9fff]/);
    const stranger = await call(reps[2].cookie, 'mutation', 'conversion.convert', { object: 'lead', id, body: {} });
    expect(stranger.body.error.data.appError.code).toBe('NOT_FOUND');
    const proto = await call(reps[1].cookie, 'mutation', 'conversion.convert', { object: 'lead', id, body: JSON.parse('{"__proto__": {"admin": true}}') });
    expect(proto.status).toBe(400);
  });
});
