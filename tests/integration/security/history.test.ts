/**
 * Field history: every changed field of an update (old and new value, who, channel, one transaction
 * id per change), lifecycle rows ($created, $deleted, $restored), nothing for refused or empty writes.
 * Channel: 'ui' for a signed-in context, 'api' for REST.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createRecord, deleteRecord, restoreRecord, updateRecord } from '../../../platform/data';
import { createSecOrg, outcome, type Obj, type SecOrg, type Who } from './org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;

beforeAll(async () => {
  org = await createSecOrg('sec_hist');
});

interface Row {
  field: string;
  old: unknown;
  new: unknown;
  user: Who | string;
  channel: string;
  tx: string;
}

/** A marker: history rows written after it are what a step wrote. */
async function mark(): Promise<number> {
  return Number((await org.sql('SELECT COALESCE(MAX(id), 0) AS m FROM field_history')).rows[0].m);
}

/** History of one record since a marker, users shown by their fixture name. */
async function historySince(marker: number, object: Obj, id: string): Promise<Row[]> {
  const res = await org.sql(
    'SELECT field, old_value, new_value, user_id, channel, tx_id FROM field_history WHERE workspace_id = $1 AND object = $2 AND record_id = $3 AND id > $4 ORDER BY id',
    [org.tw.workspace.id, object, id, marker],
  );
  const who = (uid: string) => Object.entries(org.users).find(([, u]) => u.id === uid)?.[0] ?? uid;
  return res.rows.map((r) => ({ field: r.field, old: r.old_value, new: r.new_value, user: who(r.user_id), channel: r.channel, tx: r.tx_id }));
}

const withoutTx = (rows: Row[]) => rows.map(({ tx: _tx, ...r }) => r).sort((a, b) => a.field.localeCompare(b.field));

describe('updates record each changed field with old and new values', () => {
  /** [label, user, via, object, owner's record, changes, expected rows (field, old, new)] */
  const UPDATES: [string, Who, 'ui' | 'api', Obj, 'rep_a1' | 'rep_a2' | 'manager_a', Record<string, unknown>, [string, unknown, unknown][]][] = [
    [
      'a rep, in the app',
      'rep_a1',
      'ui',
      'account',
      'rep_a1',
      { phone: '+86 21 1234 5678', level: 'c', description: 'first note' },
      [
        ['description', null, 'first note'],
        ['level', 'a', 'c'],
        ['phone', '+86 21 5555 0010', '+86 21 1234 5678'],
      ],
    ],
    [
      'a manager, over REST',
      'manager_a',
      'api',
      'opportunity',
      'rep_a2',
      { stage: 'proposal', amount: 12_345, next_step: 'demo' },
      [
        ['amount', 10_000, 12_345],
        ['forecast_category', 'closed', 'best_case'],
        ['next_step', null, 'demo'],
        ['probability', 100, 40],
        ['stage', 'closed_won', 'proposal'],
      ],
    ],
    [
      'a rep on a contract (cost untouched)',
      'rep_a1',
      'api',
      'contract',
      'rep_a1',
      { amount: 1, end_date: '2027-01-31' },
      [
        ['amount', 50_000, 1],
        ['end_date', null, '2027-01-31'],
      ],
    ],
    ['a manager writing the hidden-to-reps cost', 'manager_a', 'ui', 'contract', 'manager_a', { cost: 1 }, [['cost', 30_000, 1]]],
    ['a rename', 'rep_a1', 'ui', 'contact', 'rep_a1', { name: 'Contact rep_a1 renamed' }, [['name', 'Contact rep_a1 #1', 'Contact rep_a1 renamed']]],
    ['clearing a value', 'rep_a2', 'api', 'account', 'rep_a2', { phone: null }, [['phone', '+86 21 5555 0010', null]]],
  ];

  it.each(UPDATES)('%s', async (_label, user, via, object, owner, changes, expected) => {
    const id = org.records[object][owner][0];
    const m = await mark();
    if (via === 'api') expect((await org.api(user).patch(`/api/v1/records/${object}/${id}`, changes)).status).toBe(200);
    else await updateRecord(await org.ctx(user), object, id, changes);
    const rows = await historySince(m, object, id);
    expect(withoutTx(rows)).toEqual(expected.map(([field, old, nw]) => ({ field, old, new: nw, user, channel: via })));
    expect(new Set(rows.map((r) => r.tx)).size, 'one transaction id per change').toBe(1);
  });

  it('two updates are two transactions', async () => {
    const id = org.records.account.rep_a1[1];
    const m = await mark();
    const ctx = await org.ctx('rep_a1');
    await updateRecord(ctx, 'account', id, { email: 'a@example.com' });
    await updateRecord(ctx, 'account', id, { email: 'b@example.com' });
    const rows = await historySince(m, 'account', id);
    expect(rows.map((r) => [r.field, r.old, r.new])).toEqual([
      ['email', null, 'a@example.com'],
      ['email', 'a@example.com', 'b@example.com'],
    ]);
    expect(rows[0].tx).not.toBe(rows[1].tx);
  });

  it('an owner change is recorded with both owners', async () => {
    const id = org.records.opportunity.rep_a1[1];
    const m = await mark();
    await updateRecord(await org.ctx('manager_a'), 'opportunity', id, { owner: org.users.rep_a2.id });
    expect(withoutTx(await historySince(m, 'opportunity', id))).toEqual([{ field: 'owner', old: org.users.rep_a1.id, new: org.users.rep_a2.id, user: 'manager_a', channel: 'ui' }]);
  });
});

describe('nothing is recorded for writes that change nothing or are refused', () => {
  /** [label, user, object, owner of #1, changes, expected outcome] */
  const NOTHING: [string, Who, Obj, 'rep_a1' | 'rep_b1', Record<string, unknown>, string][] = [
    ['the same value again', 'rep_b1', 'account', 'rep_b1', { level: 'a' }, 'ok'],
    ['an invisible record', 'rep_a1', 'account', 'rep_b1', { level: 'c' }, 'NOT_FOUND'],
    ['a read-only share', 'rep_a2', 'opportunity', 'rep_b1', { next_step: 'x' }, 'FORBIDDEN'],
    ['invalid input', 'rep_a1', 'account', 'rep_a1', { level: 'zz', phone: 'x' }, 'VALIDATION_FAILED'],
  ];

  it.each(NOTHING)('%s', async (_label, user, object, owner, changes, expected) => {
    const id = org.records[object][owner][0];
    if (expected === 'FORBIDDEN') {
      await org.sql(`INSERT INTO record_shares (workspace_id, object, record_id, user_id, access, reason) VALUES ($1, $2, $3, $4, 'read', 'manual')`, [
        org.tw.workspace.id,
        object,
        id,
        org.users[user].id,
      ]);
    }
    const m = await mark();
    expect(await outcome(updateRecord(await org.ctx(user), object, id, changes))).toBe(expected);
    expect(await historySince(m, object, id)).toEqual([]);
  });

  it('a refused delete (a rep) leaves no $deleted row', async () => {
    const id = org.records.account.rep_a1[0];
    const m = await mark();
    expect((await org.api('rep_a1').del(`/api/v1/records/account/${id}`)).status).toBe(403);
    expect(await historySince(m, 'account', id)).toEqual([]);
  });
});

describe('lifecycle rows', () => {
  const life = (rows: Row[]) => rows.map(({ field, old, new: nw, user, channel }) => ({ field, old, new: nw, user, channel }));

  it('create over REST, then delete over REST and restore in the app', async () => {
    let m = await mark();
    const res = await org.api('rep_a2').post('/api/v1/records/account', { name: 'History lifecycle Co', level: 'b' });
    expect(res.status).toBe(201);
    const id = res.body.record.id;
    expect(life(await historySince(m, 'account', id))).toEqual([{ field: '$created', old: null, new: null, user: 'rep_a2', channel: 'api' }]);

    m = await mark();
    expect((await org.api('manager_a').del(`/api/v1/records/account/${id}`)).status).toBe(204);
    expect(life(await historySince(m, 'account', id))).toEqual([{ field: '$deleted', old: null, new: null, user: 'manager_a', channel: 'api' }]);

    m = await mark();
    await restoreRecord(await org.ctx('director'), 'account', id);
    expect(life(await historySince(m, 'account', id))).toEqual([{ field: '$restored', old: null, new: null, user: 'director', channel: 'ui' }]);
  });

  it('create and delete through the service record the ui channel', async () => {
    let m = await mark();
    const rec = await createRecord(await org.ctx('manager_b'), 'contact', { name: 'History contact', title: 'CTO' });
    const id = String(rec.id);
    expect(life(await historySince(m, 'contact', id))).toEqual([{ field: '$created', old: null, new: null, user: 'manager_b', channel: 'ui' }]);
    m = await mark();
    await deleteRecord(await org.ctx('manager_b'), 'contact', id);
    expect(life(await historySince(m, 'contact', id))).toEqual([{ field: '$deleted', old: null, new: null, user: 'manager_b', channel: 'ui' }]);
  });

  it('every fixture record has exactly one $created row, by the admin', async () => {
    const res = await org.sql(
      `SELECT record_id, COUNT(*) FILTER (WHERE field = '$created') AS created FROM field_history WHERE workspace_id = $1 AND record_id = ANY($2::uuid[]) GROUP BY record_id`,
      [org.tw.workspace.id, [...org.owners.keys()]],
    );
    expect(res.rows).toHaveLength(org.owners.size);
    expect(res.rows.every((r) => Number(r.created) === 1)).toBe(true);
  });
});
