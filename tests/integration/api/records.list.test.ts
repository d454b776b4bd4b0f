/**
 * GET /api/v1/records/{object} as an integrator pages through it: condition-tree filters, multi-key
 * sorts (nulls first ascending), search, and keyset paging where following nextCursor visits every
 * matching record exactly once, in the same order as one big page.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient, expectError, filterParam, type ApiClient } from './api';

process.env.DATABASE_URL = inject('databaseUrl');

interface Opp {
  id: string;
  name: string;
  stage: string;
  amount: number | null;
  close_date: string;
  probability: number | null;
  next_step: string | null;
}

const STAGES = ['discovery', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost'];
const AMOUNTS = [null, 10_000, 50_000, 50_000, 120_000, 7_500.5, 49_999.99];

let api: ApiClient;
let opps: Opp[] = [];

/** 30 opportunities with repeated amounts, dates and stages (ties across page boundaries) and null amounts. */
beforeAll(async () => {
  api = await apiClient('rest_list');
  for (let i = 0; i < 30; i++) {
    const stage = STAGES[i % STAGES.length];
    // A deal created at Proposal or later needs an amount (its stage gate), a won one a positive amount, a lost one a reason.
    const given = AMOUNTS[i % AMOUNTS.length];
    const needsAmount = ['proposal', 'negotiation', 'closed_won'].includes(stage) && !((given ?? 0) > 0);
    const res = await api.post('/api/v1/records/opportunity', {
      name: `Deal ${String(i).padStart(2, '0')}${i % 7 === 0 ? ' 华东' : ''}`,
      stage,
      amount: needsAmount ? 12_345 : given,
      ...(stage === 'closed_lost' ? { loss_reason: 'price' } : {}),
      close_date: `2026-0${1 + (i % 4)}-1${i % 3}`,
      probability: i % 4 === 0 ? null : (i * 7) % 101,
      next_step: i % 5 === 0 ? null : `Call ${i}`,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    opps.push(res.body.record);
  }
  opps = opps.map((o) => ({ ...o }));
});

async function list(query: string) {
  const res = await api.get(`/api/v1/records/opportunity?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { records: Opp[]; nextCursor: string | null };
}

/** Follow nextCursor until it is null; returns the ids in order and the page sizes. */
async function pageThrough(query: string, limit: number) {
  const ids: string[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await list(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    ids.push(...page.records.map((r) => r.id));
    sizes.push(page.records.length);
    cursor = page.nextCursor;
    if (!cursor) return { ids, sizes };
  }
  throw new Error('nextCursor never ended');
}

const ids = (rs: { id: string }[]) => rs.map((r) => r.id).sort();

describe('response shape', () => {
  it('answers {records, nextCursor} with the default page size of 50', async () => {
    const res = await api.get('/api/v1/records/opportunity');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(res.body).sort()).toEqual(['nextCursor', 'records']);
    expect(res.body.records).toHaveLength(30);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.records[0]).toMatchObject({ id: expect.any(String), version: 1, amount_currency: 'CNY' });
  });

  it('returns a string cursor when there are more records', async () => {
    const page = await list('limit=2');
    expect(page.records).toHaveLength(2);
    expect(typeof page.nextCursor).toBe('string');
  });
});

describe('filter', () => {
  const cases: [string, unknown, (o: Opp) => boolean][] = [
    [
      'stage in [...] and amount gte',
      {
        all: [
          { field: 'stage', op: 'in', value: ['proposal', 'negotiation'] },
          { field: 'amount', op: 'gte', value: 50000 },
        ],
      },
      (o) => ['proposal', 'negotiation'].includes(o.stage) && o.amount !== null && o.amount >= 50000,
    ],
    ['a bare leaf', { field: 'stage', op: 'eq', value: 'closed_won' }, (o) => o.stage === 'closed_won'],
    [
      'any of two',
      {
        any: [
          { field: 'stage', op: 'eq', value: 'discovery' },
          { field: 'amount', op: 'lt', value: 10000 },
        ],
      },
      (o) => o.stage === 'discovery' || (o.amount !== null && o.amount < 10000),
    ],
    ['not', { not: { field: 'stage', op: 'in', value: ['closed_won', 'closed_lost'] } }, (o) => !['closed_won', 'closed_lost'].includes(o.stage)],
    ['amount is empty', { field: 'amount', op: 'is_empty' }, (o) => o.amount === null],
    ['amount ne (nulls included)', { field: 'amount', op: 'ne', value: 50000 }, (o) => o.amount !== 50000],
    ['close_date between', { field: 'close_date', op: 'between', value: ['2026-02-01', '2026-03-10'] }, (o) => o.close_date >= '2026-02-01' && o.close_date <= '2026-03-10'],
    ['decimal amount eq', { field: 'amount', op: 'eq', value: 7500.5 }, (o) => o.amount === 7500.5],
    ['name contains (case-insensitive)', { field: 'name', op: 'contains', value: 'deal 1' }, (o) => o.name.toLowerCase().includes('deal 1')],
    ['name contains Chinese', { field: 'name', op: 'contains', value: '华东' }, (o) => o.name.includes('华东')],
    ['next_step is_not_empty', { field: 'next_step', op: 'is_not_empty' }, (o) => o.next_step !== null],
    ['owner is $me', { field: 'owner', op: 'eq', value: '$me' }, () => true],
    ['nothing matches', { field: 'name', op: 'eq', value: 'no such deal' }, () => false],
    ['empty all', { all: [] }, () => true],
  ];

  it.each(cases)('%s', async (_label, condition, predicate) => {
    const page = await list(`${filterParam(condition)}&limit=200`);
    const expected = opps.filter(predicate);
    expect(ids(page.records)).toEqual(ids(expected));
    expect(page.nextCursor).toBeNull();
  });

  it('combines filter with search q', async () => {
    const page = await list(`${filterParam({ field: 'stage', op: 'eq', value: 'discovery' })}&q=${encodeURIComponent('华东')}`);
    expect(ids(page.records)).toEqual(ids(opps.filter((o) => o.stage === 'discovery' && o.name.includes('华东'))));
  });
});

/** Compare two records under a sort spec as the API documents it: asc = nulls first, desc = nulls last. */
function comparator(spec: string) {
  const keys = spec.split(',').map((k) => ({ field: k.replace(/^[-+]/, '') as keyof Opp, desc: k.startsWith('-') }));
  return (a: Opp, b: Opp): number => {
    for (const k of keys) {
      const x = a[k.field];
      const y = b[k.field];
      if (x === y) continue;
      // ascending: null is smallest; descending reverses the whole order, so nulls come last.
      let c: number;
      if (x === null) c = -1;
      else if (y === null) c = 1;
      else c = x < y ? -1 : 1;
      return k.desc ? -c : c;
    }
    return 0;
  };
}

describe('sort', () => {
  const sorts = ['amount,-close_date', '-amount', 'close_date,name', '-close_date,-amount', 'stage,amount', '-probability', 'name', '-created_at'];

  it.each(sorts)('sort=%s orders the records', async (spec) => {
    const page = await list(`sort=${encodeURIComponent(spec)}&limit=200`);
    expect(page.records).toHaveLength(opps.length);
    const cmp = comparator(spec);
    for (let i = 1; i < page.records.length; i++) {
      expect(cmp(page.records[i - 1], page.records[i]), `${spec}: record ${i - 1} before ${i}`).toBeLessThanOrEqual(0);
    }
  });

  it('sorts by name when no sort is given', async () => {
    const page = await list('limit=200');
    expect(page.records.map((r) => r.name)).toEqual(opps.map((o) => o.name).sort());
  });

  it('accepts an explicit + for ascending', async () => {
    const plus = await list(`sort=${encodeURIComponent('+amount')}&limit=200`);
    const plain = await list('sort=amount&limit=200');
    expect(plus.records.map((r) => r.id)).toEqual(plain.records.map((r) => r.id));
  });
});

describe('paging with nextCursor', () => {
  const cases: [string, string, (o: Opp) => boolean][] = [
    ['default sort', '', () => true],
    ['amount,-close_date (ties and nulls)', 'sort=amount,-close_date', () => true],
    ['-amount (nulls last)', 'sort=-amount', () => true],
    ['-probability,close_date', 'sort=-probability,close_date', () => true],
    ['stage', 'sort=stage', () => true],
    [
      'filtered and sorted',
      `${filterParam({
        all: [
          { field: 'stage', op: 'in', value: ['proposal', 'negotiation', 'discovery'] },
          { field: 'amount', op: 'gte', value: 10000 },
        ],
      })}&sort=amount,-close_date`,
      (o) => ['proposal', 'negotiation', 'discovery'].includes(o.stage) && o.amount !== null && o.amount >= 10000,
    ],
  ];

  it.each(cases)('visits every matching record exactly once, in order: %s', async (_label, query, predicate) => {
    const whole = await list(`${query}&limit=200`);
    expect(ids(whole.records)).toEqual(ids(opps.filter(predicate)));
    for (const limit of [1, 4, 7]) {
      const { ids: paged, sizes } = await pageThrough(query, limit);
      expect(new Set(paged).size, `duplicates at limit ${limit}`).toBe(paged.length);
      expect(paged, `order at limit ${limit}`).toEqual(whole.records.map((r) => r.id));
      expect(sizes.slice(0, -1).every((s) => s === limit)).toBe(true);
    }
  });

  it('ends with nextCursor null exactly when the last record is returned', async () => {
    const first = await list('sort=name&limit=29');
    expect(first.nextCursor).not.toBeNull();
    const last = await list(`sort=name&limit=29&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(last.records).toHaveLength(1);
    expect(last.nextCursor).toBeNull();
    const exact = await list('sort=name&limit=30');
    expect(exact.nextCursor).toBeNull();
  });

  it('rejects a cursor replayed against another sort with 400', async () => {
    const page = await list('sort=amount&limit=3');
    const res = await api.get(`/api/v1/records/opportunity?sort=-amount&limit=3&cursor=${encodeURIComponent(page.nextCursor!)}`);
    const error = expectError(res, 400, 'INVALID_CURSOR');
    expect(error.details[0]).toMatchObject({ pointer: '/cursor' });
  });

  it('rejects a cursor of another object with 400', async () => {
    const page = await list('limit=3');
    await api.post('/api/v1/records/account', { name: 'Cursor test account' });
    const res = await api.get(`/api/v1/records/account?sort=created_at&cursor=${encodeURIComponent(page.nextCursor!)}`);
    expectError(res, 400, 'INVALID_CURSOR');
  });
});

describe('search q', () => {
  it('matches the record name case-insensitively', async () => {
    const page = await list(`q=${encodeURIComponent('DEAL 2')}&limit=200`);
    expect(ids(page.records)).toEqual(ids(opps.filter((o) => o.name.toLowerCase().includes('deal 2'))));
  });

  it('ignores surrounding spaces and treats an empty q as no search', async () => {
    expect((await list(`q=${encodeURIComponent('  Deal 29  ')}`)).records.map((r) => r.name)).toEqual(['Deal 29']);
    expect((await list('q=&limit=200')).records).toHaveLength(opps.length);
  });
});
