/**
 * Derived values do not reveal the fields they are derived from (issue 11.4). Reps may not read
 * contract.cost (stock) nor, here, account.secret_score: the stock contract margin, formulas reading
 * through a lookup or through other formulas, and roll-ups summarising or filtering on a hidden
 * child field are absent for them from records, lists, search, kanban cards, related-list columns,
 * describe, OpenAPI, filters and sorts, on REST and tRPC. Managers (the sets the commercial director
 * and finance hold) read cost and see the margin, rounded to its scale in SQL and in memory alike.
 * An admin may mark a derived field safe to show: reps then see its value but not its formula.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createRecord } from '../../../platform/data';
import { getPool } from '../../../platform/db/pool';
import { getPrisma } from '../../../platform/db/prisma';
import type { FieldDef, FormulaFieldDef, ReturnTypeName } from '../../../platform/fields/types';
import { asFormula } from '../../fieldShapes';
import * as designer from '../../../platform/metadata/designer';
import type { LayoutDefinition } from '../../../platform/metadata/model';
import { evaluateFormula } from '../../../platform/rules/formula';
import { login, SESSION_COOKIE } from '../../../platform/security/sessions';
import { expectError, fieldCodes, filterParam } from '../api/api';
import { createSecOrg, type SecOrg, type Who } from './org';

process.env.DATABASE_URL = inject('databaseUrl');

const { GET: trpcGet } = await import('../../../app/api/trpc/[trpc]/route');

const L = (en: string) => ({ en, zh: en });
const formula = (name: string, src: string, returnType: ReturnTypeName, extra: Partial<FormulaFieldDef> = {}): FormulaFieldDef => ({
  name,
  type: 'formula',
  label: L(name),
  formula: src,
  returnType,
  ...extra,
});

/** Added to the workspace: what each derives from decides who sees it. */
const ACCOUNT_FIELDS: FieldDef[] = [
  { name: 'secret_score', type: 'decimal', label: L('Secret score') },
  { name: 'contract_cost', type: 'rollup', label: L('Contract cost'), summary: { object: 'contract', via: 'account', fn: 'sum', field: 'cost' } },
  {
    name: 'costly_contracts',
    type: 'rollup',
    label: L('Costly contracts'),
    summary: { object: 'contract', via: 'account', fn: 'count', filter: { field: 'cost', op: 'gte', value: 50_000 } },
  },
  { name: 'contract_count', type: 'rollup', label: L('Contracts'), summary: { object: 'contract', via: 'account', fn: 'count' } },
];
const CONTRACT_FIELDS: FieldDef[] = [
  formula('account_score', 'account.secret_score * 2', 'number'),
  formula('margin_band', "IF(margin >= 50, 'high', 'low')", 'text'),
  formula('account_level', 'account.level', 'text'),
  formula('net', 'amount - BLANKVALUE(cost, 0)', 'currency', { safeToShow: true }),
  formula('net_doubled', 'net * 2', 'currency'),
];
const OPPORTUNITY_FIELDS: FieldDef[] = [formula('account_score', 'account.secret_score + 1', 'number')];

/** Contract fields a rep must not see, and those they must. */
const HIDDEN_FROM_REP = ['cost', 'margin', 'account_score', 'margin_band'];
const SHOWN_TO_REP = ['amount', 'account_level', 'net', 'net_doubled'];

/** [user, reads contract cost] */
const WHO: [Who, boolean][] = [
  ['rep_a1', false],
  ['rep_b1', false],
  ['manager_a', true],
  ['gm', true],
  ['admin', true],
];

let org: SecOrg;
/** A contract of rep_a1 whose margin has more decimals than its scale: (30 000 − 10 001) / 30 000 = 66.663…% */
let odd: string;

const actor = () => ({ pool: getPool(org.tw.url), workspace: org.tw.workspace, userId: org.tw.admin.id });
const contractOf = (who: Who) => (who === 'rep_b1' ? org.records.contract.rep_b1[0] : org.records.contract.rep_a1[0]);

beforeAll(async () => {
  org = await createSecOrg('sec_derived');
  for (const f of ACCOUNT_FIELDS) await designer.saveField(actor(), 'account', f, 'create');
  for (const f of CONTRACT_FIELDS) await designer.saveField(actor(), 'contract', f, 'create');
  for (const f of OPPORTUNITY_FIELDS) await designer.saveField(actor(), 'opportunity', f, 'create');
  // The account layout lists contracts with their margin.
  const { $schema: _s, ...layout } = JSON.parse(readFileSync('metadata/layouts/account.default.json', 'utf8')) as LayoutDefinition & { $schema?: string };
  await designer.saveLayout(actor(), { ...layout, relatedLists: [{ object: 'contract', field: 'account', columns: ['name', 'amount', 'margin', 'net'] }] } as LayoutDefinition);
  await org.secure(
    `INSERT INTO permission_set_fields (permission_set_id, object, field, can_read, can_edit)
     SELECT id, 'account', 'secret_score', false, false FROM permission_sets WHERE workspace_id = $1 AND name = 'sales_rep'`,
    [org.tw.workspace.id],
  );
  for (const who of ['rep_a1', 'rep_b1', 'manager_a'] as const) {
    await org.sql(`UPDATE "${org.tw.workspace.schema}"."account" SET "secret_score" = 7.25 WHERE id = $1`, [org.records.account[who][0]]);
  }
  const admin = await org.ctx('admin');
  odd = String(
    (
      await createRecord(admin, 'contract', {
        name: 'Odd margin',
        account: org.records.account.rep_a1[0],
        status: 'draft',
        amount: 30_000,
        cost: 10_001,
        owner: org.users.rep_a1.id,
      })
    ).id,
  );
});

describe('records: a value derived from a hidden field is absent', () => {
  it.each(WHO)('%s: GET contract (reads cost: %s)', async (who, readsCost) => {
    const { status, body } = await org.api(who).get(`/api/v1/records/contract/${contractOf(who)}`);
    expect(status).toBe(200);
    for (const p of HIDDEN_FROM_REP) expect(Object.hasOwn(body.record, p), p).toBe(readsCost);
    for (const p of SHOWN_TO_REP) expect(Object.hasOwn(body.record, p), p).toBe(true);
    // 50 000 − 30 000, whoever asks: net is marked safe to show.
    expect(body.record).toMatchObject({ net: 20_000, net_doubled: 40_000 });
    if (readsCost) expect(body.record).toMatchObject({ margin: 40, margin_band: 'low', account_score: 14.5 });
  });

  it.each(WHO)('%s: every contract of a list and of a search', async (who, readsCost) => {
    for (const path of ['/api/v1/records/contract?limit=200', `/api/v1/records/contract?q=${encodeURIComponent('Contract')}`]) {
      const { status, body } = await org.api(who).get(path);
      expect(status).toBe(200);
      expect(body.records.length).toBeGreaterThan(0);
      for (const r of body.records) for (const p of HIDDEN_FROM_REP) expect(Object.hasOwn(r, p), `${path} ${r.name}.${p}`).toBe(readsCost);
    }
  });

  it('a roll-up summing or filtering on a hidden child field is absent; a plain count is not', async () => {
    const account = org.records.account.rep_a1[0];
    const rep = (await org.api('rep_a1').get(`/api/v1/records/account/${account}`)).body.record;
    const manager = (await org.api('manager_a').get(`/api/v1/records/account/${account}`)).body.record;
    expect([Object.hasOwn(rep, 'contract_cost'), Object.hasOwn(rep, 'costly_contracts'), Object.hasOwn(rep, 'secret_score')]).toEqual([false, false, false]);
    // rep_a1 #1's account has their two contracts (30 000 and 60 000 cost) and the odd one (10 001).
    expect(rep.contract_count).toBe(3);
    expect(manager).toMatchObject({ contract_count: 3, contract_cost: 100_001, costly_contracts: 1, secret_score: 7.25 });
  });

  it('kanban cards leave out a formula reading a hidden field of the looked-up account', async () => {
    const cards = async (who: Who) => {
      const { status, body } = await org.api(who).get('/api/v1/kanban/opportunity');
      expect(status).toBe(200);
      return body.columns.flatMap((c: { records: Record<string, unknown>[] }) => c.records);
    };
    const rep = await cards('rep_a1');
    expect(rep.length).toBeGreaterThan(0);
    for (const r of rep) expect(Object.hasOwn(r, 'account_score'), String(r.name)).toBe(false);
    const manager = await cards('manager_a');
    expect(manager.find((r: { id: string }) => r.id === org.records.opportunity.rep_a1[0])).toMatchObject({ account_score: 8.25 });
  });

  it('over tRPC too: records.get and records.list', async () => {
    const user = await getPrisma(org.tw.url).user.findUniqueOrThrow({ where: { id: org.users.rep_a1.id } });
    const session = (await login(getPrisma(org.tw.url), user.email, 'correct horse battery')) as { token?: string } | null;
    if (!session?.token) throw new Error('the rep could not sign in');
    const headers = { cookie: `${SESSION_COOKIE}=${session.token}`, 'content-type': 'application/json' };
    const query = async (path: string, input: unknown) => {
      const res = await trpcGet(new Request(`http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers }));
      expect(res.status).toBe(200);
      return (await res.json()).result.data;
    };
    const got = await query('records.get', { object: 'contract', id: contractOf('rep_a1') });
    const listed = await query('records.list', { object: 'contract' });
    for (const r of [got, ...listed.records]) {
      for (const p of HIDDEN_FROM_REP) expect(Object.hasOwn(r, p), p).toBe(false);
      expect(r.net).toBe(Number(r.amount) - (r.id === odd ? 10_001 : Number(r.amount) * 0.6));
    }
    const described = await query('meta.object', { object: 'contract' });
    const names = described.object.fields.map((f: { name: string }) => f.name);
    expect(names.filter((n: string) => HIDDEN_FROM_REP.includes(n))).toEqual([]);
  });
});

describe('rounding: a formula shows no more decimals than its scale', () => {
  it('a manager reads the odd margin as 66.7 (scale 1), in the record and through filters', async () => {
    const api = org.api('manager_a');
    expect((await api.get(`/api/v1/records/contract/${odd}`)).body.record.margin).toBe(66.7);
    const ids = async (condition: unknown) =>
      (await api.get(`/api/v1/records/contract?${filterParam({ all: [{ field: 'name', op: 'eq', value: 'Odd margin' }, condition] })}`)).body.records.map(
        (r: { id: string }) => r.id,
      );
    expect(await ids({ field: 'margin', op: 'eq', value: 66.7 })).toEqual([odd]);
    expect(await ids({ field: 'margin', op: 'gt', value: 66.7 })).toEqual([]);
  });

  it('evaluated in memory (as rules and approval criteria see it), the margin is the same 66.7', async () => {
    const full = (await org.ctx('admin')).meta.objects.get('contract')!;
    const record = { amount: 30_000, cost: 10_001 };
    expect(evaluateFormula(full.formulas.get('margin')!, { record, today: '2026-03-05', now: '2026-03-05T00:00:00Z', timeZone: 'Asia/Shanghai' })).toBe(66.7);
    // A formula reading it sees the rounded value too: 66.7 >= 50.
    expect(evaluateFormula(full.formulas.get('margin_band')!, { record, today: '2026-03-05', now: '2026-03-05T00:00:00Z', timeZone: 'Asia/Shanghai' })).toBe('high');
  });
});

describe('querying and describing: as if the derived field did not exist', () => {
  it.each(WHO)('%s: filter and sort on margin', async (who, readsCost) => {
    const api = org.api(who);
    const filtered = await api.get(`/api/v1/records/contract?${filterParam({ field: 'margin', op: 'gte', value: 0 })}`);
    const sorted = await api.get('/api/v1/records/contract?sort=-margin');
    if (readsCost) {
      expect([filtered.status, sorted.status]).toEqual([200, 200]);
      return;
    }
    expect(JSON.stringify(expectError(filtered, 400, 'INVALID_FILTER').details)).toContain('margin');
    expect(fieldCodes(expectError(sorted, 400, 'INVALID_SORT'))).toEqual([['margin', 'sort.unknownField']]);
    // Through a lookup and through a roll-up alike.
    expectError(await api.get(`/api/v1/records/contract?${filterParam({ field: 'account_score', op: 'gt', value: 0 })}`), 400, 'INVALID_FILTER');
    expectError(await api.get('/api/v1/records/account?sort=contract_cost'), 400, 'INVALID_SORT');
  });

  it.each(WHO)("%s: describe lists what they may read, and a formula's text only when they may read its inputs", async (who, readsCost) => {
    const { body } = await org.api(who).get('/api/v1/objects/contract');
    const fields = new Map<string, Record<string, unknown>>(body.object.fields.map((f: { name: string }) => [f.name, f]));
    for (const p of HIDDEN_FROM_REP) expect(fields.has(p), p).toBe(readsCost);
    for (const p of SHOWN_TO_REP) expect(fields.has(p), p).toBe(true);
    expect(fields.get('net')?.formula).toBe(readsCost ? 'amount - BLANKVALUE(cost, 0)' : undefined);
    expect(fields.get('net_doubled')?.formula).toBe('net * 2');
    if (readsCost) expect(fields.get('margin')).toMatchObject({ formula: expect.stringContaining('cost'), scale: 1 });
    const account = (await org.api(who).get('/api/v1/objects/account')).body.object;
    const accountFields = account.fields.map((f: { name: string }) => f.name);
    for (const p of ['contract_cost', 'costly_contracts']) expect(accountFields.includes(p), p).toBe(readsCost);
    expect(accountFields).toContain('contract_count');
    // The related list of contracts keeps only the columns they may read.
    const related = account.relatedLists.find((r: { object: string }) => r.object === 'contract');
    expect(related.columns).toEqual(readsCost ? ['name', 'amount', 'margin', 'net'] : ['name', 'amount', 'net']);
  });

  it.each(WHO)('%s: the OpenAPI document', async (who, readsCost) => {
    const { status, body } = await org.api(who).get('/api/v1/openapi.json');
    expect(status).toBe(200);
    const props = body.components.schemas.Contract.properties;
    for (const p of HIDDEN_FROM_REP) expect(Object.hasOwn(props, p), p).toBe(readsCost);
    expect(props).toHaveProperty('net');
    expect(Object.hasOwn(body.components.schemas.Account.properties, 'contract_cost')).toBe(readsCost);
  });
});

describe('an admin marks a derived field safe to show', () => {
  it('reps then see the margin (rounded) but not its formula; unmarked, it is hidden again', async () => {
    const stock = (await org.ctx('admin')).meta.objects.get('contract')!.fieldMap.get('margin')!;
    await designer.saveField(actor(), 'contract', { ...asFormula(stock), safeToShow: true }, 'update');
    const rep = org.api('rep_a1');
    expect((await rep.get(`/api/v1/records/contract/${odd}`)).body.record.margin).toBe(66.7);
    const described = (await rep.get('/api/v1/objects/contract')).body.object.fields.find((f: { name: string }) => f.name === 'margin');
    expect(described).toMatchObject({ name: 'margin', scale: 1 });
    expect(described.formula).toBeUndefined();
    expect((await rep.get(`/api/v1/records/contract?sort=-margin&${filterParam({ field: 'margin', op: 'gt', value: 66 })}`)).body.records.map((r: { id: string }) => r.id)).toEqual(
      [odd],
    );
    // A formula reading a field marked safe depends on that field alone: margin_band shows too.
    expect((await rep.get(`/api/v1/records/contract/${odd}`)).body.record.margin_band).toBe('high');
    // cost itself stays hidden.
    expect(Object.hasOwn((await rep.get(`/api/v1/records/contract/${odd}`)).body.record, 'cost')).toBe(false);

    await designer.saveField(actor(), 'contract', stock, 'update');
    expect(Object.hasOwn((await rep.get(`/api/v1/records/contract/${odd}`)).body.record, 'margin')).toBe(false);
  });
});
