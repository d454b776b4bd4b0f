/**
 * Describe endpoints as an integrator reads them: GET /api/v1/objects and /api/v1/objects/{object}
 * report every object and field of the stock metadata, with types, both labels, picklist options and
 * lookup targets; an unknown object is a 404 in the shared error shape.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient, expectError, type ApiClient } from './api';

process.env.DATABASE_URL = inject('databaseUrl');

interface MetaField {
  name: string;
  type: string;
  label: { en: string; zh: string };
  required?: boolean;
  target?: string;
  default?: unknown;
  maxLength?: number;
  options?: { value: string; label: { en: string; zh: string } }[];
}

const metaDir = path.resolve(__dirname, '../../../metadata/objects');
const stock = fs
  .readdirSync(metaDir)
  .filter((f) => f.endsWith('.json'))
  .map(
    (f) =>
      JSON.parse(fs.readFileSync(path.join(metaDir, f), 'utf8')) as {
        name: string;
        label: { en: string; zh: string };
        fields: MetaField[];
        process?: { field: string; stageField: string };
      },
  );

let api: ApiClient;

beforeAll(async () => {
  api = await apiClient('objects');
});

describe('GET /api/v1/objects', () => {
  it('lists every stock object with both labels', async () => {
    const res = await api.get('/api/v1/objects');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const byName = new Map((res.body.objects as { name: string; label: unknown; pluralLabel: unknown }[]).map((o) => [o.name, o]));
    expect([...byName.keys()].sort()).toEqual(stock.map((o) => o.name).sort());
    for (const o of stock) expect(byName.get(o.name)).toMatchObject({ label: o.label, pluralLabel: { en: expect.any(String), zh: expect.any(String) } });
  });
});

describe('GET /api/v1/objects/{object}', () => {
  it.each(stock.map((o) => [o.name, o] as const))('describes %s with every metadata field, type and label', async (name, meta) => {
    const res = await api.get(`/api/v1/objects/${name}`);
    expect(res.status).toBe(200);
    const described = res.body.object;
    expect(described).toMatchObject({ name, label: meta.label });
    const fields = new Map((described.fields as { name: string }[]).map((f) => [f.name, f]));
    for (const f of meta.fields) {
      expect(fields.get(f.name), `${name}.${f.name}`).toMatchObject({ name: f.name, type: f.type, label: f.label, required: Boolean(f.required) });
      if (f.target) expect(fields.get(f.name)).toMatchObject({ target: f.target });
      // The process and stage picklists take their values from the sales processes (checked below).
      const derived = [meta.process?.field, meta.process?.stageField].includes(f.name);
      if (f.options && !derived) {
        expect(fields.get(f.name)).toMatchObject({ options: f.options.map((o) => ({ value: o.value, label: o.label, active: true })) });
      }
    }
  });

  it('describes the account fields an integrator needs to build a form', async () => {
    const { body } = await api.get('/api/v1/objects/account');
    const field = (n: string) => body.object.fields.find((f: { name: string }) => f.name === n);
    expect(body.object.nameField).toBe('name');
    expect(field('name')).toMatchObject({ type: 'text', label: { en: 'Account name', zh: '客户名称' }, required: true, readOnly: false, maxLength: 200 });
    expect(field('parent')).toMatchObject({ type: 'lookup', target: 'account', label: { en: 'Parent account', zh: '上级客户' }, sortable: false });
    expect(field('industry')).toMatchObject({ type: 'picklist', filterOperators: expect.arrayContaining(['eq', 'in', 'not_in']) });
    expect(field('industry').options).toContainEqual({ value: 'it', label: { en: 'IT and internet', zh: 'IT/互联网' }, active: true });
    expect(field('annual_revenue')).toMatchObject({ type: 'currency', properties: ['annual_revenue', 'annual_revenue_currency'], sortable: true });
    expect(field('employees')).toMatchObject({ type: 'integer', min: 0, filterOperators: expect.arrayContaining(['gte', 'between']) });
    expect(field('email')).toMatchObject({ type: 'email' });
  });

  it('describes system fields as read-only, the owner as a writable user lookup', async () => {
    const { body } = await api.get('/api/v1/objects/account');
    const field = (n: string) => body.object.fields.find((f: { name: string }) => f.name === n);
    for (const n of ['id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'version']) {
      expect(field(n), n).toMatchObject({ system: true, readOnly: true });
    }
    expect(field('owner')).toMatchObject({ type: 'user', readOnly: false });
    expect(field('id').target).toBeUndefined();
  });

  it('offers the stages of every sales process as stage values, and the processes as process values', async () => {
    const body = (await api.get('/api/v1/objects/opportunity')).body;
    const values = (name: string) => body.object.fields.find((f: { name: string }) => f.name === name).options.map((o: { value: string }) => o.value);
    expect(values('sales_process')).toEqual(['product_sale', 'project_bid']);
    expect(values('stage')).toEqual([
      'discovery',
      'qualification',
      'proposal',
      'negotiation',
      'closed_won',
      'closed_lost',
      'bid_found',
      'bid_qualified',
      'bid_survey',
      'bid_solution',
      'bid_presales',
      'bid_tender',
      'bid_bidding',
      'bid_awarded',
      'bid_contract',
      'bid_signed',
      'bid_lost',
      'bid_abandoned',
    ]);
  });

  it('reports a picklist default (opportunity stage)', async () => {
    const { body } = await api.get('/api/v1/objects/opportunity');
    expect(body.object.fields.find((f: { name: string }) => f.name === 'stage')).toMatchObject({ type: 'picklist', required: true, default: 'discovery' });
  });

  it.each([
    ['an unknown object', 'nope'],
    ['a platform table name', 'tessera_autonumber'],
    ['a prototype key', '__proto__'],
    ['an upper-case spelling', 'Account'],
  ])('answers 404 with the error shape for %s', async (_label, name) => {
    const res = await api.get(`/api/v1/objects/${encodeURIComponent(name)}`);
    const error = expectError(res, 404, 'NOT_FOUND');
    expect(error.message).toContain(name);
    expect(error.details).toEqual([{ code: 'object.unknown', message: error.message }]);
  });

  it('answers in Chinese when asked', async () => {
    const error = expectError(await api.get('/api/v1/objects/nope', { lang: 'zh-CN,zh;q=0.9' }), 404, 'NOT_FOUND');
    expect(error.message).toBe('未知对象"nope"');
  });
});
