/**
 * 422 on create and update: every problem at once, each detail naming its field and a code an
 * integrator can branch on, and nothing is written.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getPool } from '../../../platform/db/pool';
import { apiClient, expectError, fieldCodes, type ApiClient } from './api';

process.env.DATABASE_URL = inject('databaseUrl');

let api: ApiClient;
let existing: { id: string; version: number; name: string };

async function rowCount(object: string): Promise<number> {
  const res = await getPool(api.tw.url).query(`SELECT count(*)::int AS n FROM "${api.tw.workspace.schema}"."${object}"`);
  return res.rows[0].n;
}

beforeAll(async () => {
  api = await apiClient('rest_422');
  const res = await api.post('/api/v1/records/account', { name: 'Existing', email: 'ok@example.com', employees: 3 });
  expect(res.status).toBe(201);
  existing = res.body.record;
});

type Case = [string, Record<string, unknown>, [string, string][]];

describe('POST /api/v1/records/account', () => {
  const cases: Case[] = [
    ['missing required name', { industry: 'it' }, [['name', 'required']]],
    ['name null', { name: null }, [['name', 'required']]],
    ['name empty', { name: '' }, [['name', 'required']]],
    ['an unknown field', { name: 'X', nickname: 'x' }, [['nickname', 'unknownField']]],
    ['text where a number belongs', { name: 'X', employees: 'many' }, [['employees', 'type']]],
    ['a fraction for an integer', { name: 'X', employees: 1.5 }, [['employees', 'type']]],
    ['a number below min', { name: 'X', employees: -1 }, [['employees', 'minimum']]],
    ['a number where text belongs', { name: 42 }, [['name', 'type']]],
    ['a boolean for currency', { name: 'X', annual_revenue: true }, [['annual_revenue', 'type']]],
    ['a bad currency code', { name: 'X', annual_revenue: 5, annual_revenue_currency: 'usd' }, [['annual_revenue_currency', 'currency']]],
    ['a bad email', { name: 'X', email: 'not-an-email' }, [['email', 'email']]],
    ['a javascript: URL', { name: 'X', website: 'javascript:alert(1)' }, [['website', 'url']]],
    ['a bad phone', { name: 'X', phone: 'call me' }, [['phone', 'phone']]],
    ['a picklist value not allowed', { name: 'X', industry: 'spaceships' }, [['industry', 'enum']]],
    ['a picklist label instead of its value', { name: 'X', industry: 'IT and internet' }, [['industry', 'enum']]],
    ['a lookup that is not an id', { name: 'X', parent: 'Acme' }, [['parent', 'uuid']]],
    ['a lookup to a missing record', { name: 'X', parent: randomUUID() }, [['parent', 'lookupMissing']]],
    ['an owner who is not a user of the workspace', { name: 'X', owner: randomUUID() }, [['owner', 'lookupMissing']]],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, [['name', 'maxLength']]],
    ['an id', { name: 'X', id: randomUUID() }, [['id', 'readOnly']]],
    ['a version', { name: 'X', version: 7 }, [['version', 'readOnly']]],
    ['created_at', { name: 'X', created_at: '2020-01-01T00:00:00Z' }, [['created_at', 'readOnly']]],
    ['a NUL character in a required text', { name: 'a\u0000b' }, [['name', 'nul']]],
    ['a NUL character in a long text', { name: 'X', description: 'a\u0000b' }, [['description', 'nul']]],
    ['a revenue beyond the column', { name: 'X', annual_revenue: 1e17 }, [['annual_revenue', 'maximum']]],
    ['employees beyond a safe integer', { name: 'X', employees: 2 ** 60 }, [['employees', 'maximum']]],
    [
      'six problems at once',
      { name: '', email: 'bad', industry: 'nope', employees: 'x', website: 'ftp://x', bogus: true },
      [
        ['bogus', 'unknownField'],
        ['email', 'email'],
        ['employees', 'type'],
        ['industry', 'enum'],
        ['name', 'required'],
        ['website', 'url'],
      ],
    ],
  ];

  it.each(cases)('%s answers 422 naming the field', async (_label, body, expected) => {
    const before = await rowCount('account');
    const error = expectError(await api.post('/api/v1/records/account', body), 422, 'VALIDATION_FAILED');
    expect(fieldCodes(error)).toEqual([...expected].sort((a, b) => String(a).localeCompare(String(b))));
    if (expected.length === 1) expect(error.message).toBe(error.details[0].message);
    else expect(error.message).toBe('Some fields need attention');
    expect(await rowCount('account')).toBe(before);
  });

  it('says which values a picklist allows', async () => {
    const error = expectError(await api.post('/api/v1/records/account', { name: 'X', industry: 'spaceships' }), 422, 'VALIDATION_FAILED');
    expect(error.details[0].message).toBe('Industry must be one of: manufacturing, it, finance, retail, healthcare, education, energy, automotive, government, other');
  });

  it('names the field by its label in each message', async () => {
    const error = expectError(await api.post('/api/v1/records/account', { name: 'X', email: 'bad', employees: -5 }), 422, 'VALIDATION_FAILED');
    const byField = Object.fromEntries(error.details.map((d) => [d.field, d.message]));
    expect(byField).toEqual({ email: 'Email must be a valid email address', employees: 'Employees must be at least 0' });
  });
});

describe('POST /api/v1/records/opportunity', () => {
  const cases: Case[] = [
    [
      'nothing',
      {},
      [
        ['close_date', 'required'],
        ['name', 'required'],
      ],
    ],
    ['an impossible date', { name: 'X', close_date: '2026-02-30' }, [['close_date', 'date']]],
    ['a date with a time', { name: 'X', close_date: '2026-02-01T10:00:00Z' }, [['close_date', 'date']]],
    ['a probability over 100', { name: 'X', close_date: '2026-02-01', probability: 150 }, [['probability', 'maximum']]],
    ['a negative amount', { name: 'X', close_date: '2026-02-01', amount: -1 }, [['amount', 'minimum']]],
    ['stage null (required despite its default)', { name: 'X', close_date: '2026-02-01', stage: null }, [['stage', 'required']]],
    ['an unknown stage', { name: 'X', close_date: '2026-02-01', stage: 'won' }, [['stage', 'enum']]],
    ['the year 0 (Postgres has none)', { name: 'X', close_date: '0000-01-01' }, [['close_date', 'date']]],
    ['a date past 9999', { name: 'X', close_date: '10000-01-01' }, [['close_date', 'date']]],
  ];

  it.each(cases)('%s answers 422 naming the fields', async (_label, body, expected) => {
    const before = await rowCount('opportunity');
    const error = expectError(await api.post('/api/v1/records/opportunity', body), 422, 'VALIDATION_FAILED');
    expect(fieldCodes(error)).toEqual(expected);
    expect(await rowCount('opportunity')).toBe(before);
  });
});

describe('PATCH /api/v1/records/account/{id}', () => {
  const cases: Case[] = [
    ['name null', { name: null }, [['name', 'required']]],
    ['name empty', { name: '' }, [['name', 'required']]],
    [
      'a bad email and an unknown field',
      { email: 'bad', foo: 1 },
      [
        ['email', 'email'],
        ['foo', 'unknownField'],
      ],
    ],
    ['a version in the body', { version: 99 }, [['version', 'readOnly']]],
    ['the id', { id: randomUUID() }, [['id', 'readOnly']]],
    ['updated_by', { updated_by: randomUUID() }, [['updated_by', 'readOnly']]],
    ['a parent that does not exist', { parent: randomUUID() }, [['parent', 'lookupMissing']]],
  ];

  it.each(cases)('%s answers 422 and changes nothing', async (_label, body, expected) => {
    const error = expectError(await api.patch(`/api/v1/records/account/${existing.id}`, body), 422, 'VALIDATION_FAILED');
    expect(fieldCodes(error)).toEqual(expected);
    const now = (await api.get(`/api/v1/records/account/${existing.id}`)).body.record;
    expect(now).toMatchObject({ name: 'Existing', email: 'ok@example.com', version: existing.version });
  });
});
