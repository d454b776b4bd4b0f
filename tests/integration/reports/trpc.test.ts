/** The report procedures the screens call: list, get, run (saved and ad hoc), fields, save and delete, as different users. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getPrisma } from '../../../platform/db/prisma';
import { login, SESSION_COOKIE } from '../../../platform/security/sessions';
import { createSecOrg, SEES, type SecOrg, type Who } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

const { GET, POST } = await import('../../../app/api/trpc/[trpc]/route');

let org: SecOrg;
const cookies = new Map<Who, string>();
beforeAll(async () => {
  org = await createSecOrg('reptrpc');
});

async function cookie(who: Who): Promise<string> {
  if (!cookies.has(who)) {
    const res = await login(getPrisma(org.tw.url), org.users[who].email, 'correct horse battery');
    cookies.set(who, `${SESSION_COOKIE}=${(res as { token: string }).token}`);
  }
  return cookies.get(who)!;
}

async function query(who: Who, path: string, input?: unknown) {
  const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const r = await GET(new Request(`http://localhost/api/trpc/${path}${q}`, { headers: { cookie: await cookie(who) } }));
  const body = await r.json();
  return { status: r.status, data: body.result?.data, error: body.error };
}

async function mutate(who: Who, path: string, input: unknown) {
  const r = await POST(
    new Request(`http://localhost/api/trpc/${path}`, {
      method: 'POST',
      headers: { cookie: await cookie(who), 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify(input),
    }),
  );
  const body = await r.json();
  return { status: r.status, data: body.result?.data, error: body.error };
}

describe('reports over tRPC', () => {
  it('lists the stock reports in their folder and runs one as the caller', async () => {
    const list = await query('rep_a1', 'reports.list');
    expect(list.status).toBe(200);
    expect(list.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'pipeline_by_stage', object: 'opportunity', label: 'Pipeline by stage', folder: 'Sales', chart: 'funnel', editable: false }),
      ]),
    );
    const run = await query('manager_a', 'reports.run', { name: 'pipeline_by_stage' });
    expect(run.status).toBe(200);
    const n = SEES.manager_a.length;
    expect(run.data.groups.map((g: { key: string; aggregates: unknown }) => [g.key, g.aggregates])).toEqual([['discovery', { count: n, amount: 20_000 * n }]]);
    const get = await query('rep_a1', 'reports.get', { name: 'won_by_rep_by_month' });
    expect(get.data).toMatchObject({ name: 'won_by_rep_by_month', format: 'summary', chart: { type: 'bar' } });
  });

  it('runs an ad hoc definition with an extra filter, and an invalid one is a 422 with pointers', async () => {
    const run = await query('admin', 'reports.run', {
      definition: { object: 'opportunity', format: 'summary', groupings: [{ field: 'stage' }] },
      extraFilter: { field: 'amount', op: 'gt', value: 15_000 },
    });
    expect(run.data.totals).toEqual({ count: 9 });
    const bad = await query('rep_a1', 'reports.run', { definition: { object: 'contract', format: 'tabular', columns: ['cost'] } });
    expect(bad.status).toBe(422);
    expect(bad.error.data.appError.details.map((d: { pointer: string }) => d.pointer)).toEqual(['/columns/0']);
  });

  it('offers the fields a viewer may use, parents one lookup up, without hidden ones', async () => {
    const rep = await query('rep_a1', 'reports.fields', { object: 'contract' });
    const paths = rep.data.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['amount', 'account.industry', 'owner.department', 'owner.name']));
    expect(paths).not.toContain('cost');
    const manager = await query('manager_a', 'reports.fields', { object: 'contract' });
    expect(manager.data.map((f: { path: string }) => f.path)).toContain('cost');
    expect(manager.data.find((f: { path: string }) => f.path === 'close_date' || f.path === 'created_at').buckets).toContain('quarter');
  });

  it('a rep saves a private report only they see; sharing needs the customise right', async () => {
    const definition = { object: 'opportunity', format: 'summary', groupings: [{ field: 'stage' }], aggregates: [{ fn: 'sum', field: 'amount' }] };
    const saved = await mutate('rep_a1', 'reports.save', { definition, name: 'my_pipeline', label: { en: 'My pipeline', zh: '我的商机' }, visibility: 'private' });
    expect(saved.status).toBe(200);
    expect((await query('rep_a1', 'reports.list')).data.map((r: { name: string }) => r.name)).toContain('my_pipeline');
    expect((await query('rep_a2', 'reports.list')).data.map((r: { name: string }) => r.name)).not.toContain('my_pipeline');
    expect((await query('rep_a2', 'reports.run', { name: 'my_pipeline' })).status).toBe(404);
    expect((await query('rep_a1', 'reports.run', { name: 'my_pipeline' })).data.totals).toEqual({ sum_amount: 30_000 });
    const shared = await mutate('rep_a1', 'reports.save', { definition, name: 'team_pipeline', label: { en: 'Team', zh: '团队' }, visibility: 'public' });
    expect(shared.status).toBe(403);
    const byAdmin = await mutate('admin', 'reports.save', {
      definition,
      name: 'team_pipeline',
      label: { en: 'Team', zh: '团队' },
      visibility: 'shared',
      sharedWith: { roles: ['rep_b'] },
    });
    expect(byAdmin.status).toBe(200);
    expect((await query('rep_b1', 'reports.list')).data.map((r: { name: string }) => r.name)).toContain('team_pipeline');
    expect((await query('rep_a1', 'reports.list')).data.map((r: { name: string }) => r.name)).not.toContain('team_pipeline');
    expect((await mutate('rep_a2', 'reports.delete', { name: 'my_pipeline' })).status).toBe(404);
    expect((await mutate('rep_a1', 'reports.delete', { name: 'my_pipeline' })).status).toBe(200);
    expect((await query('rep_a1', 'reports.get', { name: 'my_pipeline' })).status).toBe(404);
  });
});
