/**
 * `__proto__`, `constructor` and `prototype` in what callers send (issue 11, part 2). A body copied
 * into a plain object with `out[k] = v` made `{"__proto__": {...}}` the prototype of the copy, so a
 * sales rep could write a read-only field, a field hidden from them, skip stage gates and stage
 * history, forge an auto number, or get a 500 from a bad value inside it. Now every entry refuses
 * those keys with a typed 400 naming the JSON pointer, and nothing is written: record REST, filters,
 * the metadata REST, packages, and the record service itself (the last line for every channel).
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { AppError } from '../../../platform/core/errors';
import { createRecord, updateRecord } from '../../../platform/data';
import type { RecordContext } from '../../../platform/data/context';
import { getPool } from '../../../platform/db/pool';
import { getPrisma } from '../../../platform/db/prisma';
import { installPackage, packageFromFiles } from '../../../platform/packages/packages';
import { createApiKey } from '../../../platform/security/apiKeys';
import { apiClient, clientFor, expectError, filterParam, type ApiClient } from './api';

process.env.DATABASE_URL = inject('databaseUrl');

let admin: ApiClient;
let rep: ApiClient;
let repCtx: RecordContext;
let account: string;
let opportunity: string;
let contract: string;

/** Everything a write could change for a record: its row, its field and stage history. */
async function state(table: string, id: string): Promise<string> {
  const pool = getPool(admin.tw.url);
  const schema = admin.tw.workspace.schema;
  const row = await pool.query(`SELECT t::text AS row FROM "${schema}"."${table}" t WHERE id = $1`, [id]);
  const history = await pool.query('SELECT count(*)::int AS n FROM field_history WHERE workspace_id = $1 AND record_id = $2', [admin.tw.workspace.id, id]);
  const stages = await pool.query('SELECT count(*)::int AS n FROM stage_history WHERE workspace_id = $1 AND record_id = $2', [admin.tw.workspace.id, id]);
  return JSON.stringify([row.rows[0]?.row, history.rows[0].n, stages.rows[0].n]);
}

async function tableState(table: string): Promise<string> {
  const res = await getPool(admin.tw.url).query(
    `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, ',' ORDER BY id), '')) AS h FROM "${admin.tw.workspace.schema}"."${table}" t`,
  );
  return JSON.stringify(res.rows[0]);
}

beforeAll(async () => {
  admin = await apiClient('proto');
  const user = await admin.tw.addUser('Rep Proto', { permissionSets: ['sales_rep'] });
  const { id, key } = await createApiKey(getPrisma(admin.tw.url), user.id, 'rep');
  rep = clientFor(admin.tw, key, id);
  repCtx = await admin.tw.ctx(user);
  const acc = await rep.post('/api/v1/records/account', { name: 'Proto Co' });
  expect(acc.status, JSON.stringify(acc.body)).toBe(201);
  account = acc.body.record.id;
  const opp = await rep.post('/api/v1/records/opportunity', { name: 'Proto deal', close_date: '2027-03-01', account });
  expect(opp.status, JSON.stringify(opp.body)).toBe(201);
  opportunity = opp.body.record.id;
  const con = await rep.post('/api/v1/records/contract', { name: 'Proto contract', account });
  expect(con.status, JSON.stringify(con.body)).toBe(201);
  contract = con.body.record.id;
});

describe('a sales rep sending __proto__ over REST', () => {
  const cases: [string, 'opportunity' | 'contract', string][] = [
    ['write a read-only field (stage_changed_at)', 'opportunity', '{"__proto__":{"stage_changed_at":"2020-01-01T00:00:00Z"}}'],
    ['write a field hidden from them (contract cost)', 'contract', '{"__proto__":{"cost":1}}'],
    ['skip the stage gates and stage history', 'opportunity', '{"__proto__":{"stage":"closed_won"}}'],
    ['forge an auto number', 'contract', '{"__proto__":{"number":"HT-FAKE-0001"}}'],
    ['send a bad value inside it', 'opportunity', '{"__proto__":{"amount":"lots"}}'],
    ['hide it next to a real change', 'opportunity', '{"description":"changed","__proto__":{"probability":99}}'],
  ];

  it.each(cases)('cannot %s with PATCH: 400 naming /__proto__, nothing written', async (_label, object, body) => {
    const id = object === 'opportunity' ? opportunity : contract;
    const before = await state(object, id);
    const error = expectError(await rep.patch(`/api/v1/records/${object}/${id}`, body), 400, 'BAD_REQUEST');
    expect(error.details).toEqual([{ pointer: '/__proto__', code: 'request.forbiddenKey', message: error.message }]);
    expect(await state(object, id)).toBe(before);
  });

  it.each(cases)('cannot %s with POST: 400, no record created', async (_label, object, body) => {
    const before = await tableState(object);
    const withRequired = body.replace('{', `{"name":"Forged","account":"${account}","close_date":"2027-01-01",`);
    const error = expectError(await rep.post(`/api/v1/records/${object}`, withRequired), 400, 'BAD_REQUEST');
    expect(error.details[0]).toMatchObject({ pointer: '/__proto__', code: 'request.forbiddenKey' });
    expect(await tableState(object)).toBe(before);
  });

  it.each([
    ['constructor at the top', '{"constructor":{"prototype":{"amount":1}}}', '/constructor'],
    ['prototype at the top', '{"prototype":1}', '/prototype'],
    ['__proto__ inside a value', '{"description":{"__proto__":{"x":1}}}', '/description/__proto__'],
    ['__proto__ inside a list', '{"description":[1,{"a":{"__proto__":null}}]}', '/description/1/a/__proto__'],
    ['a key with a slash before it', '{"a/b":{"constructor":1}}', '/a~1b/constructor'],
  ])('refuses %s, naming its pointer', async (_label, body, pointer) => {
    const before = await state('opportunity', opportunity);
    const error = expectError(await rep.patch(`/api/v1/records/opportunity/${opportunity}`, body), 400, 'BAD_REQUEST');
    expect(error.details).toEqual([{ pointer, code: 'request.forbiddenKey', message: error.message }]);
    expect(await state('opportunity', opportunity)).toBe(before);
  });

  it('says so in Chinese to a Chinese caller', async () => {
    const error = expectError(await rep.patch(`/api/v1/records/opportunity/${opportunity}`, '{"__proto__":{}}', { lang: 'zh-CN' }), 400, 'BAD_REQUEST');
    expect(error.message).toBe('请求中不允许使用键名"__proto__"（位置：/__proto__）');
  });

  it('still writes what the rep may write, and a real stage change still goes through the gates', async () => {
    const ok = await rep.patch(`/api/v1/records/opportunity/${opportunity}`, { description: 'fine' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const gated = expectError(await rep.patch(`/api/v1/records/opportunity/${opportunity}`, { stage: 'proposal' }), 422, 'VALIDATION_FAILED');
    expect(gated.details.map((d) => d.code)).toContain('gate.field');
  });
});

describe('filters and list bodies', () => {
  it('a filter with __proto__ is an INVALID_FILTER naming the pointer', async () => {
    const error = expectError(
      await rep.get(`/api/v1/records/opportunity?filter=${encodeURIComponent('{"__proto__":{"field":"name","op":"eq","value":"x"}}')}`),
      400,
      'INVALID_FILTER',
    );
    expect(error.details).toEqual([{ pointer: '/filter/__proto__', code: 'request.forbiddenKey', message: error.message }]);
  });

  it('a nested constructor in a filter over the kanban too', async () => {
    const error = expectError(await rep.get(`/api/v1/kanban/opportunity?${filterParam({ all: [{ constructor: 1 }] })}`), 400, 'INVALID_FILTER');
    expect(error.details[0]).toMatchObject({ pointer: '/filter/all/0/constructor', code: 'request.forbiddenKey' });
  });

  it('POST .../query refuses __proto__ in its body', async () => {
    const error = expectError(await rep.post('/api/v1/records/opportunity/query', '{"filter":{"__proto__":{}}}'), 400, 'BAD_REQUEST');
    expect(error.details[0]).toMatchObject({ pointer: '/filter/__proto__', code: 'request.forbiddenKey' });
  });
});

describe('the record service refuses them for every channel', () => {
  it('an own __proto__ key (as JSON.parse makes it) is a 422 naming it, nothing written', async () => {
    const before = await state('opportunity', opportunity);
    const error = await updateRecord(repCtx, 'opportunity', opportunity, JSON.parse('{"__proto__":{"stage_changed_at":"2020-01-01T00:00:00Z"}}')).catch((e: AppError) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    expect((error as AppError).details).toEqual([expect.objectContaining({ pointer: '/__proto__', code: 'request.forbiddenKey' })]);
    expect(await state('opportunity', opportunity)).toBe(before);
  });

  it('an input whose prototype an earlier copy already replaced is refused too', async () => {
    const before = await tableState('contract');
    const input = Object.assign(Object.create({ number: 'HT-FAKE-0002', cost: 5 }) as Record<string, unknown>, { name: 'Copied', account });
    const error = await createRecord(repCtx, 'contract', input).catch((e: AppError) => e);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    expect((error as AppError).details).toEqual([expect.objectContaining({ pointer: '/__proto__', code: 'request.forbiddenKey' })]);
    expect(await tableState('contract')).toBe(before);
  });

  it('constructor and prototype keys are refused by the service as well', async () => {
    const error = await createRecord(repCtx, 'account', { name: 'X', constructor: 'y', prototype: 1 }).catch((e: AppError) => e);
    expect((error as AppError).details.map((d) => d.pointer).sort()).toEqual(['/constructor', '/prototype']);
  });
});

describe('metadata REST and packages', () => {
  async function revision(): Promise<number> {
    const res = await admin.get('/api/v1/metadata/revisions?limit=1');
    expect(res.status).toBe(200);
    return res.body.revisions[0]?.number ?? 0;
  }

  it('PUT of a view with __proto__ is a 400 naming it, and no revision is made', async () => {
    const before = await revision();
    const body = '{"label":{"en":"Proto","zh":"原型"},"columns":["name"],"__proto__":{"owner":"someone"}}';
    const error = expectError(await admin.put('/api/v1/metadata/views/account/proto_view', body), 400, 'BAD_REQUEST');
    expect(error.details).toEqual([{ pointer: '/__proto__', code: 'request.forbiddenKey', message: error.message }]);
    expect(await revision()).toBe(before);
  });

  it('PUT of a field with a nested constructor key is refused', async () => {
    const before = await revision();
    const body = '{"type":"text","label":{"en":"P","zh":"P","constructor":{}}}';
    const error = expectError(await admin.put('/api/v1/metadata/objects/account/fields/proto_field', body), 400, 'BAD_REQUEST');
    expect(error.details[0]).toMatchObject({ pointer: '/label/constructor', code: 'request.forbiddenKey' });
    expect(await revision()).toBe(before);
  });

  it('"constructor" as a metadata name in the address is refused', async () => {
    const before = await revision();
    const error = expectError(await admin.put('/api/v1/metadata/objects/account/fields/constructor', { type: 'text', label: { en: 'C', zh: 'C' } }), 400, 'BAD_REQUEST');
    expect(error.details[0]).toMatchObject({ pointer: '/path/3', code: 'request.forbiddenKey' });
    expect(await revision()).toBe(before);
  });

  it('a package file with __proto__ is refused by file and pointer before anything is installed', () => {
    const manifest = JSON.stringify({ name: 'proto_pkg', version: '1.0.0', label: { en: 'P', zh: 'P' } });
    let error: unknown;
    try {
      packageFromFiles({
        'manifest.json': manifest,
        'views/account.proto.json': '{"object":"account","name":"proto","label":{"en":"P","zh":"P"},"columns":["name"],"__proto__":{"owner":"x"}}',
        'data/account.json': '[{"name":"A"},{"name":"B","__proto__":{"annual_revenue":1}}]',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('METADATA_INVALID');
    expect((error as AppError).details.map(({ file, pointer, code }) => ({ file, pointer, code }))).toEqual([
      { file: 'views/account.proto.json', pointer: '/__proto__', code: 'json.forbiddenKey' },
      { file: 'data/account.json', pointer: '/1/__proto__', code: 'json.forbiddenKey' },
    ]);
  });

  it('a package cannot name a field or an object "constructor" or "prototype" (nothing could ever write them)', async () => {
    const before = await revision();
    const pkg = packageFromFiles({
      'manifest.json': JSON.stringify({ name: 'proto_names', version: '1.0.0', label: { en: 'P', zh: 'P' } }),
      'objects/prototype.json': JSON.stringify({
        name: 'prototype',
        label: { en: 'P', zh: 'P' },
        pluralLabel: { en: 'Ps', zh: 'Ps' },
        fields: [{ name: 'title', type: 'text', label: { en: 'T', zh: 'T' } }],
      }),
      'extensions/account.json': JSON.stringify({ object: 'account', fields: [{ name: 'constructor', type: 'text', label: { en: 'C', zh: 'C' } }] }),
    });
    const error = await installPackage({ pool: getPool(admin.tw.url), workspace: admin.tw.workspace, userId: admin.tw.admin.id }, pkg).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details.map((d) => d.code)).toEqual(expect.arrayContaining(['field.reserved', 'object.reserved']));
    expect(await revision()).toBe(before);
  });
});
