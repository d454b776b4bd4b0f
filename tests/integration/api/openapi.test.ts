/**
 * GET /api/v1/openapi.json is a usable OpenAPI 3.1 document: paths and operations per object,
 * schemas that match the described fields, bearer security, and schemas that really validate what
 * the API returns and accepts (compiled with ajv, JSON Schema 2020-12).
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createAjv, type AjvInstance } from '../../../platform/metadata/ajv';
import { recordView } from '../../../platform/navigation/recent';
import { apiClient, type ApiClient } from './api';

process.env.DATABASE_URL = inject('databaseUrl');

let api: ApiClient;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document walked by path
let doc: any;
let ajv: AjvInstance;

beforeAll(async () => {
  api = await apiClient('rest_openapi');
  const res = await api.get('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  doc = res.body;
  // The project's own ajv (strict): a keyword that is not JSON Schema 2020-12 fails compilation.
  ajv = createAjv();
});

const compiled = new Map<string, ReturnType<AjvInstance['compile']>>();

/** The validator of a components schema, compiled once. */
function validator(name: string) {
  if (!compiled.has(name)) compiled.set(name, ajv.compile(doc.components.schemas[name]));
  return compiled.get(name)!;
}

const objects = ['account', 'contact', 'lead', 'opportunity', 'activity', 'contract'];
const pascal = (s: string) => s.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

describe('document', () => {
  it('is OpenAPI 3.1 with info, a server and bearer security', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: 'http://localhost' }]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearer: [] }]);
  });

  it.each(objects)('has list/create and get/patch/delete paths for %s', (name) => {
    const P = pascal(name);
    expect(Object.keys(doc.paths[`/api/v1/records/${name}`]).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths[`/api/v1/records/${name}/{id}`]).sort()).toEqual(['delete', 'get', 'patch']);
    expect(doc.paths[`/api/v1/records/${name}/{id}/restore`].post).toBeDefined();
    expect(doc.components.schemas).toHaveProperty(P);
    expect(doc.components.schemas).toHaveProperty(`${P}Create`);
    expect(doc.components.schemas).toHaveProperty(`${P}Patch`);
  });

  it('documents the list parameters, If-Match and the error responses', () => {
    const list = doc.paths['/api/v1/records/account'].get;
    expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['cursor', 'filter', 'limit', 'q', 'sort']);
    expect(list.responses['200'].content['application/json'].schema.properties.records.items).toEqual({ $ref: '#/components/schemas/Account' });
    const patch = doc.paths['/api/v1/records/account/{id}'].patch;
    expect(patch.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['path:id', 'header:If-Match']);
    expect(Object.keys(patch.responses).sort()).toEqual(['200', '400', '401', '404', '409', '413', '422']);
    expect(doc.paths['/api/v1/records/account'].post.responses['201']).toBeDefined();
    expect(doc.paths['/api/v1/records/account/{id}'].delete.responses['204']).toBeDefined();
  });

  it('documents POST .../query, taking the list parameters as a JSON body', () => {
    const query = doc.paths['/api/v1/records/account/query'].post;
    expect(query.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ListQuery' });
    expect(Object.keys(doc.components.schemas.ListQuery.properties).sort()).toEqual(['cursor', 'filter', 'limit', 'q', 'sort']);
    expect(Object.keys(query.responses).sort()).toEqual(['200', '400', '401', '404', '413']);
  });

  it('documents every route the API serves, including the recycle bin', () => {
    expect(doc.paths['/api/v1/objects'].get).toBeDefined();
    expect(doc.paths['/api/v1/objects/{object}'].get).toBeDefined();
    const bin = doc.paths['/api/v1/recycle-bin/account'] ?? doc.paths['/api/v1/recycle-bin/{object}'];
    expect(bin?.get, 'GET /api/v1/recycle-bin/{object} is missing from paths').toBeDefined();
  });

  it('documents totals, follow and actions per object, and global search and recently viewed', () => {
    const codes = (op: { responses: object }) => Object.keys(op.responses).sort();
    const totals = doc.paths['/api/v1/records/opportunity/totals'].get;
    expect(totals.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['filter', 'q']);
    expect(codes(totals)).toEqual(['200', '400', '401', '403', '404']);
    expect(Object.keys(doc.paths['/api/v1/records/opportunity/{id}/follow']).sort()).toEqual(['delete', 'get', 'post']);
    const action = doc.paths['/api/v1/records/opportunity/{id}/actions/{action}'].post;
    expect(action.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['path:id', 'path:action']);
    expect(codes(action)).toEqual(['200', '400', '401', '403', '404', '409', '413', '422', '423']);
    expect(doc.paths['/api/v1/search'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['q']);
    expect(codes(doc.paths['/api/v1/search'].get)).toEqual(['200', '400', '401']);
    expect(doc.paths['/api/v1/recent'].get.responses['200']).toBeDefined();
  });

  it('gives every operation a unique operationId', () => {
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops as Record<string, { operationId: string }>).map((o) => o.operationId));
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('resolves every $ref in the document', () => {
    const refs: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          if (k === '$ref') refs.push(x as string);
          else walk(x);
        }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas, ref).toHaveProperty(ref.split('/').pop()!);
    }
  });
});

describe('schemas match the described fields', () => {
  it.each(objects)('%s: record properties are the described properties, create properties the writable ones', async (name) => {
    const { body } = await api.get(`/api/v1/objects/${name}`);
    const fields = body.object.fields as { name: string; readOnly: boolean; required: boolean; properties: string[]; type: string; options?: { value: string }[] }[];
    const P = pascal(name);
    const record = doc.components.schemas[P];
    const create = doc.components.schemas[`${P}Create`];
    expect(Object.keys(record.properties).sort()).toEqual(fields.flatMap((f) => f.properties).sort());
    expect(Object.keys(create.properties).sort()).toEqual(
      fields
        .filter((f) => !f.readOnly)
        .flatMap((f) => f.properties)
        .sort(),
    );
    expect([...create.required].sort()).toEqual(
      fields
        .filter((f) => !f.readOnly && f.required)
        .map((f) => f.name)
        .sort(),
    );
    expect(doc.components.schemas[`${P}Patch`].required ?? []).toEqual([]);
    for (const f of fields.filter((x) => x.type === 'picklist' && !x.readOnly)) {
      expect(f.options, `${name}.${f.name}`).toBeDefined();
      expect(create.properties[f.name].enum, `${name}.${f.name}`).toEqual(expect.arrayContaining((f.options ?? []).map((o) => o.value)));
    }
  });

  it('types the account fields', () => {
    const { properties } = doc.components.schemas.Account;
    expect(properties.name).toMatchObject({ type: ['string', 'null'], maxLength: 200, title: 'Account name' });
    expect(properties.employees.type).toEqual(['integer', 'null']);
    expect(properties.annual_revenue.type).toEqual(['number', 'null']);
    expect(properties.email).toMatchObject({ format: 'email' });
    expect(properties.id).toMatchObject({ type: 'string', format: 'uuid', readOnly: true });
    expect(properties.version).toMatchObject({ type: 'integer', readOnly: true });
    expect(doc.components.schemas.AccountCreate.properties.name.type).toBe('string');
  });

  it('marks the fields an approval flow sets as read-only, saying why', () => {
    const status = doc.components.schemas.Contract.properties.status;
    expect(status.readOnly).toBe(true);
    expect(status.description).toMatch(/Set by the approval process/);
    expect(doc.components.schemas.Contract.properties.amount.readOnly).toBeUndefined();
  });
});

describe('schemas validate real traffic (ajv, JSON Schema 2020-12, strict)', () => {
  it('every component schema compiles', () => {
    for (const name of Object.keys(doc.components.schemas)) expect(() => validator(name), name).not.toThrow();
  });

  it('a create body accepted by AccountCreate is accepted by the API, and the record it returns is a valid Account', async () => {
    const body = {
      name: 'Schema Co',
      industry: 'it',
      type: 'customer',
      annual_revenue: 1000.25,
      annual_revenue_currency: 'USD',
      employees: 12,
      email: 'hi@schema.example',
      website: 'https://schema.example',
      phone: '+86 138-0013-8000',
      description: null,
    };
    const validateCreate = validator('AccountCreate');
    expect(validateCreate(body), JSON.stringify(validateCreate.errors)).toBe(true);
    const created = await api.post('/api/v1/records/account', body);
    expect(created.status).toBe(201);
    const validateRecord = validator('Account');
    expect(validateRecord(created.body.record), JSON.stringify(validateRecord.errors)).toBe(true);

    const child = await api.post('/api/v1/records/account', { name: 'Child Co', parent: created.body.record.id });
    expect(validateRecord(child.body.record), JSON.stringify(validateRecord.errors)).toBe(true);
    const listed = await api.get('/api/v1/records/account');
    for (const rec of listed.body.records) expect(validateRecord(rec), JSON.stringify(validateRecord.errors)).toBe(true);
  });

  it('an opportunity round-trips through OpportunityCreate and Opportunity', async () => {
    const body = { name: 'Deal', close_date: '2026-06-30', amount: 5000, stage: 'proposal', probability: 40 };
    expect(validator('OpportunityCreate')(body)).toBe(true);
    const created = await api.post('/api/v1/records/opportunity', body);
    expect(created.status).toBe(201);
    const validate = validator('Opportunity');
    expect(validate(created.body.record), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['a missing required name', { industry: 'it' }],
    ['an unknown property', { name: 'X', nickname: 'x' }],
    ['a picklist value not allowed', { name: 'X', industry: 'spaceships' }],
    ['a read-only property', { name: 'X', version: 3 }],
    ['a wrong type', { name: 'X', employees: 'many' }],
  ])('AccountCreate rejects %s, and so does the API', async (_label, body) => {
    expect(validator('AccountCreate')(body)).toBe(false);
    expect((await api.post('/api/v1/records/account', body)).status).toBe(422);
  });

  it('totals, follow, actions, search and recently viewed answer what their schemas describe', async () => {
    // A response schema with its component $refs inlined (each component stands alone).
    const inline = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(inline);
      if (!v || typeof v !== 'object') return v;
      const ref = (v as { $ref?: string }).$ref;
      if (ref) return inline(doc.components.schemas[ref.split('/').pop()!]);
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, inline(x)]));
    };
    const responseSchema = (path: string, method: string) => ajv.compile(inline(doc.paths[path][method].responses['200'].content['application/json'].schema) as object);
    const check = (path: string, method: string, body: unknown) => {
      const validate = responseSchema(path, method);
      expect(validate(body), `${method} ${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    const created = await api.post('/api/v1/records/opportunity', { name: 'Tracked 华东', close_date: '2026-06-30', amount: 7000, stage: 'proposal' });
    const id = created.body.record.id;

    const totals = await api.get('/api/v1/records/opportunity/totals');
    expect(totals.status).toBe(200);
    expect(totals.body.sums.length).toBeGreaterThan(0);
    check('/api/v1/records/opportunity/totals', 'get', totals.body);

    const follow = `/api/v1/records/opportunity/${id}/follow`;
    const followed = await api.post(follow);
    expect(followed.body).toEqual({ following: true, followers: 1 });
    check('/api/v1/records/opportunity/{id}/follow', 'post', followed.body);
    check('/api/v1/records/opportunity/{id}/follow', 'get', (await api.get(follow)).body);
    check('/api/v1/records/opportunity/{id}/follow', 'delete', (await api.del(follow)).body);

    const saved = await api.put('/api/v1/metadata/actions/opportunity/plan_demo', {
      label: { en: 'Plan a demo', zh: '安排演示' },
      type: 'update',
      values: { next_step: 'Demo' },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBeLessThan(300);
    const ran = await api.post(`/api/v1/records/opportunity/${id}/actions/plan_demo`, { expectedVersion: created.body.record.version });
    expect(ran.status, JSON.stringify(ran.body)).toBe(200);
    expect(ran.body.record.next_step).toBe('Demo');
    check('/api/v1/records/opportunity/{id}/actions/{action}', 'post', ran.body);

    const search = await api.get(`/api/v1/search?q=${encodeURIComponent('Tracked')}`);
    expect(search.body.groups.map((g: { object: string }) => g.object)).toContain('opportunity');
    check('/api/v1/search', 'get', search.body);

    await recordView(await api.tw.ctx(), 'opportunity', id);
    const recent = await api.get('/api/v1/recent');
    expect(recent.body.records.map((r: { id: string }) => r.id)).toEqual([id]);
    check('/api/v1/recent', 'get', recent.body);

    const settings = await api.get('/api/v1/admin/settings');
    check('/api/v1/admin/settings', 'get', settings.body);
    const changed = await api.put('/api/v1/admin/settings', { fiscalYearStartMonth: 4 });
    expect(changed.body.fiscalYearStartMonth).toBe(4);
    check('/api/v1/admin/settings', 'put', changed.body);
    await api.put('/api/v1/admin/settings', { fiscalYearStartMonth: 1 });
    expect(doc.paths['/api/v1/admin/settings'].put.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/WorkspaceSettingsPatch' });
    const principals = await api.get('/api/v1/principals?kind=role');
    check('/api/v1/principals', 'get', principals.body);
  });

  it('an error response matches the Error schema', async () => {
    const res = await api.post('/api/v1/records/account', { name: '', email: 'bad' });
    const validate = validator('Error');
    expect(validate(res.body), JSON.stringify(validate.errors)).toBe(true);
  });
});
