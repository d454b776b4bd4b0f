/**
 * Who sees which records of a private object through ownership and the role hierarchy: every org
 * user × every object × list (all pages), get, and name search; records out of sight are 404 for
 * get, update and delete alike, so their existence never leaks.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { deleteRecord, getRecord, updateRecord } from '../../../platform/data';
import { createSecOrg, listAllIds, OBJECTS, ORG_USERS, outcome, SEES, sorted, type Obj, type OrgUser, type SecOrg } from './org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;

beforeAll(async () => {
  org = await createSecOrg('sec_vis');
});

/** [user, object] for the whole matrix. */
const MATRIX: [OrgUser, Obj][] = ORG_USERS.flatMap((u) => OBJECTS.map((o): [OrgUser, Obj] => [u, o]));

describe('the expected table itself', () => {
  it.each<[OrgUser, number]>([
    ['admin', 9],
    ['gm', 7],
    ['director', 6],
    ['manager_a', 3],
    ['manager_b', 2],
    ['rep_a1', 1],
    ['rep_a2', 1],
    ['rep_b1', 1],
    ['outsider', 1],
  ])('%s sees the records of %i owners', (user, owners) => {
    expect(SEES[user]).toHaveLength(owners);
  });
});

describe('list: each user gets exactly their records, across every page', () => {
  it.each(MATRIX)('%s lists %s', async (user, object) => {
    const ids = await listAllIds(await org.ctx(user), object);
    expect(new Set(ids).size, 'no record repeats across pages').toBe(ids.length);
    expect(sorted(ids)).toEqual(sorted(org.idsOf(object, SEES[user])));
  });
});

describe('get: 200 for every visible record, NOT_FOUND for every other', () => {
  it.each(MATRIX)('%s gets each %s', async (user, object) => {
    const ctx = await org.ctx(user);
    const actual: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const owner of ORG_USERS) {
      for (const id of org.records[object][owner]) {
        const key = `${org.names.get(id)}`;
        actual[key] = await outcome(getRecord(ctx, object, id));
        expected[key] = SEES[user].includes(owner) ? 'ok' : 'NOT_FOUND';
      }
    }
    expect(actual).toEqual(expected);
  });
});

describe('search by name finds only visible records', () => {
  const TERMS = ['rep_a', 'manager', '#1', 'outsider', 'gm', 'ACCOUNT REP'];
  it.each(MATRIX)('%s searches %s', async (user, object) => {
    const ctx = await org.ctx(user);
    for (const term of TERMS) {
      const ids = await listAllIds(ctx, object, { search: term });
      const expected = org.idsOf(object, SEES[user]).filter((id) => org.names.get(id)!.toLowerCase().includes(term.toLowerCase()));
      expect(sorted(ids), `search "${term}"`).toEqual(sorted(expected));
    }
  });

  it('a search term matching only invisible records finds nothing', async () => {
    const res = await listAllIds(await org.ctx('rep_a1'), 'account', { search: 'Account rep_b1' });
    expect(res).toEqual([]);
  });
});

describe('records out of sight: update and delete answer NOT_FOUND, as get does', () => {
  /** [user, object, owner of the target]: all invisible to the user. */
  const INVISIBLE: [OrgUser, Obj, OrgUser][] = [
    ['rep_a1', 'account', 'rep_a2'],
    ['rep_a1', 'opportunity', 'manager_a'],
    ['rep_b1', 'contract', 'rep_a1'],
    ['manager_a', 'account', 'rep_b1'],
    ['manager_a', 'contract', 'manager_b'],
    ['manager_b', 'opportunity', 'director'],
    ['director', 'contact', 'gm'],
    ['gm', 'account', 'outsider'],
    ['gm', 'contract', 'admin'],
    ['outsider', 'opportunity', 'gm'],
    ['outsider', 'contact', 'rep_b1'],
  ];

  it.each(INVISIBLE)('%s cannot reach a %s of %s', async (user, object, owner) => {
    expect(SEES[user]).not.toContain(owner);
    const ctx = await org.ctx(user);
    const id = org.records[object][owner][1];
    const before = await getRecord(await org.ctx('admin'), object, id);
    const isRep = user.startsWith('rep_');
    expect({
      get: await outcome(getRecord(ctx, object, id)),
      update: await outcome(updateRecord(ctx, object, id, { name: 'Hijacked' })),
      // Reps lack the delete right altogether: that answer (403) says nothing about the record.
      delete: await outcome(deleteRecord(ctx, object, id)),
    }).toEqual({ get: 'NOT_FOUND', update: 'NOT_FOUND', delete: isRep ? 'FORBIDDEN' : 'NOT_FOUND' });
    expect(await getRecord(await org.ctx('admin'), object, id)).toEqual(before);
  });

  it('an id that does not exist and one that is not a uuid are NOT_FOUND too', async () => {
    const ctx = await org.ctx('manager_a');
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect(await outcome(getRecord(ctx, 'account', id))).toBe('NOT_FOUND');
      expect(await outcome(updateRecord(ctx, 'account', id, { name: 'x' }))).toBe('NOT_FOUND');
      expect(await outcome(deleteRecord(ctx, 'account', id))).toBe('NOT_FOUND');
    }
  });
});

describe('the error of an invisible record names nothing about it', () => {
  it('NOT_FOUND for an invisible record is identical to one for a missing record', async () => {
    const ctx = await org.ctx('rep_a1');
    const err = async (id: string) =>
      getRecord(ctx, 'account', id).then(
        () => null,
        (e: Error & { details: unknown }) => ({ message: e.message, details: e.details }),
      );
    expect(await err(org.records.account.rep_b1[0])).toEqual(await err('00000000-0000-4000-8000-000000000000'));
  });
});
