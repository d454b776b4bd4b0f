/**
 * Accept-Language: zh-CN gives Chinese error messages on every kind of failure, with field labels
 * in Chinese; English otherwise; a user who chose a language gets it whatever the header asks.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getPrisma } from '../../../platform/db/prisma';
import { getPool } from '../../../platform/db/pool';
import { createApiKey } from '../../../platform/security/apiKeys';
import { assignPermissionSets } from '../../../platform/security/stock';
import { createUser } from '../../../platform/security/users';
import { apiClient, clientFor, expectError, filterParam, type ApiClient, type ApiResponse } from './api';

process.env.DATABASE_URL = inject('databaseUrl');

let api: ApiClient;
let accountId: string;

beforeAll(async () => {
  api = await apiClient('rest_i18n');
  const res = await api.post('/api/v1/records/account', { name: '阿里巴巴' });
  expect(res.status).toBe(201);
  await api.patch(`/api/v1/records/account/${res.body.record.id}`, { employees: 1 });
  accountId = res.body.record.id;
});

describe('Accept-Language: zh-CN', () => {
  const zh = { lang: 'zh-CN' };
  const cases: [string, () => Promise<ApiResponse>, number, string, string[]][] = [
    ['a missing required field', () => api.post('/api/v1/records/account', {}, zh), 422, '客户名称不能为空', ['客户名称不能为空']],
    [
      'several invalid fields',
      () => api.post('/api/v1/records/account', { name: 'X', employees: 'x', email: 'bad', industry: 'nope', foo: 1 }, zh),
      422,
      '部分字段需要修正',
      [
        '未知字段"foo"',
        '员工人数必须是整数',
        '邮箱必须是有效的电子邮件地址',
        '行业必须是以下之一：制造业（manufacturing）、IT/互联网（it）、金融（finance）、零售（retail）、医疗（healthcare）、教育（education）、能源（energy）、汽车（automotive）、政府/公共事业（government）、其他（other）',
      ],
    ],
    [
      'a bad currency code',
      () => api.post('/api/v1/records/account', { name: 'X', annual_revenue_currency: 'x' }, zh),
      422,
      '年营业额 (币种)必须是三位货币代码',
      ['年营业额 (币种)必须是三位货币代码'],
    ],
    ['an unknown object', () => api.get('/api/v1/records/nope', zh), 404, '未知对象"nope"', ['未知对象"nope"']],
    ['an unknown record', () => api.get(`/api/v1/records/account/${randomUUID()}`, zh), 404, '未找到客户记录', ['未找到客户记录']],
    [
      'a stale If-Match',
      () => api.patch(`/api/v1/records/account/${accountId}`, { employees: 2 }, { ...zh, headers: { 'if-match': '1' } }),
      409,
      '该记录已被他人修改（版本 2），请刷新后重试',
      ['该记录已被他人修改（版本 2），请刷新后重试'],
    ],
    ['a malformed body', () => api.post('/api/v1/records/account', '{', zh), 400, '请求体不是有效的 JSON', ['请求体不是有效的 JSON']],
    ['an array body', () => api.post('/api/v1/records/account', '[]', zh), 400, '请求体必须是 JSON 对象', ['请求体必须是 JSON 对象']],
    ['a malformed filter', () => api.get('/api/v1/records/account?filter=%7B', zh), 400, '筛选条件不是有效的 JSON', ['筛选条件不是有效的 JSON']],
    [
      'an unknown filter field',
      () => api.get(`/api/v1/records/account?${filterParam({ field: 'nope', op: 'eq', value: 1 })}`, zh),
      400,
      '筛选条件中的字段"nope"不存在',
      ['筛选条件中的字段"nope"不存在'],
    ],
    ['a bad sort', () => api.get('/api/v1/records/account?sort=nope', zh), 400, '不能按"nope"排序', ['不能按"nope"排序']],
    ['a bad limit', () => api.get('/api/v1/records/account?limit=0', zh), 400, 'limit 必须是 1 到 200 之间的整数', ['limit 必须是 1 到 200 之间的整数']],
    ['a bad cursor', () => api.get('/api/v1/records/account?cursor=x', zh), 400, '分页游标无效或与排序不一致', ['分页游标无效或与排序不一致']],
    [
      'a bad If-Match',
      () => api.patch(`/api/v1/records/account/${accountId}`, { employees: 2 }, { ...zh, headers: { 'if-match': 'x' } }),
      400,
      'If-Match 必须是记录版本号',
      ['If-Match 必须是记录版本号'],
    ],
    ['restoring a live record', () => api.post(`/api/v1/records/account/${accountId}/restore`, undefined, zh), 409, '该记录不在回收站中', ['该记录不在回收站中']],
  ];

  it.each(cases)('%s', async (_label, call, status, message, details) => {
    const res = await call();
    const error = expectError(res, status, res.body?.error?.code);
    expect(error.message).toEqual(message);
    expect(error.details.map((d) => d.message).sort()).toEqual([...details].sort());
  });

  it('too many sort keys: a Chinese message without English in it', async () => {
    const error = expectError(await api.get('/api/v1/records/account?sort=name,industry,type,region,level,employees', zh), 400, 'INVALID_SORT');
    expect(error.message).toBe('最多按 5 个字段排序');
    expect(error.message).not.toMatch(/more than/);
  });
});

describe('choosing the language', () => {
  const body = { name: 'X', employees: 'x' };
  it.each([
    ['zh', '员工人数必须是整数'],
    ['zh-TW', '员工人数必须是整数'],
    ['zh-CN,zh;q=0.9,en;q=0.8', '员工人数必须是整数'],
    ['en-US,en;q=0.9', 'Employees must be a whole number'],
    ['fr-FR', 'Employees must be a whole number'],
  ])('Accept-Language: %s', async (lang, message) => {
    const error = expectError(await api.post('/api/v1/records/account', body, { lang }), 422, 'VALIDATION_FAILED');
    expect(error.message).toBe(message);
  });

  it("uses the user's stored language first, whatever the browser asks (core/locale.ts)", async () => {
    const u = await createUser(getPrisma(api.tw.url), {
      workspaceId: api.tw.workspace.id,
      email: `zh.${randomUUID()}@example.test`,
      name: '张三',
      password: 'correct horse battery',
      locale: 'zh-CN',
    });
    await assignPermissionSets(getPool(api.tw.url), api.tw.workspace.id, u.id, ['sales_rep']);
    const { id, key } = await createApiKey(getPrisma(api.tw.url), u.id, 'zh');
    const zhUser = clientFor(api.tw, key, id);
    expect(expectError(await zhUser.post('/api/v1/records/account', body), 422, 'VALIDATION_FAILED').message).toBe('员工人数必须是整数');
    expect(expectError(await zhUser.post('/api/v1/records/account', body, { lang: 'en' }), 422, 'VALIDATION_FAILED').message).toBe('员工人数必须是整数');
  });
});
