/**
 * Lead conversion over REST (and the service the dialog calls): with an existing account, with a
 * new one, activities moved, the converted lead 409 and read-only, two conversions at once, a rep
 * linking an account they cannot see, and a validation rule on the opportunity that leaves
 * nothing half-written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRecord, getRecord, listRecords } from '../../../platform/data';
import { getPool } from '../../../platform/db/pool';
import { getPrisma } from '../../../platform/db/prisma';
import * as designer from '../../../platform/metadata/designer';
import { quarterEnd } from '../../../platform/process/conversion/service';
import { conversionPreview } from '../../../platform/process/conversion/suggest';
import { createApiKey } from '../../../platform/security/apiKeys';
import { apiClient, clientFor, expectError, type ApiClient } from '../api/api';

let api: ApiClient;
let rep: ApiClient;
let repId: string;

const convertPath = (id: string) => `/api/v1/records/lead/${id}/convert`;

async function newLead(client: ApiClient, values: Record<string, unknown>): Promise<string> {
  const res = await client.post('/api/v1/records/lead', {
    name: '王芳',
    title: '采购经理',
    email: 'wang.fang@example.cn',
    industry: 'it',
    region: 'south',
    source: 'web',
    ...values,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.record.id;
}

beforeAll(async () => {
  api = await apiClient('cvt');
  const u = await api.tw.addUser('Rep Luo', { permissionSets: ['sales_rep'] });
  repId = u.id;
  const { key, id } = await createApiKey(getPrisma(api.tw.url), u.id, 'rep');
  rep = clientFor(api.tw, key, id);
});

describe('converting a lead', () => {
  it('links an existing account it suggests by normalised company name, and creates contact and opportunity', async () => {
    const acc = await api.post('/api/v1/records/account', { name: '深圳市腾讯计算机系统有限公司', industry: 'it' });
    await api.post('/api/v1/records/account', { name: '腾讯音乐娱乐集团' });
    const lead = await newLead(api, { company: '腾讯计算机系统（深圳）有限公司' });
    const preview = await conversionPreview(await api.tw.ctx(), 'lead', lead);
    expect(preview.accounts[0]).toEqual({ id: acc.body.record.id, name: '深圳市腾讯计算机系统有限公司', exact: true });
    expect(preview.accounts.map((a) => a.name)).not.toContain('腾讯音乐娱乐集团');

    const res = await api.post(convertPath(lead), { account: { id: acc.body.record.id }, contact: { create: { department: '采购部' } }, opportunity: { amount: 80000 } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.account).toBe(acc.body.record.id);
    const ctx = await api.tw.ctx();
    const contact = await getRecord(ctx, 'contact', res.body.contact);
    expect(contact).toMatchObject({ name: '王芳', title: '采购经理', email: 'wang.fang@example.cn', department: '采购部', account: acc.body.record.id });
    const opp = await getRecord(ctx, 'opportunity', res.body.opportunity);
    expect(opp).toMatchObject({
      account: acc.body.record.id,
      amount: 80000,
      source: 'web',
      close_date: quarterEnd(ctx),
      sales_process: 'product_sale',
      stage: 'discovery',
      owner: api.tw.admin.id,
    });
    expect(String(opp.name)).toMatch(/^腾讯计算机系统（深圳）有限公司 - \d{4}-\d{2}-\d{2}$/);
    const converted = await getRecord(ctx, 'lead', lead);
    expect(converted).toMatchObject({
      status: 'converted',
      converted_account: acc.body.record.id,
      converted_contact: res.body.contact,
      converted_opportunity: res.body.opportunity,
    });
    expect(converted.converted_at).toBeTruthy();
  });

  it('creates a new account from the mapping overlaid with the caller values, without an opportunity', async () => {
    const lead = await newLead(api, { company: 'Globex Co., Ltd.', phone: '0755-86013388' });
    const res = await api.post(convertPath(lead), { account: { create: { type: 'prospect' } }, opportunity: null });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.opportunity).toBeNull();
    const account = await getRecord(await api.tw.ctx(), 'account', res.body.account);
    expect(account).toMatchObject({ name: 'Globex Co., Ltd.', industry: 'it', region: 'south', phone: '0755-86013388', type: 'prospect' });
  });

  it('moves the lead activities to the contact and account', async () => {
    const lead = await newLead(api, { company: '华为技术有限公司' });
    const ctx = await api.tw.ctx();
    const call = await createRecord(ctx, 'activity', { subject: '首次电话', type: 'call', status: 'completed', lead });
    const res = await api.post(convertPath(lead), { opportunity: null });
    expect(res.status).toBe(201);
    expect(await getRecord(ctx, 'activity', String(call.id))).toMatchObject({ contact: res.body.contact, account: res.body.account, lead });
    const { records } = await listRecords(ctx, 'activity', { filter: { field: 'contact', op: 'eq', value: res.body.contact } });
    expect(records.map((r) => r.subject)).toEqual(['首次电话']);
  });

  it('leaves a converted lead read-only: converting again and editing answer 409', async () => {
    const lead = await newLead(api, { company: 'Initech' });
    expect((await api.post(convertPath(lead), { opportunity: null })).status).toBe(201);
    const again = expectError(await api.post(convertPath(lead), { opportunity: null }), 409, 'CONFLICT');
    expect(again.details[0].code).toBe('conversion.converted');
    const edit = expectError(await api.patch(`/api/v1/records/lead/${lead}`, { title: '总监' }, { lang: 'zh-CN' }), 409, 'CONFLICT');
    expect(edit.message).toBe('该线索已转化，不能再修改');
    // Its owner may still change (change owner, a leaving rep's transfer), but nothing with it.
    const successor = await api.tw.addUser('Successor');
    expectError(await api.patch(`/api/v1/records/lead/${lead}`, { owner: successor.id, title: '总监' }), 409, 'CONFLICT');
    expect((await api.patch(`/api/v1/records/lead/${lead}`, { owner: successor.id })).status).toBe(200);
    expect((await api.get(`/api/v1/records/lead/${lead}`)).body.record.owner).toBe(successor.id);
    // The links are the convert service's alone.
    const other = await newLead(api, { company: 'Hooli' });
    const set = expectError(await api.patch(`/api/v1/records/lead/${other}`, { converted_at: new Date().toISOString() }), 422, 'VALIDATION_FAILED');
    expect(set.details).toContainEqual(expect.objectContaining({ field: 'converted_at', code: 'readOnly' }));
  });

  it('lets one of two simultaneous conversions win; the other answers 409 and creates nothing', async () => {
    const lead = await newLead(api, { company: '比亚迪股份有限公司' });
    const [a, b] = await Promise.all([
      api.post(convertPath(lead), { account: { create: {} }, opportunity: null }),
      api.post(convertPath(lead), { account: { create: {} }, opportunity: null }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const { records } = await listRecords(await api.tw.ctx(), 'account', { filter: { field: 'name', op: 'eq', value: '比亚迪股份有限公司' } });
    expect(records).toHaveLength(1);
  });

  it('refuses a rep linking an account they cannot see, with a pointer, and writes nothing', async () => {
    const hidden = await api.post('/api/v1/records/account', { name: '保密客户有限公司' });
    const lead = await newLead(rep, { company: '保密客户有限公司' });
    const preview = await conversionPreview(await api.tw.ctx(await api.tw.addUser('Peer', { permissionSets: ['sales_rep'] })), 'lead', lead).catch((e) => e);
    expect(preview.code).toBe('NOT_FOUND'); // another rep cannot even see the lead
    const own = await conversionPreview(await api.tw.ctx({ id: repId, name: 'Rep Luo', email: '', isAdmin: false }), 'lead', lead);
    expect(own.accounts).toEqual([]);
    const err = expectError(await rep.post(convertPath(lead), { account: { id: hidden.body.record.id }, opportunity: null }), 422, 'VALIDATION_FAILED');
    expect(err.details[0]).toMatchObject({ pointer: '/account/id', code: 'conversion.hidden' });
    expect((await rep.get(`/api/v1/records/lead/${lead}`)).body.record.status).toBe('new');
    const ok = await rep.post(convertPath(lead), { opportunity: { amount: 1000 } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect((await rep.get(`/api/v1/records/opportunity/${ok.body.opportunity}`)).body.record.owner).toBe(repId);
  });

  it('reports a validation rule of the created opportunity with a pointer, and nothing is half-written', async () => {
    await designer.saveRule(
      { pool: getPool(api.tw.url), workspace: api.tw.workspace, userId: api.tw.admin.id },
      {
        object: 'opportunity',
        name: 'amount_cap',
        label: { en: 'Amount cap', zh: '金额上限' },
        errorWhen: 'amount > 5000000',
        message: { en: 'Deals over 5 million need a framework contract', zh: '超过 500 万的商机需要框架合同' },
        field: 'amount',
      },
    );
    const lead = await newLead(api, { company: '中兴通讯股份有限公司', email: 'li.lei@zte.example.cn' });
    const err = expectError(await api.post(convertPath(lead), { opportunity: { amount: 9000000 } }, { lang: 'zh-CN' }), 422, 'VALIDATION_FAILED');
    expect(err.details).toContainEqual(expect.objectContaining({ pointer: '/opportunity/amount', message: '超过 500 万的商机需要框架合同' }));
    const ctx = await api.tw.ctx();
    expect((await listRecords(ctx, 'account', { filter: { field: 'name', op: 'eq', value: '中兴通讯股份有限公司' } })).records).toHaveLength(0);
    expect((await listRecords(ctx, 'contact', { filter: { field: 'email', op: 'eq', value: 'li.lei@zte.example.cn' } })).records).toHaveLength(0);
    expect((await getRecord(ctx, 'lead', lead)).status).toBe('new');
  });

  it('refuses malformed bodies with pointers, never a 500', async () => {
    const lead = await newLead(api, { company: 'Umbrella' });
    expect(expectError(await api.post(convertPath(lead), { account: { id: 'x' } }), 400, 'BAD_REQUEST').details[0].pointer).toBe('/account/id');
    expect(expectError(await api.post(convertPath(lead), { account: { id: lead, create: {} } }), 400, 'BAD_REQUEST').details[0].pointer).toBe('/account');
    expect(expectError(await api.post(convertPath(lead), { opportunity: 5 }), 400, 'BAD_REQUEST').details[0].pointer).toBe('/opportunity');
    expectError(await api.post(convertPath(lead), '{"account":{"create":{"__proto__":{"x":1}}}}'), 400, 'BAD_REQUEST');
    const wrong = expectError(await api.post(convertPath(lead), { opportunity: { close_date: '2026-02-30', amount: 'lots' } }), 422, 'VALIDATION_FAILED');
    expect(wrong.details.map((d) => d.pointer).sort()).toEqual(['/opportunity/amount', '/opportunity/close_date']);
    expectError(await api.post(`/api/v1/records/account/${lead}/convert`, {}), 404, 'NOT_FOUND');
    expectError(await api.post(convertPath('00000000-0000-4000-8000-000000000000'), {}), 404, 'NOT_FOUND');
  });

  it('is described in the OpenAPI document for leads only', async () => {
    const doc = (await api.get('/api/v1/openapi.json')).body;
    expect(doc.paths['/api/v1/records/lead/{id}/convert'].post.responses).toHaveProperty('409');
    expect(doc.paths['/api/v1/records/account/{id}/convert']).toBeUndefined();
    expect(doc.components.schemas.ConvertResult.required).toEqual(['account', 'contact', 'opportunity']);
  });
});
