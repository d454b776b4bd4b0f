/**
 * Who may change and delete what: own and hierarchy records, manual shares (read vs read/write),
 * the delete right reps lack, and handing records over (owner on create and on update).
 */
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRecord, deleteRecord, getRecord, listRecords, restoreRecord, updateRecord } from '../../../platform/data';
import { expectError, fieldCodes } from '../api/api';
import { createSecOrg, outcome, statusOf, type Obj, type OrgUser, type SecOrg, type Who } from './org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;

beforeAll(async () => {
  org = await createSecOrg('sec_writes');
});

async function errorOf(p: Promise<unknown>): Promise<{ code: string; details: { field?: string; code: string }[] }> {
  return p.then(
    () => ({ code: 'ok', details: [] }),
    (e: { code: string; details: { field?: string; code: string }[] }) => ({ code: e.code, details: e.details.map(({ field, code }) => ({ ...(field ? { field } : {}), code })) }),
  );
}

describe('updates: own and hierarchy records only', () => {
  /** [user, object, owner of the target, expected]: updates record #1's description. */
  const UPDATES: [OrgUser, Obj, OrgUser, string][] = [
    ['rep_a1', 'account', 'rep_a1', 'ok'],
    ['rep_a1', 'contract', 'rep_a1', 'ok'],
    ['rep_a1', 'account', 'rep_a2', 'NOT_FOUND'],
    ['rep_a2', 'opportunity', 'manager_a', 'NOT_FOUND'],
    ['rep_b1', 'contact', 'rep_a1', 'NOT_FOUND'],
    ['manager_a', 'account', 'rep_a1', 'ok'],
    ['manager_a', 'contract', 'rep_a2', 'ok'],
    ['manager_a', 'opportunity', 'manager_b', 'NOT_FOUND'],
    ['manager_b', 'account', 'rep_a1', 'NOT_FOUND'],
    ['director', 'opportunity', 'rep_b1', 'ok'],
    ['director', 'account', 'gm', 'NOT_FOUND'],
    ['gm', 'contact', 'manager_b', 'ok'],
    ['gm', 'contract', 'outsider', 'NOT_FOUND'],
    ['outsider', 'account', 'outsider', 'ok'],
    ['outsider', 'account', 'rep_b1', 'NOT_FOUND'],
    ['admin', 'opportunity', 'outsider', 'ok'],
  ];

  it.each(UPDATES)('%s updates a %s of %s: %s', async (user, object, owner, expected) => {
    const id = org.records[object][owner][0];
    const before = await getRecord(await org.ctx('admin'), object, id);
    const text = `edited by ${user}`;
    expect(await outcome(updateRecord(await org.ctx(user), object, id, { description: text }))).toBe(expected);
    const after = await getRecord(await org.ctx('admin'), object, id);
    if (expected === 'ok') expect(after).toMatchObject({ description: text, updated_by: org.users[user].id, version: Number(before.version) + 1 });
    else expect(after).toEqual(before);
  });
});

describe('deletes: the delete right, then full access (owner or above)', () => {
  /** [user, object, owner of the target, expected]: deletes record #2 (restored afterwards). */
  const DELETES: [Who, Obj, OrgUser, string][] = [
    ['rep_a1', 'account', 'rep_a1', 'FORBIDDEN'],
    ['rep_a2', 'opportunity', 'rep_a2', 'FORBIDDEN'],
    ['rep_b1', 'contract', 'rep_b1', 'FORBIDDEN'],
    ['rep_a1', 'contact', 'rep_b1', 'FORBIDDEN'],
    ['manager_a', 'opportunity', 'rep_a1', 'ok'],
    ['manager_a', 'account', 'manager_a', 'ok'],
    ['manager_a', 'account', 'manager_b', 'NOT_FOUND'],
    ['manager_b', 'contract', 'rep_b1', 'ok'],
    ['director', 'contact', 'rep_b1', 'ok'],
    ['director', 'contact', 'gm', 'NOT_FOUND'],
    ['gm', 'account', 'rep_a2', 'ok'],
    ['outsider', 'account', 'outsider', 'ok'],
    ['outsider', 'account', 'rep_a1', 'NOT_FOUND'],
    ['admin', 'contract', 'gm', 'ok'],
  ];

  it.each(DELETES)('%s deletes a %s of %s: %s', async (user, object, owner, expected) => {
    const id = org.records[object][owner][1];
    const result = await errorOf(deleteRecord(await org.ctx(user), object, id));
    expect(result.code).toBe(expected);
    if (expected === 'FORBIDDEN') expect(result.details).toEqual([{ code: 'object.delete' }]);
    const admin = await org.ctx('admin');
    if (expected === 'ok') {
      expect(await outcome(getRecord(admin, object, id))).toBe('NOT_FOUND');
      await restoreRecord(admin, object, id);
    }
    expect(await outcome(getRecord(admin, object, id))).toBe('ok');
  });

  it.each<[Who, Obj, OrgUser, number]>([
    ['rep_a1', 'account', 'rep_a1', 403],
    ['rep_b1', 'opportunity', 'rep_b1', 403],
    ['rep_a2', 'contract', 'rep_b1', 403],
    ['manager_b', 'account', 'rep_a1', 404],
  ])('over REST, %s deleting a %s of %s answers %i', async (user, object, owner, status) => {
    const id = org.records[object][owner][1];
    const res = await org.api(user).del(`/api/v1/records/${object}/${id}`);
    const error = expectError(res, status, status === 403 ? 'FORBIDDEN' : 'NOT_FOUND');
    if (status === 403) expect(fieldCodes(error)).toEqual([[undefined, 'object.delete']]);
    expect(await outcome(getRecord(await org.ctx('admin'), object, id))).toBe('ok');
  });
});

describe('manual shares', () => {
  const shares: string[] = [];
  async function share(object: Obj, owner: OrgUser, n: 1 | 2, withUser: Who, access: 'read' | 'read_write'): Promise<string> {
    const id = org.records[object][owner][n - 1];
    await org.sql(`INSERT INTO record_shares (workspace_id, object, record_id, user_id, access, reason) VALUES ($1, $2, $3, $4, $5, 'manual')`, [
      org.tw.workspace.id,
      object,
      id,
      org.users[withUser].id,
      access,
    ]);
    shares.push(id);
    return id;
  }
  afterEach(async () => {
    await org.sql('DELETE FROM record_shares WHERE workspace_id = $1 AND record_id = ANY($2::uuid[])', [org.tw.workspace.id, shares.splice(0)]);
  });

  /** [user, object, owner, access shared, expected outcome of get, update, delete] */
  const SHARED: [Who, Obj, OrgUser, 'read' | 'read_write', string, string, string][] = [
    ['rep_a1', 'opportunity', 'rep_b1', 'read', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
    ['rep_a2', 'opportunity', 'rep_b1', 'read_write', 'ok', 'ok', 'FORBIDDEN'],
    ['manager_a', 'account', 'manager_b', 'read', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
    ['manager_a', 'account', 'rep_b1', 'read_write', 'ok', 'ok', 'FORBIDDEN'],
    ['outsider', 'contract', 'gm', 'read_write', 'ok', 'ok', 'FORBIDDEN'],
  ];

  it.each(SHARED)('%s with a %s of %s shared %s: get %s, update %s, delete %s', async (user, object, owner, access, get, update, del) => {
    const id = await share(object, owner, 2, user, access);
    const ctx = await org.ctx(user);
    expect({
      get: await outcome(getRecord(ctx, object, id)),
      listed: (await listRecords(ctx, object, { limit: 200 })).records.some((r) => r.id === id),
      update: await outcome(updateRecord(ctx, object, id, { description: `shared edit by ${user}` })),
      delete: await outcome(deleteRecord(ctx, object, id)),
    }).toEqual({ get, listed: true, update, delete: del });
    // A share is of one record only: the owner's other record stays out of sight.
    expect(await outcome(getRecord(ctx, object, org.records[object][owner][0]))).toBe('NOT_FOUND');
  });

  it('over REST a read share answers 200 to GET and 403 to PATCH, naming the record edit', async () => {
    const id = await share('opportunity', 'rep_b1', 1, 'rep_a1', 'read');
    const api = org.api('rep_a1');
    expect((await api.get(`/api/v1/records/opportunity/${id}`)).status).toBe(200);
    const error = expectError(await api.patch(`/api/v1/records/opportunity/${id}`, { next_step: 'call' }), 403, 'FORBIDDEN');
    expect(fieldCodes(error)).toEqual([[undefined, 'record.edit']]);
    const rw = await share('opportunity', 'rep_b1', 2, 'rep_a1', 'read_write');
    expect((await api.patch(`/api/v1/records/opportunity/${rw}`, { next_step: 'call' })).body.record).toMatchObject({ next_step: 'call' });
  });

  it('the access ends with the share', async () => {
    const id = await share('account', 'rep_b1', 1, 'rep_a1', 'read_write');
    expect(await outcome(getRecord(await org.ctx('rep_a1'), 'account', id))).toBe('ok');
    await org.sql('DELETE FROM record_shares WHERE record_id = $1', [id]);
    expect(await outcome(getRecord(await org.ctx('rep_a1'), 'account', id))).toBe('NOT_FOUND');
    expect(await outcome(updateRecord(await org.ctx('rep_a1'), 'account', id, { description: 'x' }))).toBe('NOT_FOUND');
  });

  it('a read/write share does not let the user hand the record to themselves', async () => {
    const id = await share('opportunity', 'rep_b1', 2, 'rep_a2', 'read_write');
    const err = await errorOf(updateRecord(await org.ctx('rep_a2'), 'opportunity', id, { owner: org.users.rep_a2.id }));
    expect(err).toEqual({ code: 'FORBIDDEN', details: [{ field: 'owner', code: 'owner.assign' }] });
    expect((await getRecord(await org.ctx('admin'), 'opportunity', id)).owner).toBe(org.users.rep_b1.id);
  });
});

describe('links: a lookup may only point at a record the user can see', () => {
  /** [user, account owner linked to, expected] */
  const LINKS: [Who, OrgUser, string][] = [
    ['rep_a1', 'rep_a1', 'ok'],
    ['rep_a1', 'rep_a2', 'VALIDATION_FAILED'],
    ['manager_a', 'rep_a2', 'ok'],
    ['manager_a', 'manager_b', 'VALIDATION_FAILED'],
    ['outsider', 'gm', 'VALIDATION_FAILED'],
  ];

  it.each(LINKS)('%s creates a contact at an account of %s: %s', async (user, owner, expected) => {
    const err = await errorOf(createRecord(await org.ctx(user), 'contact', { name: `Link ${user} to ${owner}`, account: org.records.account[owner][0] }));
    expect(err.code).toBe(expected);
    if (expected !== 'ok') expect(err.details).toEqual([{ field: 'account', code: 'lookupMissing' }]);
  });
});

describe('owners: creating for someone else, and handing records over', () => {
  /** [user, owner asked for (null: none), expected outcome, expected owner] */
  const CREATES: [Who, Who | null, string, Who | null][] = [
    ['rep_a1', null, 'ok', 'rep_a1'],
    ['rep_a1', 'rep_a1', 'ok', 'rep_a1'],
    ['rep_a1', 'rep_a2', 'FORBIDDEN', null],
    ['rep_b1', 'manager_b', 'FORBIDDEN', null],
    ['transferer', 'rep_a2', 'ok', 'rep_a2'],
    ['admin', 'rep_b1', 'ok', 'rep_b1'],
  ];

  it.each(CREATES)('%s creates an account owned by %s: %s', async (user, owner, expected, finalOwner) => {
    const name = `Created by ${user} for ${owner}`;
    const err = await errorOf(createRecord(await org.ctx(user), 'account', { name, ...(owner ? { owner: org.users[owner].id } : {}) }));
    expect(err.code).toBe(expected);
    if (expected === 'FORBIDDEN') expect(err.details).toEqual([{ field: 'owner', code: 'owner.assign' }]);
    const found = (await listRecords(await org.ctx('admin'), 'account', { search: name })).records;
    expect(found.map((r) => r.owner)).toEqual(finalOwner ? [org.users[finalOwner].id] : []);
  });

  it('over REST a rep creating for a peer gets 403 naming the owner field', async () => {
    const res = await org.api('rep_a1').post('/api/v1/records/account', { name: 'REST for a peer', owner: org.users.rep_a2.id });
    expect(fieldCodes(expectError(res, 403, 'FORBIDDEN'))).toEqual([['owner', 'owner.assign']]);
    const ok = await org.api('transferer').post('/api/v1/records/account', { name: 'REST transfer', owner: org.users.rep_a2.id });
    expect({ status: ok.status, owner: ok.body.record?.owner }).toEqual({ status: 201, owner: org.users.rep_a2.id });
  });

  /** [user, object, current owner, new owner, expected] */
  const REASSIGN: [Who, Obj, OrgUser, OrgUser, string][] = [
    ['manager_a', 'account', 'rep_a1', 'rep_a2', 'ok'],
    ['director', 'opportunity', 'rep_b1', 'rep_a1', 'ok'],
    ['manager_a', 'contract', 'manager_b', 'rep_a1', 'NOT_FOUND'],
    ['rep_a1', 'contact', 'rep_a2', 'rep_a1', 'NOT_FOUND'],
    ['rep_b1', 'opportunity', 'rep_b1', 'rep_a2', 'ok'],
  ];

  it.each(REASSIGN)('%s reassigns a %s of %s to %s: %s', async (user, object, from, to, expected) => {
    const id = org.records[object][from][0];
    expect(await outcome(updateRecord(await org.ctx(user), object, id, { owner: org.users[to].id }))).toBe(expected);
    const owner = (await getRecord(await org.ctx('admin'), object, id)).owner;
    expect(owner).toBe(org.users[expected === 'ok' ? to : from].id);
    if (expected === 'ok') {
      expect(await outcome(getRecord(await org.ctx(to), object, id))).toBe('ok');
      if (!['manager_a', 'director'].includes(from)) expect(await outcome(getRecord(await org.ctx(from), object, id))).toBe('NOT_FOUND');
      await updateRecord(await org.ctx('admin'), object, id, { owner: org.users[from].id });
    }
  });

  it('REST statuses mirror the service for the same reassignments', async () => {
    const id = org.records.account.rep_a2[0];
    const res = await org.api('manager_b').patch(`/api/v1/records/account/${id}`, { owner: org.users.rep_b1.id });
    expect(res.status).toBe(statusOf('NOT_FOUND'));
    const ok = await org.api('manager_a').patch(`/api/v1/records/account/${id}`, { owner: org.users.rep_a1.id });
    expect({ status: ok.status, owner: ok.body.record.owner }).toEqual({ status: 200, owner: org.users.rep_a1.id });
    await updateRecord(await org.ctx('admin'), 'account', id, { owner: org.users.rep_a2.id });
  });
});
