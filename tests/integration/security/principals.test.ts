/** The principals picker's endpoint: any signed-in user gets names and labels (in their language) of roles, departments, groups and users, nothing else. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getPrisma } from '../../../platform/db/prisma';
import { login, SESSION_COOKIE } from '../../../platform/security/sessions';
import { createSecOrg, type SecOrg } from './org';

process.env.DATABASE_URL = inject('databaseUrl');

const { GET } = await import('../../../app/api/trpc/[trpc]/route');

let org: SecOrg;
beforeAll(async () => {
  org = await createSecOrg('princ');
  await org.secure(`UPDATE departments SET label = 'Sales East', label_zh = '华东销售部' WHERE id = $1`, [org.departments.dept_a]);
  const group = await org.sql(`INSERT INTO groups (workspace_id, name, label) VALUES ($1, 'key_accounts', 'Key accounts') RETURNING id`, [org.tw.workspace.id]);
  await org.secure(`INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)`, [group.rows[0].id, org.users.rep_b1.id]);
  await org.sql(`UPDATE users SET locale = 'zh-CN' WHERE id = $1`, [org.users.rep_a2.id]);
});

async function trpc(who: 'rep_a1' | 'rep_a2', input: unknown) {
  const res = await login(getPrisma(org.tw.url), org.users[who].email, 'correct horse battery');
  const cookie = `${SESSION_COOKIE}=${(res as { token: string }).token}`;
  const r = await GET(new Request(`http://localhost/api/trpc/principals.search?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } }));
  const body = await r.json();
  return { status: r.status, data: body.result?.data, error: body.error };
}

describe('principals.search', () => {
  it('gives a rep the departments with their labels and nothing else', async () => {
    const r = await trpc('rep_a1', { kind: 'department' });
    expect(r.status).toBe(200);
    expect(r.data).toContainEqual({ value: 'dept_a', label: 'Sales East' });
    expect(r.data.map((d: { value: string }) => d.value).sort()).toEqual(['dept_a', 'dept_b', 'hq', 'outside', 'sales']);
    // Names and labels only: no ids, parents, heads or member counts.
    for (const d of r.data) expect(Object.keys(d).sort()).toEqual(['label', 'value']);
  });

  it('words labels in the caller language and searches them', async () => {
    const r = await trpc('rep_a2', { kind: 'department', q: '华东' });
    expect(r.data).toEqual([{ value: 'dept_a', label: '华东销售部' }]);
  });

  it('lists groups without their members, and labels for chosen values', async () => {
    const groups = await trpc('rep_a1', { kind: 'group' });
    expect(groups.data).toEqual([{ value: 'key_accounts', label: 'Key accounts' }]);
    const chosen = await trpc('rep_a1', { kind: 'role', values: ['manager_b', 'nope'] });
    expect(chosen.data).toEqual([{ value: 'manager_b', label: 'manager_b' }]);
  });

  it('gives users as id and name, never their e-mail', async () => {
    const r = await trpc('rep_a1', { kind: 'user', q: 'rep_b1' });
    expect(r.data).toEqual([{ value: org.users.rep_b1.id, label: expect.any(String) }]);
    expect(JSON.stringify(r.data)).not.toContain('@');
  });

  it('refuses a wrong kind, a huge query and bad values with typed errors naming the input', async () => {
    const kind = await trpc('rep_a1', { kind: 'permission_set' });
    expect(kind.status).toBe(400);
    expect(kind.error.data.appError).toMatchObject({ code: 'BAD_REQUEST', details: [expect.objectContaining({ pointer: '/kind' })] });
    const q = await trpc('rep_a1', { kind: 'role', q: 'x'.repeat(101) });
    expect(q.error.data.appError.details[0].pointer).toBe('/q');
    const values = await trpc('rep_a1', { kind: 'role', values: ['ok', { __proto__: 1 }] });
    expect(values.error.data.appError.details[0].pointer).toBe('/values/1');
  });

  it('answers over REST with the same shape and errors', async () => {
    const api = org.api('rep_b1');
    const ok = await api.get('/api/v1/principals?kind=role&value=rep_a&value=rep_b');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual([
      { value: 'rep_a', label: 'rep_a' },
      { value: 'rep_b', label: 'rep_b' },
    ]);
    const bad = await api.get('/api/v1/principals?kind=secrets');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].pointer).toBe('/kind');
  });
});
