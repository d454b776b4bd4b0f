/**
 * Listing records: multi-field sorts (nulls smallest) checked against an in-memory sort, keyset
 * pages that visit every record once in the same order as one big page, cursor/sort/limit errors,
 * name search with literal wildcards, and injection attempts that change nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/core/errors';
import type { RecordContext } from '../../../platform/data/context';
import { listDeleted, listRecords, type ListOptions } from '../../../platform/data';
import type { RecordData } from '../../../platform/data/values';
import { stockMetadata } from '../../../platform/metadata/registry';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';
import { listAll, seedDataset } from './dataset';

let tw: TestWorkspace;
let ctx: RecordContext;
const all: Record<string, RecordData[]> = {};
const meta = stockMetadata();

beforeAll(async () => {
  tw = await createTestWorkspace('list');
  ctx = await tw.ctx();
  await seedDataset(tw, 7, { account: 60, opportunity: 150, activity: 60 });
  for (const object of ['account', 'opportunity', 'activity']) all[object] = await listAll(ctx, object, { sort: 'id' });
});

async function failure(call: Promise<unknown>): Promise<AppError> {
  const e = await call.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${e === undefined ? 'success' : String(e)}`);
  return e;
}

/** Text in code-point order, as the database's C.UTF-8 collation sorts it. */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

/** The order a sort spec promises: nulls smallest, the record id breaking ties (in the last key's direction). */
function sortInMemory(records: RecordData[], spec: string): RecordData[] {
  const keys = spec.split(',').map((p) => ({ field: p.replace(/^[-+]/, ''), desc: p.startsWith('-') }));
  if (!keys.some((k) => k.field === 'id')) keys.push({ field: 'id', desc: keys[keys.length - 1].desc });
  return [...records].sort((x, y) => {
    for (const k of keys) {
      const c = compareValues(x[k.field], y[k.field]);
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  });
}

async function walk(object: string, opts: Omit<ListOptions, 'cursor'>): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await listRecords(ctx, object, { ...opts, cursor });
    expect(page.records.length).toBeLessThanOrEqual(opts.limit!);
    if (page.nextCursor) expect(page.records.length).toBe(opts.limit);
    ids.push(...page.records.map((r) => r.id as string));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 1000);
  return { ids, pages };
}

const SORTS: [object: string, sort: string][] = [
  ['opportunity', 'amount,-close_date'],
  ['opportunity', '-amount'],
  ['opportunity', 'amount'],
  ['opportunity', 'stage,-probability'],
  ['opportunity', '-close_date,name'],
  ['opportunity', 'name'],
  ['opportunity', '-next_step,-amount'],
  ['opportunity', 'source,stage,probability'],
  ['opportunity', '-version,amount'],
  ['account', '-annual_revenue'],
  ['account', 'region,-employees'],
  ['account', '-phone,name'],
  ['activity', '-start_at'],
  ['activity', 'end_at,-subject'],
  ['activity', 'status,type,-start_at'],
];

describe('sorting', () => {
  it('the dataset has ties and nulls worth sorting', () => {
    const amounts = all.opportunity.map((r) => r.amount);
    expect(amounts.filter((a) => a === null).length).toBeGreaterThan(10);
    expect(new Set(amounts).size).toBeLessThan(amounts.length - 20);
    expect(all.opportunity.length).toBeGreaterThan(100);
    expect(all.opportunity.length).toBeLessThanOrEqual(200);
  });

  it.each(SORTS)('%s sorted by %s matches an in-memory sort (nulls first ascending, last descending)', async (object, sort) => {
    const page = await listRecords(ctx, object, { sort, limit: 200 });
    expect(page.nextCursor).toBeNull();
    expect(page.records.map((r) => r.id)).toEqual(sortInMemory(all[object], sort).map((r) => r.id));
  });

  it('accepts a sort as a list of keys, and sorts by name by default', async () => {
    const asList = await listRecords(ctx, 'opportunity', { sort: [{ field: 'amount' }, { field: 'close_date', dir: 'desc' }], limit: 200 });
    const asText = await listRecords(ctx, 'opportunity', { sort: 'amount,-close_date', limit: 200 });
    expect(asList.records.map((r) => r.id)).toEqual(asText.records.map((r) => r.id));
    const byDefault = await listRecords(ctx, 'opportunity', { limit: 200 });
    expect(byDefault.records.map((r) => r.id)).toEqual(sortInMemory(all.opportunity, 'name').map((r) => r.id));
  });
});

describe('keyset pagination', () => {
  const cases: [string, string, number][] = [
    ...SORTS.map(([o, s]) => [o, s, 7] as [string, string, number]),
    ['opportunity', 'stage', 1],
    ['opportunity', '-amount', 3],
    ['opportunity', 'probability,-next_step', 50],
    ['opportunity', '-created_at', 9],
    ['opportunity', 'updated_at', 11],
    ['account', 'created_at,name', 13],
    ['account', 'name', 199],
  ];
  it.each(cases)('%s by %s, %i per page, visits every record once in one-big-page order', async (object, sort, limit) => {
    const big = (await listRecords(ctx, object, { sort, limit: 200 })).records.map((r) => r.id);
    const { ids, pages } = await walk(object, { sort, limit });
    expect(ids).toEqual(big);
    expect(pages).toBe(Math.max(1, Math.ceil(big.length / limit)));
  });

  it('pages a filtered, searched list the same way', async () => {
    const opts = {
      sort: '-amount,close_date',
      filter: {
        any: [
          { field: 'amount', op: 'is_empty' },
          { field: 'stage', op: 'in', value: ['proposal', 'negotiation'] },
        ],
      },
      search: 'e',
    };
    const big = (await listRecords(ctx, 'opportunity', { ...opts, limit: 200 })).records.map((r) => r.id);
    expect(big.length).toBeGreaterThan(5);
    expect((await walk('opportunity', { ...opts, limit: 4 })).ids).toEqual(big);
  });

  it('pages the recycle bin, most recently deleted first', async () => {
    const big = await listDeleted(ctx, 'opportunity', { limit: 200 });
    expect(big.records.length).toBeGreaterThanOrEqual(3);
    const times = big.records.map((r) => Date.parse(r.deleted_at as string));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const ids: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page = await listDeleted(ctx, 'opportunity', { limit: 2, cursor });
      ids.push(...page.records.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual(big.records.map((r) => r.id));
  });

  it('gives no cursor when the page holds the last record', async () => {
    const n = all.opportunity.length;
    expect((await listRecords(ctx, 'opportunity', { limit: n })).nextCursor).toBeNull();
    const first = await listRecords(ctx, 'opportunity', { limit: n - 1 });
    const rest = await listRecords(ctx, 'opportunity', { limit: n - 1, cursor: first.nextCursor });
    expect(rest.records).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
  });
});

describe('list errors', () => {
  const forged = (s: string, v: unknown[]) => Buffer.from(JSON.stringify({ s, v })).toString('base64url');
  const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
  it.each([
    ['not base64 JSON', () => ({ sort: 'amount', cursor: 'garbage!' })],
    ['from another sort', async () => ({ sort: '-amount', cursor: (await listRecords(ctx, 'opportunity', { sort: 'amount', limit: 2 })).nextCursor })],
    ['from another direction of the same field', async () => ({ sort: 'name', cursor: (await listRecords(ctx, 'opportunity', { sort: '-name', limit: 2 })).nextCursor })],
    ['with too few values', () => ({ sort: 'amount', cursor: forged('amount,id', [ID]) })],
    ['with a null id', () => ({ sort: 'amount', cursor: forged('amount,id', ['1', null]) })],
    ['with a number instead of text', () => ({ sort: 'amount', cursor: forged('amount,id', [1, ID]) })],
    ['with a value that is not an amount', () => ({ sort: 'amount', cursor: forged('amount,id', ['abc', ID]) })],
    ['with an id that is not an id', () => ({ sort: 'name', cursor: forged('name,id', ['x', 'not-a-uuid']) })],
    ['with a value that is not a date', () => ({ sort: 'close_date', cursor: forged('close_date,id', ['soon', ID]) })],
  ] as [string, () => ListOptions | Promise<ListOptions>][])('a cursor %s is INVALID_CURSOR', async (_, make) => {
    const e = await failure(listRecords(ctx, 'opportunity', { limit: 2, ...(await make()) }));
    expect(e).toMatchObject({ code: 'INVALID_CURSOR', status: 400, message: 'The cursor is invalid or belongs to a different sort' });
  });

  it.each([
    ['nope', 'sort.unknownField', 'nope'],
    ['description', 'sort.unknownField', 'description'],
    ['account', 'sort.unknownField', 'account'],
    ['created_by', 'sort.unknownField', 'created_by'],
    ['amount_currency', 'sort.unknownField', 'amount_currency'],
    ['amount desc', 'sort.malformed', undefined],
    ['--amount', 'sort.malformed', undefined],
    ['Amount', 'sort.malformed', undefined],
    ['name;DROP TABLE opportunity', 'sort.malformed', undefined],
    ['name,amount,close_date,stage,probability,source', undefined, undefined],
  ])('sort %j is INVALID_SORT', async (sort, code, field) => {
    const e = await failure(listRecords(ctx, 'opportunity', { sort }));
    expect(e).toMatchObject({ code: 'INVALID_SORT', status: 400 });
    if (code) expect(e.details[0]).toMatchObject({ pointer: '/sort', code, ...(field ? { field } : {}) });
  });

  it('explains a bad sort in Chinese', async () => {
    expect((await failure(listRecords(await tw.ctx(tw.admin, 'zh-CN'), 'opportunity', { sort: 'nope' }))).message).toBe('不能按"nope"排序');
  });

  it.each([0, -1, 201, 500, 1.5, Number.NaN, 'ten'])('limit %j is BAD_REQUEST', async (limit) => {
    const e = await failure(listRecords(ctx, 'opportunity', { limit: limit as number }));
    expect(e).toMatchObject({ code: 'BAD_REQUEST', status: 400, message: 'limit must be an integer from 1 to 200' });
    expect(e.details[0].pointer).toBe('/limit');
  });

  it.each([1, 200])('limit %i is fine', async (limit) => {
    expect((await listRecords(ctx, 'opportunity', { limit })).records).toHaveLength(limit === 1 ? 1 : all.opportunity.length);
  });

  it('an invalid filter is INVALID_FILTER listing every problem', async () => {
    const e = await failure(
      listRecords(ctx, 'opportunity', {
        filter: {
          all: [
            { field: 'nope', op: 'eq', value: 1 },
            { field: 'amount', op: 'contains', value: 'x' },
          ],
        },
      }),
    );
    expect(e.code).toBe('INVALID_FILTER');
    expect(e.details.map((d) => d.pointer)).toEqual(['/filter/all/0/field', '/filter/all/1/op']);
  });
});

describe('search', () => {
  /** What a search should find: the text anywhere in the name or a search field, ignoring ASCII case. */
  function expected(object: string, text: string): string[] {
    const fields = ['name', ...meta.objects.get(object)!.searchFields];
    const q = text.trim().toLowerCase();
    return all[object]
      .filter((r) => fields.some((f) => typeof r[f] === 'string' && (r[f] as string).toLowerCase().includes(q)))
      .map((r) => r.id as string)
      .sort();
  }

  it.each([
    ['opportunity', '科技'],
    ['opportunity', '升级'],
    ['opportunity', 'acme'],
    ['opportunity', 'ACME CORP'],
    ['opportunity', '  renewal  '],
    ['opportunity', '%'],
    ['opportunity', '100%'],
    ['opportunity', '_'],
    ['opportunity', 'POC_'],
    ['opportunity', '\\'],
    ['opportunity', "o'brien"],
    ['account', '华为'],
    ['account', 'LTD'],
    ['account', '138-0013'],
    ['activity', 'visit_'],
    ['activity', 'call'],
  ])('%s search %j finds exactly the records containing it', async (object, text) => {
    const found = (await listAll(ctx, object, { search: text })).map((r) => r.id as string).sort();
    const want = expected(object, text);
    expect(found).toEqual(want);
    expect(want.length).toBeGreaterThan(0);
  });

  it('the dataset makes the wildcard checks meaningful (a wildcard is rarer than everything)', async () => {
    for (const text of ['%', '_', '%_%']) expect(expected('opportunity', text).length).toBeLessThan(all.opportunity.length);
  });
});

describe('hostile input', () => {
  const ATTACKS = [
    "'; DROP TABLE opportunity; --",
    "x' OR '1'='1",
    '" OR ""="',
    "%' OR 1=1 --",
    "\\'; DELETE FROM opportunity; --",
    '$1',
    "'); TRUNCATE opportunity; --",
    'Robert"); DROP TABLE account;--',
  ];

  async function snapshot(): Promise<{ count: number; records: RecordData[] }> {
    const res = await ctx.pool.query(`SELECT count(*)::int AS n FROM "${tw.workspace.schema}"."opportunity"`);
    return { count: res.rows[0].n, records: await listAll(ctx, 'opportunity', { sort: 'id' }) };
  }

  it.each(ATTACKS)('%j as a filter value, a search and a sort changes nothing', async (attack) => {
    const before = await snapshot();
    const literal = all.opportunity.filter((r) => r.name === attack).map((r) => r.id);
    expect((await listAll(ctx, 'opportunity', { filter: { field: 'name', op: 'eq', value: attack } })).map((r) => r.id)).toEqual(literal);
    for (const op of ['contains', 'starts_with', 'not_contains']) {
      await listAll(ctx, 'opportunity', {
        filter: {
          any: [
            { field: 'name', op, value: attack },
            { field: 'stage', op: 'in', value: [attack] },
          ],
        },
      });
    }
    expect((await listAll(ctx, 'opportunity', { search: attack })).length).toBe(expectedCount(attack));
    expect((await failure(listRecords(ctx, 'opportunity', { sort: attack }))).code).toBe('INVALID_SORT');
    expect((await failure(listRecords(ctx, 'opportunity', { filter: { field: attack, op: 'eq', value: 1 } }))).code).toBe('INVALID_FILTER');
    expect(await snapshot()).toEqual(before);
  });

  function expectedCount(text: string): number {
    return all.opportunity.filter((r) => String(r.name).toLowerCase().includes(text.trim().toLowerCase())).length;
  }

  it.each([
    ['a search', { search: 'a\u0000b' }],
    ['an eq filter', { filter: { field: 'name', op: 'eq', value: 'a\u0000b' } }],
    ['a contains filter', { filter: { field: 'name', op: 'contains', value: '\u0000' } }],
  ] as [string, ListOptions][])('a NUL character in %s is answered, not a database error', async (_, opts) => {
    const outcome = await listRecords(ctx, 'opportunity', opts).then(
      (r) => ({ ok: true, count: r.records.length }),
      (e: unknown) => (e instanceof AppError ? { ok: e.status === 400, code: e.code } : { ok: false, error: String(e) }),
    );
    expect(outcome).toMatchObject({ ok: true });
  });
});
