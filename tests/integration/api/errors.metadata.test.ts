/**
 * Metadata problems (a designer change, a package install) in the caller's language on REST and
 * tRPC: the message is a plain sentence (or a count of problems), and the file and JSON pointer
 * are in the details, never glued into any message.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');

const { POST } = await import('../../../app/api/trpc/[trpc]/route');
const { getPrisma } = await import('../../../platform/db/prisma');
const { getPool } = await import('../../../platform/db/pool');
const { createApiKey } = await import('../../../platform/security/apiKeys');
const { login, SESSION_COOKIE } = await import('../../../platform/security/sessions');
const { assignPermissionSets } = await import('../../../platform/security/stock');
const { createUser } = await import('../../../platform/security/users');
const { apiClient, clientFor, expectError } = await import('./api');

type Api = Awaited<ReturnType<typeof apiClient>>;
interface Detail {
  file?: string;
  pointer?: string;
  code: string;
  message: string;
}

let api: Api;
let zhUser: Api;
let adminCookie = '';
let zhCookie = '';

const section = (fields: string[]) => ({ label: { en: 'L', zh: 'L' }, sections: [{ id: 'main', label: { en: 'Main', zh: '主要' }, fields }] });
/** Two problems: a field the object lacks, and a field placed twice. */
const twoProblems = section(['name', 'no_such_field', 'name']);
const oneProblem = section(['name', 'no_such_field']);

/** A package with a manifest that lacks its version and a field label without Chinese. */
const brokenPackage = {
  'manifest.json': JSON.stringify({ name: 'broken', label: { en: 'Broken', zh: '坏' } }),
  'objects/thing.json': JSON.stringify({
    name: 'thing',
    label: { en: 'Thing', zh: '东西' },
    pluralLabel: { en: 'Things', zh: '东西' },
    fields: [{ name: 'name', type: 'text', label: { en: 'Name' } }],
  }),
};

async function trpc(path: string, input: unknown, cookie: string, headers: Record<string, string> = {}) {
  const res = await POST(
    new Request(`http://localhost/api/trpc/${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify(input) }),
  );
  const body = await res.json();
  return { status: res.status, appError: body.error?.data?.appError as { code: string; message: string; details: Detail[] } };
}

/** No message names a file or a pointer. */
function expectPlain(error: { message: string; details: Detail[] }) {
  for (const m of [error.message, ...error.details.map((d) => d.message)]) {
    expect(m).not.toContain('#/');
    expect(m).not.toMatch(/\.json/);
  }
}

const where = (d: Detail[]) => d.map(({ file, pointer, code }) => ({ file, pointer, code }));
const LAYOUT_PROBLEMS = [
  { file: 'layouts/account.default.json', pointer: '/sections/0/fields/1', code: 'layout.field' },
  { file: 'layouts/account.default.json', pointer: '/sections/0/fields/2', code: 'layout.duplicate' },
];

beforeAll(async () => {
  api = await apiClient('meta_err');
  const prisma = getPrisma(api.tw.url);
  const u = await createUser(prisma, {
    workspaceId: api.tw.workspace.id,
    email: `zh.${randomUUID()}@example.test`,
    name: '李四',
    password: 'correct horse battery',
    locale: 'zh-CN',
  });
  await assignPermissionSets(getPool(api.tw.url), api.tw.workspace.id, u.id, ['admin']);
  const { id, key } = await createApiKey(prisma, u.id, 'zh');
  zhUser = clientFor(api.tw, key, id);
  const admin = await prisma.user.findUniqueOrThrow({ where: { id: api.tw.admin.id } });
  const token = async (email: string) => ((await login(prisma, email, 'correct horse battery')) as { token: string }).token;
  adminCookie = `${SESSION_COOKIE}=${await token(admin.email)}`;
  zhCookie = `${SESSION_COOKIE}=${await token(u.email)}`;
});

describe('a designer change that fails, over REST', () => {
  it.each([
    ['Accept-Language: zh-CN', () => api.put('/api/v1/metadata/layouts/account/default', twoProblems, { lang: 'zh-CN' })],
    ["the user's stored language", () => zhUser.put('/api/v1/metadata/layouts/account/default', twoProblems)],
  ])('answers in Chinese when asked by %s', async (_, send) => {
    const error = expectError(await send(), 422, 'METADATA_INVALID');
    expect(error.message).toBe('元数据有 2 处问题');
    expect(where(error.details)).toEqual(LAYOUT_PROBLEMS);
    expect(error.details.map((d: Detail) => d.message)).toEqual(['"no_such_field"不是account的字段', '字段"name"被放置了两次']);
    expectPlain(error);
  });

  it('answers in English otherwise, and gives the one problem as the message when there is one', async () => {
    const error = expectError(await api.put('/api/v1/metadata/layouts/account/default', twoProblems), 422, 'METADATA_INVALID');
    expect(error.message).toBe('Metadata has 2 problems');
    expect(where(error.details)).toEqual(LAYOUT_PROBLEMS);
    expect(error.details.map((d: Detail) => d.message)).toEqual(['Field "no_such_field" is not a field of account', 'Field "name" is placed twice']);
    expectPlain(error);
    const one = expectError(await api.put('/api/v1/metadata/layouts/account/default', oneProblem, { lang: 'en' }), 422, 'METADATA_INVALID');
    expect(one.message).toBe('Field "no_such_field" is not a field of account');
  });

  it('words safety checks against existing data the same way', async () => {
    const created = await api.put('/api/v1/metadata/objects/account/fields/credit_limit', { type: 'currency', label: { en: 'Credit limit', zh: '信用额度' } });
    expect(created.status).toBe(201);
    const body = { type: 'text', label: { en: 'Credit limit', zh: '信用额度' } };
    const zh = expectError(await api.put('/api/v1/metadata/objects/account/fields/credit_limit', body, { lang: 'zh-CN' }), 422, 'METADATA_INVALID');
    expect(zh.details[0]).toMatchObject({ field: 'credit_limit', code: 'change.type', pointer: '/objects/account/fields/credit_limit/type' });
    expect(zh.message).toMatch(/^字段"信用额度"（account\.credit_limit）不能从金额改为文本/);
    const en = expectError(await api.put('/api/v1/metadata/objects/account/fields/credit_limit', body), 422, 'METADATA_INVALID');
    expect(en.message).toMatch(/^Field "Credit limit" \(account\.credit_limit\) cannot change from Currency to Text/);
    expectPlain(zh);
    expectPlain(en);
  });
});

describe('a designer change that fails, over tRPC', () => {
  const doc = { object: 'account', name: 'default', ...twoProblems };

  it.each([
    ["the user's stored language", () => trpc('designer.saveItem', { kind: 'layout', doc }, zhCookie, { 'accept-language': 'en' })],
    ['the browser of a user who chose none', () => trpc('designer.saveItem', { kind: 'layout', doc }, adminCookie, { 'accept-language': 'zh-CN,zh;q=0.9' })],
  ])('answers in Chinese when asked by %s', async (_, send) => {
    const { status, appError } = await send();
    expect(status).toBe(422);
    expect(appError.message).toBe('元数据有 2 处问题');
    expect(where(appError.details)).toEqual(LAYOUT_PROBLEMS);
    expect(appError.details[1].message).toBe('字段"name"被放置了两次');
    expectPlain(appError);
  });

  it('answers in English otherwise', async () => {
    const { appError } = await trpc('designer.saveItem', { kind: 'layout', doc }, adminCookie);
    expect(appError.message).toBe('Metadata has 2 problems');
    expect(appError.details[0].message).toBe('Field "no_such_field" is not a field of account');
    expectPlain(appError);
  });
});

describe('a package install that fails, over tRPC', () => {
  const problems = [
    { file: 'manifest.json', pointer: '/', code: 'schema.required' },
    { file: 'objects/thing.json', pointer: '/fields/0/label', code: 'schema.required' },
  ];

  it('answers in Chinese for a Chinese user, every problem with its file and pointer', async () => {
    const { status, appError } = await trpc('designer.installPackage', { files: brokenPackage }, zhCookie);
    expect(status).toBe(422);
    expect(appError.message).toBe('该包有 2 处问题');
    expect(where(appError.details)).toEqual(problems);
    expect(appError.details.map((d) => d.message)).toEqual(['缺少必填属性"version"', '缺少必填属性"zh"']);
    expectPlain(appError);
  });

  it('answers in English for an English one', async () => {
    const { appError } = await trpc('designer.installPackage', { files: brokenPackage }, adminCookie);
    expect(appError.message).toBe('The package has 2 problems');
    expect(appError.details.map((d) => d.message)).toEqual(['Missing required property "version"', 'Missing required property "zh"']);
    expectPlain(appError);
  });
});
