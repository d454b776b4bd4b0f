/**
 * The record service's writes as an integrator sees them: create/get/update/delete/restore,
 * defaults, auto numbers, versions and conflicts, not-found cases, and validation errors (all of
 * them at once, each naming its field, in English or Chinese) that leave nothing written.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/core/errors';
import type { RecordContext } from '../../../platform/data/context';
import { createRecord, deleteRecord, getRecord, listDeleted, listRecords, restoreRecord, updateRecord } from '../../../platform/data';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';
import { listAll } from './dataset';

let tw: TestWorkspace;
let ctx: RecordContext;
let accountId: string;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  tw = await createTestWorkspace('crud');
  ctx = await tw.ctx();
  accountId = (await createRecord(ctx, 'account', { name: '华为技术有限公司' })).id as string;
});

/** The AppError a call fails with (fails the test if it succeeds or throws something else). */
async function failure(call: Promise<unknown>): Promise<AppError> {
  const e = await call.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${e === undefined ? 'success' : String(e)}`);
  return e;
}

/** Rows of an object, live and in the recycle bin. */
async function rowCount(object: string): Promise<number> {
  const res = await ctx.pool.query(`SELECT count(*)::int AS n FROM "${tw.workspace.schema}"."${object}"`);
  return res.rows[0].n;
}

/** The year contract numbers carry right now (business dates are China time). */
const chinaYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

describe('create and get', () => {
  it('returns the record with its system fields, and get returns the same record', async () => {
    const before = Date.now();
    const rec = await createRecord(ctx, 'opportunity', { name: 'ERP 升级', account: accountId.toUpperCase(), amount: 1234.567, close_date: '2026-03-05', next_step: '' });
    expect(rec).toMatchObject({
      name: 'ERP 升级',
      account: accountId,
      amount: 1234.57,
      amount_currency: 'CNY',
      close_date: '2026-03-05',
      next_step: null,
      probability: 10,
      version: 1,
      owner: tw.admin.id,
      created_by: tw.admin.id,
      updated_by: tw.admin.id,
    });
    expect(rec.id).toMatch(UUID);
    expect(rec.created_at).toMatch(ISO);
    expect(Date.parse(rec.created_at as string)).toBeGreaterThanOrEqual(before - 1000);
    expect(await getRecord(ctx, 'opportunity', rec.id as string)).toEqual(rec);
  });

  it('attaches the display names of lookups when asked', async () => {
    const rec = await createRecord(ctx, 'opportunity', { name: 'Named', account: accountId, close_date: '2026-03-05' });
    const got = await getRecord(ctx, 'opportunity', rec.id as string, { withNames: true });
    expect(got.$names).toEqual({ account: '华为技术有限公司', owner: 'Admin', created_by: 'Admin', updated_by: 'Admin' });
  });

  it.each([
    ['opportunity', { name: 'Default stage', close_date: '2026-03-05' }, { stage: 'discovery' }],
    ['opportunity', { name: 'Given stage', close_date: '2026-03-05', stage: 'proposal', amount: 1000 }, { stage: 'proposal', probability: 40 }],
    ['activity', { subject: 'Defaults' }, { type: 'task', status: 'planned' }],
    ['lead', { name: '李雷' }, { status: 'new' }],
    ['account', { name: 'USD revenue', annual_revenue: 5, annual_revenue_currency: 'USD' }, { annual_revenue_currency: 'USD' }],
  ])('%s %j gets %j', async (object, input, expected) => {
    const rec = await createRecord(ctx, object, input);
    expect(rec).toMatchObject(expected);
    expect(await getRecord(ctx, object, rec.id as string)).toMatchObject(expected);
  });

  it('gives another user as owner when asked, and the creator otherwise', async () => {
    const alice = await tw.addUser('Alice');
    const rec = await createRecord(await tw.ctx(alice), 'account', { name: 'Owned by admin', owner: tw.admin.id });
    expect(rec).toMatchObject({ owner: tw.admin.id, created_by: alice.id });
    expect((await createRecord(await tw.ctx(alice), 'account', { name: 'Owned by Alice' })).owner).toBe(alice.id);
  });

  it('names an activity after its subject, on create and on update', async () => {
    const rec = await createRecord(ctx, 'activity', { subject: '拜访客户' });
    expect(rec.name).toBe('拜访客户');
    const updated = await updateRecord(ctx, 'activity', rec.id as string, { subject: 'Call back' });
    expect(updated.name).toBe('Call back');
    expect((await listRecords(ctx, 'activity', { search: 'call back' })).records.map((r) => r.id)).toContain(rec.id);
  });
});

describe('contract numbers', () => {
  it('are assigned HT-<year>-0001, -0002... in order, without gaps after a failed create', async () => {
    const year = chinaYear();
    const first = await createRecord(ctx, 'contract', { name: 'C1', account: accountId });
    expect(first).toMatchObject({ number: `HT-${year}-0001`, status: 'draft' });
    expect(await createRecord(ctx, 'contract', { name: 'C2', account: accountId })).toMatchObject({ number: `HT-${year}-0002` });
    await failure(createRecord(ctx, 'contract', { name: 'C-bad', account: randomUUID() }));
    await failure(createRecord(ctx, 'contract', { name: 'C-bad', account: accountId, amount: -1 }));
    expect(await createRecord(ctx, 'contract', { name: 'C3', account: accountId })).toMatchObject({ number: `HT-${year}-0003` });
    expect((await listRecords(ctx, 'contract', { search: `HT-${year}-0002` })).records.map((r) => r.name)).toEqual(['C2']);
  });

  it('stay distinct when contracts are created at the same time', async () => {
    const made = await Promise.all(Array.from({ length: 6 }, (_, i) => createRecord(ctx, 'contract', { name: `Parallel ${i}`, account: accountId })));
    const numbers = made.map((c) => Number(String(c.number).slice(-4))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(6);
    expect(numbers[5] - numbers[0]).toBe(5);
  });

  it('cannot be written by a client', async () => {
    const e = await failure(createRecord(ctx, 'contract', { name: 'Mine', account: accountId, number: 'HT-1999-0001' }));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.details).toEqual([{ field: 'number', code: 'readOnly', message: 'Contract number is read-only' }]);
  });
});

describe('update, versions and conflicts', () => {
  it('changes only the given fields and counts versions', async () => {
    const alice = await tw.addUser('Alice editor');
    const rec = await createRecord(ctx, 'opportunity', { name: 'Versioned', close_date: '2026-03-05', amount: 100, probability: 10 });
    const v2 = await updateRecord(await tw.ctx(alice), 'opportunity', rec.id as string, { amount: 200 });
    expect(v2).toMatchObject({ version: 2, amount: 200, probability: 10, name: 'Versioned', updated_by: alice.id, created_by: tw.admin.id });
    expect(Date.parse(v2.updated_at as string)).toBeGreaterThanOrEqual(Date.parse(rec.updated_at as string));
    const v3 = await updateRecord(ctx, 'opportunity', rec.id as string, { probability: null }, { expectedVersion: 2 });
    expect(v3).toMatchObject({ version: 3, probability: null, amount: 200 });
    expect(await getRecord(ctx, 'opportunity', rec.id as string)).toEqual(v3);
  });

  it('refuses a stale version with CONFLICT naming the current version, and changes nothing', async () => {
    const rec = await createRecord(ctx, 'opportunity', { name: 'Contended', close_date: '2026-03-05' });
    await updateRecord(ctx, 'opportunity', rec.id as string, { amount: 1 });
    for (const call of [
      () => updateRecord(ctx, 'opportunity', rec.id as string, { amount: 2 }, { expectedVersion: 1 }),
      () => deleteRecord(ctx, 'opportunity', rec.id as string, { expectedVersion: 1 }),
    ]) {
      const e = await failure(call());
      expect(e).toMatchObject({ code: 'CONFLICT', status: 409 });
      expect(e.details).toEqual([{ field: 'version', code: 'stale', message: 'This record was changed by someone else (version 2); reload and try again' }]);
    }
    expect(await getRecord(ctx, 'opportunity', rec.id as string)).toMatchObject({ version: 2, amount: 1 });
    const zh = await failure(updateRecord(await tw.ctx(tw.admin, 'zh-CN'), 'opportunity', rec.id as string, { amount: 3 }, { expectedVersion: 5 }));
    expect(zh.message).toBe('该记录已被他人修改（版本 2），请刷新后重试');
  });
});

describe('delete, recycle bin, restore', () => {
  it('moves a record to the recycle bin and back', async () => {
    const rec = await createRecord(ctx, 'account', { name: '回收站测试' });
    await deleteRecord(ctx, 'account', rec.id as string);
    expect((await failure(getRecord(ctx, 'account', rec.id as string))).code).toBe('NOT_FOUND');
    expect((await listAll(ctx, 'account')).map((r) => r.id)).not.toContain(rec.id);
    const bin = (await listDeleted(ctx, 'account')).records;
    expect(bin[0]).toMatchObject({ id: rec.id, version: 2 });
    expect(bin[0].deleted_at).toMatch(ISO);

    const restored = await restoreRecord(ctx, 'account', rec.id as string);
    expect(restored).toMatchObject({ id: rec.id, name: '回收站测试', version: 3 });
    expect(restored.deleted_at).toBeUndefined();
    expect((await listAll(ctx, 'account')).map((r) => r.id)).toContain(rec.id);
    expect((await listDeleted(ctx, 'account')).records.map((r) => r.id)).not.toContain(rec.id);
  });

  it('lists the recycle bin most recently deleted first', async () => {
    const a = await createRecord(ctx, 'lead', { name: 'First deleted' });
    const b = await createRecord(ctx, 'lead', { name: 'Second deleted' });
    await deleteRecord(ctx, 'lead', a.id as string);
    await new Promise((r) => setTimeout(r, 5)); // distinct deletion times, even at millisecond precision
    await deleteRecord(ctx, 'lead', b.id as string);
    expect((await listDeleted(ctx, 'lead')).records.slice(0, 2).map((r) => r.name)).toEqual(['Second deleted', 'First deleted']);
  });

  it('refuses to restore a record that is not deleted', async () => {
    const rec = await createRecord(ctx, 'lead', { name: 'Alive' });
    const e = await failure(restoreRecord(ctx, 'lead', rec.id as string));
    expect(e).toMatchObject({ code: 'CONFLICT', message: 'The record is not in the recycle bin' });
  });
});

describe('not found', () => {
  let deletedId: string;
  beforeAll(async () => {
    deletedId = (await createRecord(ctx, 'account', { name: 'Gone' })).id as string;
    await deleteRecord(ctx, 'account', deletedId);
  });
  const unknown = randomUUID();
  const cases: [string, () => Promise<unknown>][] = [
    ['get an unknown id', () => getRecord(ctx, 'account', unknown)],
    ['get a malformed id', () => getRecord(ctx, 'account', "1' OR '1'='1")],
    ['get a deleted record', () => getRecord(ctx, 'account', deletedId)],
    ['update an unknown id', () => updateRecord(ctx, 'account', unknown, { name: 'x' })],
    ['update a malformed id', () => updateRecord(ctx, 'account', 'abc', { name: 'x' })],
    ['update a deleted record', () => updateRecord(ctx, 'account', deletedId, { name: 'x' })],
    ['update a deleted record with its version', () => updateRecord(ctx, 'account', deletedId, { name: 'x' }, { expectedVersion: 2 })],
    ['delete an unknown id', () => deleteRecord(ctx, 'account', unknown)],
    ['delete a deleted record', () => deleteRecord(ctx, 'account', deletedId)],
    ['restore an unknown id', () => restoreRecord(ctx, 'account', unknown)],
  ];
  it.each(cases)('%s', async (_, call) => {
    const e = await failure(call());
    expect(e).toMatchObject({ code: 'NOT_FOUND', status: 404, message: 'Account record not found' });
  });

  it.each([
    ['create', () => createRecord(ctx, 'invoice', { name: 'x' })],
    ['get', () => getRecord(ctx, 'invoice', unknown)],
    ['list', () => listRecords(ctx, 'invoice')],
    ['update', () => updateRecord(ctx, 'invoice', unknown, {})],
    ['delete', () => deleteRecord(ctx, 'invoice', unknown)],
    ['list deleted', () => listDeleted(ctx, 'invoice')],
  ] as [string, () => Promise<unknown>][])('%s on an unknown object', async (_, call) => {
    expect(await failure(call())).toMatchObject({ code: 'NOT_FOUND', message: 'Unknown object "invoice"' });
  });
});

interface Invalid {
  name: string;
  object: string;
  input: Record<string, unknown>;
  errors: [field: string, code: string, en: string, zh: string][];
}

const STAGES =
  'discovery, qualification, proposal, negotiation, closed_won, closed_lost, bid_found, bid_qualified, bid_survey, bid_solution, bid_presales, bid_tender, bid_bidding, bid_awarded, bid_contract, bid_signed, bid_lost, bid_abandoned';
/** The same options as a Chinese reader is told them: their names, with the value an integration sends. */
const STAGES_ZH =
  '初步接洽（discovery）、需求确认（qualification）、方案报价（proposal）、谈判审核（negotiation）、赢单（closed_won）、输单（closed_lost）、商机发现（bid_found）、项目立项（bid_qualified）、需求调研（bid_survey）、方案设计（bid_solution）、技术交流（bid_presales）、招标发布（bid_tender）、投标（bid_bidding）、中标（bid_awarded）、合同谈判（bid_contract）、合同签订（bid_signed）、未中标（bid_lost）、放弃投标（bid_abandoned）';
const INVALID: Invalid[] = [
  {
    name: 'a lead with six problems',
    object: 'lead',
    input: { email: 'not-an-email', foo: 1, version: 3, status: 'bogus', mobile: 'call me' },
    errors: [
      ['email', 'email', 'Email must be a valid email address', '邮箱必须是有效的电子邮件地址'],
      ['foo', 'unknownField', 'Unknown field "foo"', '未知字段"foo"'],
      ['mobile', 'phone', 'Mobile must be a valid phone number', '手机必须是有效的电话号码'],
      ['name', 'required', 'Name is required', '姓名不能为空'],
      [
        'status',
        'enum',
        'Status must be one of: new, contacted, qualified, unqualified, converted',
        '状态必须是以下之一：新线索（new）、已联系（contacted）、已确认（qualified）、无效（unqualified）、已转化（converted）',
      ],
      ['version', 'readOnly', 'Version is read-only', '版本为只读字段'],
    ],
  },
  {
    name: 'an opportunity with every kind of wrong value',
    object: 'opportunity',
    input: { name: '', amount: 'abc', amount_currency: 'usd', stage: 'won', close_date: '2026-02-30', probability: 101, account: 'acme', id: randomUUID() },
    errors: [
      ['account', 'uuid', 'Account must be a record id', '客户必须是记录 ID'],
      ['amount', 'type', 'Amount must be a number', '金额必须是数字'],
      ['amount_currency', 'currency', 'Amount (currency) must be a 3-letter currency code', '金额 (币种)必须是三位货币代码'],
      ['close_date', 'date', 'Close date must be a date (YYYY-MM-DD)', '预计成交日期必须是日期（YYYY-MM-DD）'],
      ['id', 'readOnly', 'Record ID is read-only', '记录 ID为只读字段'],
      ['name', 'required', 'Opportunity name is required', '商机名称不能为空'],
      ['probability', 'maximum', 'Probability must be at most 100', '赢率不能大于100'],
      ['stage', 'enum', `Stage must be one of: ${STAGES}`, `阶段必须是以下之一：${STAGES_ZH}`],
    ],
  },
  {
    name: 'numbers out of range and text too long',
    object: 'account',
    input: { name: 'x'.repeat(201), employees: 1.5, annual_revenue: -1e17, website: 'javascript:alert(1)' },
    errors: [
      ['annual_revenue', 'minimum', 'Annual revenue must be greater than -10000000000000000', '年营业额必须大于-10000000000000000'],
      ['employees', 'type', 'Employees must be a whole number', '员工人数必须是整数'],
      ['name', 'maxLength', 'Account name must be at most 200 characters', '客户名称最多200个字符'],
      ['website', 'url', 'Website must be a valid URL (http or https)', '网站必须是有效的网址（http 或 https）'],
    ],
  },
  {
    name: 'a negative contract amount and a missing account',
    object: 'contract',
    input: { name: 'No account', amount: -5, cost: 1e16 },
    errors: [
      ['account', 'required', 'Account is required', '客户不能为空'],
      ['amount', 'minimum', 'Contract amount must be at least 0', '合同金额不能小于0'],
      ['cost', 'maximum', 'Cost must be less than 10000000000000000', '成本必须小于10000000000000000'],
    ],
  },
  {
    name: 'an activity naming itself',
    object: 'activity',
    input: { subject: 'ok', name: 'Not allowed' },
    errors: [['name', 'readOnly', 'Name is read-only', '名称为只读字段']],
  },
];

describe('validation', () => {
  it.each(INVALID.map((c) => [c.name, c] as const))('%s: every problem reported together, in English and Chinese', async (_, c) => {
    const before = await rowCount(c.object);
    for (const locale of ['en', 'zh-CN'] as const) {
      const e = await failure(createRecord(await tw.ctx(tw.admin, locale), c.object, c.input));
      expect(e).toMatchObject({ code: 'VALIDATION_FAILED', status: 422 });
      const got = [...e.details].sort((a, b) => String(a.field).localeCompare(String(b.field)));
      expect(got).toEqual(c.errors.map(([field, code, en, zh]) => ({ field, code, message: locale === 'en' ? en : zh })));
      const summary = c.errors.length === 1 ? (locale === 'en' ? c.errors[0][2] : c.errors[0][3]) : locale === 'en' ? 'Some fields need attention' : '部分字段需要修正';
      expect(e.message).toBe(summary);
    }
    expect(await rowCount(c.object)).toBe(before);
  });

  it.each([
    ['name: null', { name: null }, 'name', 'required'],
    ['name: ""', { name: '' }, 'name', 'required'],
    ['close_date: null', { close_date: null }, 'close_date', 'required'],
    ['stage: null', { stage: null }, 'stage', 'required'],
    ['amount: "1"', { amount: '1' }, 'amount', 'type'],
    ['created_at', { created_at: '2026-01-01T00:00:00Z' }, 'created_at', 'readOnly'],
  ])('an update with %s is refused and changes nothing', async (_, change, field, code) => {
    const rec = await createRecord(ctx, 'opportunity', { name: 'Stable', close_date: '2026-03-05', amount: 7 });
    const e = await failure(updateRecord(ctx, 'opportunity', rec.id as string, change));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.details).toMatchObject([{ field, code }]);
    expect(await getRecord(ctx, 'opportunity', rec.id as string)).toEqual(rec);
  });

  it('refuses text containing a NUL character as a field error, not a database error', async () => {
    const before = await rowCount('account');
    const e = await failure(createRecord(ctx, 'account', { name: 'Acme\u0000Ltd' }));
    expect(e).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(e.details.map((d) => d.field)).toEqual(['name']);
    expect(await rowCount('account')).toBe(before);
  });

  it('an update cannot leave a record without an owner', async () => {
    // A record created without an owner belongs to its creator; an update must not clear the owner
    // either, or the record drops out of every owner-based view and rule.
    const rec = await createRecord(ctx, 'account', { name: 'Owned' });
    expect(rec.owner).toBe(tw.admin.id);
    const outcome = await updateRecord(ctx, 'account', rec.id as string, { owner: null }).then(
      (r) => r.owner,
      (e: AppError) => e.details?.[0]?.field,
    );
    expect(outcome === tw.admin.id || outcome === 'owner', `owner after update: ${String(outcome)}`).toBe(true);
    expect((await getRecord(ctx, 'account', rec.id as string)).owner).toBe(tw.admin.id);
  });

  it('refuses a body that is not an object', async () => {
    for (const body of [null, [], 'name=x', 42]) {
      expect((await failure(createRecord(ctx, 'account', body))).code).toBe('BAD_REQUEST');
    }
  });
});

describe('references', () => {
  let deletedAccount: string;
  beforeAll(async () => {
    deletedAccount = (await createRecord(ctx, 'account', { name: 'Deleted account' })).id as string;
    await deleteRecord(ctx, 'account', deletedAccount);
  });

  it.each([
    ['a missing account', () => randomUUID()],
    ['a deleted account', () => deletedAccount],
  ])('a lookup to %s is refused on create and update, naming the field; nothing is written', async (_, target) => {
    const before = await rowCount('opportunity');
    for (const locale of ['en', 'zh-CN'] as const) {
      const e = await failure(createRecord(await tw.ctx(tw.admin, locale), 'opportunity', { name: 'Orphan', close_date: '2026-03-05', account: target() }));
      expect(e).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(e.details).toEqual([
        { field: 'account', code: 'lookupMissing', message: locale === 'en' ? 'Account: the referenced record does not exist' : '客户：引用的记录不存在' },
      ]);
    }
    expect(await rowCount('opportunity')).toBe(before);
    const rec = await createRecord(ctx, 'opportunity', { name: 'Linked', close_date: '2026-03-05', account: accountId });
    const e = await failure(updateRecord(ctx, 'opportunity', rec.id as string, { account: target(), amount: 5 }));
    expect(e.details.map((d) => d.field)).toEqual(['account']);
    expect(await getRecord(ctx, 'opportunity', rec.id as string)).toEqual(rec);
  });

  it('an owner must be an active user of the workspace', async () => {
    const e = await failure(createRecord(ctx, 'account', { name: 'Nobody owns me', owner: randomUUID() }));
    expect(e.details).toEqual([{ field: 'owner', code: 'lookupMissing', message: 'Owner: the referenced record does not exist' }]);
    const other = await createTestWorkspace('crud_other');
    const e2 = await failure(createRecord(ctx, 'account', { name: 'Foreign owner', owner: other.admin.id }));
    expect(e2.details.map((d) => d.field)).toEqual(['owner']);
  });
});
