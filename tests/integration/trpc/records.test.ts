/**
 * The app's tRPC procedures, called through the real route handler with a real session cookie:
 * the same record service as REST, the same error shape (data.appError = { code, message, details }).
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');

const { GET, POST } = await import('../../../app/api/trpc/[trpc]/route');
const { getPrisma } = await import('../../../platform/db/prisma');
const { login, SESSION_COOKIE } = await import('../../../platform/security/sessions');
const { createTestWorkspace } = await import('../../support/workspace');

let cookie = '';
let otherCookie = '';

async function call(kind: 'query' | 'mutation', path: string, input: unknown, opts: { cookie?: string; lang?: string } = {}) {
  const headers: Record<string, string> = { cookie: opts.cookie ?? cookie, 'content-type': 'application/json' };
  if (opts.lang) headers['accept-language'] = opts.lang;
  const url = `http://localhost/api/trpc/${path}`;
  const res =
    kind === 'query'
      ? await GET(new Request(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers }))
      : await POST(new Request(url, { method: 'POST', headers, body: JSON.stringify(input) }));
  const body = await res.json();
  return { status: res.status, body };
}

beforeAll(async () => {
  const tw = await createTestWorkspace('trpc');
  const prisma = getPrisma(tw.url);
  const rep = await tw.addUser('Rep Trpc', { password: 'pw-trpc-rep-1' });
  const admin = await prisma.user.findUniqueOrThrow({ where: { id: tw.admin.id } });
  cookie = `${SESSION_COOKIE}=${((await login(prisma, admin.email, 'correct horse battery')) as { token: string }).token}`;
  otherCookie = `${SESSION_COOKIE}=${((await login(prisma, rep.email, 'pw-trpc-rep-1')) as { token: string }).token}`;
});

describe('tRPC records', () => {
  it('refuses a caller without a session, in the shared error shape', async () => {
    const { status, body } = await call('query', 'meta.session', undefined, { cookie: '' });
    expect(status).toBe(401);
    expect(body.error.data.appError).toMatchObject({ code: 'UNAUTHENTICATED', details: [] });
  });

  it('describes the session and objects for navigation', async () => {
    const { status, body } = await call('query', 'meta.session', undefined);
    expect(status).toBe(200);
    expect(body.result.data.user.name).toBe('Admin');
    expect(body.result.data.objects.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(['account', 'contact', 'opportunity', 'contract', 'activity', 'lead']));
  });

  it('creates through the record service, and returns validation errors by field like REST', async () => {
    const bad = await call('mutation', 'records.create', { object: 'account', values: { name: '', email: 'nope', level: 'z' } });
    expect(bad.status).toBe(422);
    const appError = bad.body.error.data.appError;
    expect(appError.code).toBe('VALIDATION_FAILED');
    expect(appError.details.map((d: { field: string; code: string }) => [d.field, d.code]).sort()).toEqual([
      ['email', 'email'],
      ['level', 'enum'],
      ['name', 'required'],
    ]);

    const zh = await call('mutation', 'records.create', { object: 'account', values: { email: 'nope', name: 'x' } }, { lang: 'zh-CN' });
    expect(zh.body.error.data.appError.details[0].message).toBe('邮箱必须是有效的电子邮件地址');

    const ok = await call('mutation', 'records.create', { object: 'account', values: { name: '苏州湖畔机器人有限公司', region: 'east' } });
    expect(ok.status).toBe(200);
    expect(ok.body.result.data).toMatchObject({ name: '苏州湖畔机器人有限公司', region: 'east', version: 1 });
  });

  it('lists with a view, user filter and lookup display names; related lists and lookups find records', async () => {
    const acc = (await call('mutation', 'records.create', { object: 'account', values: { name: 'Lookup Parent Co' } })).body.result.data;
    for (const n of ['Alpha contact', 'Beta contact']) await call('mutation', 'records.create', { object: 'contact', values: { name: n, account: acc.id } });
    const list = await call('query', 'records.list', { object: 'contact', view: 'all', filter: { field: 'account', op: 'eq', value: acc.id } });
    expect(list.body.result.data.records.map((r: { name: string }) => r.name)).toEqual(['Alpha contact', 'Beta contact']);
    expect(list.body.result.data.records[0].$names).toMatchObject({ account: 'Lookup Parent Co', owner: 'Admin' });

    const related = await call('query', 'records.related', { object: 'contact', field: 'account', parentId: acc.id });
    expect(related.body.result.data.records).toHaveLength(2);

    const lookup = await call('query', 'records.lookup', { object: 'account', search: 'lookup parent' });
    expect(lookup.body.result.data).toEqual([{ id: acc.id, name: 'Lookup Parent Co' }]);
  });

  it('applies a view\'s own filter: "My accounts" holds only the caller\'s', async () => {
    await call('mutation', 'records.create', { object: 'account', values: { name: 'Owned by the rep' } }, { cookie: otherCookie });
    const mine = await call('query', 'records.list', { object: 'account', view: 'my' }, { cookie: otherCookie });
    expect(mine.body.result.data.records.map((r: { name: string }) => r.name)).toEqual(['Owned by the rep']);
  });

  it('updates with optimistic concurrency and reports a stale version as CONFLICT', async () => {
    const acc = (await call('mutation', 'records.create', { object: 'account', values: { name: 'Versioned' } })).body.result.data;
    const first = await call('mutation', 'records.update', { object: 'account', id: acc.id, values: { phone: '021-1234 5678' }, expectedVersion: 1 });
    expect(first.body.result.data.version).toBe(2);
    const stale = await call('mutation', 'records.update', { object: 'account', id: acc.id, values: { phone: '021-0000 0000' }, expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.data.appError).toMatchObject({ code: 'CONFLICT', details: [{ field: 'version', code: 'stale' }] });
    const got = await call('query', 'records.get', { object: 'account', id: acc.id });
    expect(got.body.result.data.phone).toBe('021-1234 5678');
  });

  it('deletes into the recycle bin and restores', async () => {
    const acc = (await call('mutation', 'records.create', { object: 'account', values: { name: 'Binned' } })).body.result.data;
    await call('mutation', 'records.delete', { object: 'account', id: acc.id });
    expect((await call('query', 'records.get', { object: 'account', id: acc.id })).body.error.data.appError.code).toBe('NOT_FOUND');
    const bin = await call('query', 'records.recycleBin', { object: 'account' });
    expect(bin.body.result.data.records.map((r: { id: string }) => r.id)).toContain(acc.id);
    await call('mutation', 'records.restore', { object: 'account', id: acc.id });
    expect((await call('query', 'records.get', { object: 'account', id: acc.id })).body.result.data.name).toBe('Binned');
  });

  it('gives the form derived from the layout, with every input labelled', async () => {
    const meta = (await call('query', 'meta.object', { object: 'contract' })).body.result.data;
    const props = meta.createForm.schema.properties;
    expect(Object.keys(props)).not.toContain('number'); // auto number: assigned on create
    expect(Object.keys(meta.editForm.schema.properties)).toContain('number');
    expect(meta.editForm.uiSchema.number['ui:readonly']).toBe(true);
    for (const [name, schema] of Object.entries(props)) expect((schema as { title?: string }).title, name).toBeTruthy();
    expect(meta.createForm.schema.required).toEqual(expect.arrayContaining(['name', 'account', 'status']));
    expect(meta.createForm.uiSchema.status['ui:enumNames']).toContain('Draft');
    expect(meta.createForm.sections.map((s: { id: string }) => s.id)).toEqual(['main', 'money', 'more']);
  });
});
