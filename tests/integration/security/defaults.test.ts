/**
 * Organisation-wide defaults (object_sharing): public read, public read/write, and private without
 * the role hierarchy. Changed on contacts only; the other objects must stay private throughout.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deleteRecord, getRecord, restoreRecord, updateRecord } from '../../../platform/data';
import { expectError } from '../api/api';
import { createSecOrg, listAllIds, ORG_USERS, outcome, restListAllIds, SEES, sorted, type OrgUser, type SecOrg, type Who } from './org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;

beforeAll(async () => {
  org = await createSecOrg('sec_owd');
});

async function setContactDefault(access: 'private' | 'read' | 'read_write', hierarchy: boolean) {
  await org.secure(
    `INSERT INTO object_sharing (workspace_id, object, default_access, grant_via_hierarchy) VALUES ($1, 'contact', $2, $3)
     ON CONFLICT (workspace_id, object) DO UPDATE SET default_access = EXCLUDED.default_access, grant_via_hierarchy = EXCLUDED.grant_via_hierarchy`,
    [org.tw.workspace.id, access, hierarchy],
  );
}

afterAll(async () => {
  await org?.secure('DELETE FROM object_sharing WHERE workspace_id = $1', [org.tw.workspace.id]);
});

/** [user, owner of the contact, expected update, expected delete] */
type WriteRow = [Who, OrgUser, string, string];

async function checkWrites(rows: WriteRow[]) {
  const actual: string[] = [];
  const expected: string[] = [];
  const admin = await org.ctx('admin');
  for (const [user, owner, update, del] of rows) {
    const id = org.records.contact[owner][1];
    const ctx = await org.ctx(user);
    const u = await outcome(updateRecord(ctx, 'contact', id, { department: `by ${user}` }));
    const d = await outcome(deleteRecord(ctx, 'contact', id));
    if (d === 'ok') await restoreRecord(admin, 'contact', id);
    actual.push(`${user} -> ${owner}: update ${u}, delete ${d}`);
    expected.push(`${user} -> ${owner}: update ${update}, delete ${del}`);
  }
  expect(actual).toEqual(expected);
}

describe("public read: everyone with the read right sees every contact, edits only their own and their team's", () => {
  beforeAll(() => setContactDefault('read', true));

  it.each(ORG_USERS)('%s lists every contact, and still only their own accounts', async (user) => {
    const ctx = await org.ctx(user);
    expect(sorted(await listAllIds(ctx, 'contact'))).toEqual(sorted(org.idsOf('contact', ORG_USERS)));
    expect(sorted(await listAllIds(ctx, 'account'))).toEqual(sorted(org.idsOf('account', SEES[user])));
  });

  it('edits follow ownership and the hierarchy; a visible record that is not yours is 403, not 404', () =>
    checkWrites([
      ['rep_a1', 'rep_a1', 'ok', 'FORBIDDEN'],
      ['rep_a1', 'rep_a2', 'FORBIDDEN', 'FORBIDDEN'],
      ['rep_b1', 'gm', 'FORBIDDEN', 'FORBIDDEN'],
      ['manager_a', 'rep_a1', 'ok', 'ok'],
      ['manager_a', 'manager_b', 'FORBIDDEN', 'FORBIDDEN'],
      ['manager_b', 'rep_a2', 'FORBIDDEN', 'FORBIDDEN'],
      ['director', 'rep_b1', 'ok', 'ok'],
      ['outsider', 'rep_a1', 'FORBIDDEN', 'FORBIDDEN'],
      ['outsider', 'outsider', 'ok', 'ok'],
      ['admin', 'outsider', 'ok', 'ok'],
    ]));

  it('a user without the read right on contacts still gets 403, over REST too', async () => {
    expectError(await org.api('noperm').get('/api/v1/records/contact'), 403, 'FORBIDDEN');
    expectError(await org.api('reader').get(`/api/v1/records/contact/${org.records.contact.gm[0]}`), 403, 'FORBIDDEN');
  });

  it("over REST a rep lists every contact and gets 403 patching a peer's", async () => {
    const api = org.api('rep_b1');
    const list = await restListAllIds(api, 'contact', '', 7);
    expect(list.status).toBe(200);
    expect(sorted(list.ids)).toEqual(sorted(org.idsOf('contact', ORG_USERS)));
    expect((await api.get(`/api/v1/records/contact/${org.records.contact.rep_a1[0]}`)).status).toBe(200);
    expectError(await api.patch(`/api/v1/records/contact/${org.records.contact.rep_a1[0]}`, { title: 'x' }), 403, 'FORBIDDEN');
  });
});

describe('public read/write: everyone edits every contact, deleting still needs ownership or the hierarchy', () => {
  beforeAll(() => setContactDefault('read_write', true));

  it.each(ORG_USERS)('%s lists every contact', async (user) => {
    expect(sorted(await listAllIds(await org.ctx(user), 'contact'))).toEqual(sorted(org.idsOf('contact', ORG_USERS)));
  });

  it('edits are open to all; deletes are not', () =>
    checkWrites([
      ['rep_a1', 'rep_b1', 'ok', 'FORBIDDEN'],
      ['rep_b1', 'gm', 'ok', 'FORBIDDEN'],
      ['outsider', 'gm', 'ok', 'FORBIDDEN'],
      ['outsider', 'admin', 'ok', 'FORBIDDEN'],
      ['manager_b', 'rep_a1', 'ok', 'FORBIDDEN'],
      ['manager_a', 'rep_a2', 'ok', 'ok'],
      ['gm', 'rep_b1', 'ok', 'ok'],
    ]));

  it('opportunities stay private', async () => {
    const ctx = await org.ctx('rep_a1');
    expect(await outcome(getRecord(ctx, 'opportunity', org.records.opportunity.rep_b1[0]))).toBe('NOT_FOUND');
    expect(await outcome(updateRecord(ctx, 'opportunity', org.records.opportunity.rep_b1[0], { next_step: 'x' }))).toBe('NOT_FOUND');
  });
});

describe('private without the role hierarchy: managers see only their own contacts', () => {
  beforeAll(() => setContactDefault('private', false));

  /** Whose contacts each user sees once the hierarchy no longer grants access. */
  const OWN_ONLY: [OrgUser, readonly OrgUser[]][] = [
    ['admin', ORG_USERS],
    ['gm', ['gm']],
    ['director', ['director']],
    ['manager_a', ['manager_a']],
    ['manager_b', ['manager_b']],
    ['rep_a1', ['rep_a1']],
    ['outsider', ['outsider']],
  ];

  it.each(OWN_ONLY)('%s lists contacts of %j, and accounts through the hierarchy as before', async (user, owners) => {
    const ctx = await org.ctx(user);
    expect(sorted(await listAllIds(ctx, 'contact'))).toEqual(sorted(org.idsOf('contact', owners)));
    expect(sorted(await listAllIds(ctx, 'account'))).toEqual(sorted(org.idsOf('account', SEES[user])));
  });

  it("a subordinate's contact is out of sight for the manager: 404 on get, update and delete", async () => {
    const id = org.records.contact.rep_a1[0];
    const ctx = await org.ctx('manager_a');
    expect({
      get: await outcome(getRecord(ctx, 'contact', id)),
      update: await outcome(updateRecord(ctx, 'contact', id, { title: 'x' })),
      delete: await outcome(deleteRecord(ctx, 'contact', id)),
    }).toEqual({ get: 'NOT_FOUND', update: 'NOT_FOUND', delete: 'NOT_FOUND' });
    expectError(await org.api('gm').get(`/api/v1/records/contact/${id}`), 404, 'NOT_FOUND');
  });

  it("restoring the hierarchy gives the manager the team's contacts back", async () => {
    await setContactDefault('private', true);
    expect(sorted(await listAllIds(await org.ctx('manager_a'), 'contact'))).toEqual(sorted(org.idsOf('contact', SEES.manager_a)));
  });
});
