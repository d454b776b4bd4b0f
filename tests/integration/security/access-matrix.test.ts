/**
 * The access matrix: for several users of the security org, every read path (REST, tRPC, kanban,
 * related lists, lookups, recycle bin, stage history, approvals, shares, field history) shows
 * exactly the records the user may see, and a record out of sight answers exactly like one that
 * does not exist. Display names of lookups never name a record the user cannot see.
 *
 * Beyond the org's fixtures (createSecOrg), the world holds:
 *   - a contact and an open opportunity of every org user under rep_a1's key account ("cross"),
 *     so a parent one user sees has children others see, and the other way round;
 *   - a contact of every org user under that account, deleted by the admin (the recycle bin);
 *   - rep_b1's account #2 shared with rep_a1 by hand (read);
 *   - rep_a1's contact #1 moved to rep_b1's key account, and rep_a1's account #2 given manager_b's
 *     key account as parent (lookups to records out of sight of rep_a1 and manager_a).
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createRecord, deleteRecord, updateRecord } from '../../../platform/data';
import { getPrisma } from '../../../platform/db/prisma';
import { addShare } from '../../../platform/security/shares';
import { openSession, SESSION_COOKIE } from '../../../platform/security/sessions';
import type { ApiResponse } from '../api/api';
import { createSecOrg, OBJECTS, ORG_USERS, restListAllIds, SEES, sorted, type Obj, type OrgUser, type SecOrg } from './org';

process.env.DATABASE_URL = inject('databaseUrl');
const { GET: trpcGet } = await import('../../../app/api/trpc/[trpc]/route');

/** The users of the matrix: every level of the hierarchy, two teams, and someone outside it. */
const USERS: OrgUser[] = ['admin', 'gm', 'manager_a', 'rep_a1', 'rep_a2', 'rep_b1', 'outsider'];
const MISSING = '00000000-0000-4000-8000-000000000000';

let org: SecOrg;
const cookies = {} as Record<OrgUser, string>;
/** Every record of the world: owner, name, account (children), stage (opportunities). */
const owner = new Map<string, OrgUser>();
const names = new Map<string, string>();
const accountOf = new Map<string, string>();
const stageOf = new Map<string, string>();
const amountOf = new Map<string, number>();
const sharedWith = new Map<string, OrgUser>();
const live = {} as Record<Obj, string[]>;
const binned: string[] = [];
let parentAccount = '';
let movedContact = '';

const sees = (user: OrgUser, id: string) => SEES[user].includes(owner.get(id)!) || sharedWith.get(id) === user;
const visible = (object: Obj, user: OrgUser) => live[object].filter((id) => sees(user, id));
/** The recycle bin shows what the user could restore: ownership and hierarchy, never shares. */
const restorable = (user: OrgUser) => binned.filter((id) => SEES[user].includes(owner.get(id)!));
const named = (term: string) => (id: string) => names.get(id)!.toLowerCase().includes(term.toLowerCase());

beforeAll(async () => {
  org = await createSecOrg('sec_matrix');
  const admin = await org.ctx('admin');
  for (const object of OBJECTS) {
    live[object] = org.idsOf(object, ORG_USERS);
    for (const who of ORG_USERS) {
      org.records[object][who].forEach((id, i) => {
        owner.set(id, who);
        names.set(id, org.names.get(id)!);
        if (object !== 'account') accountOf.set(id, org.records.account[who][0]);
        if (object === 'opportunity') {
          stageOf.set(id, i === 0 ? 'closed_won' : 'discovery');
          amountOf.set(id, 10_000 * (i + 1));
        }
      });
    }
  }
  parentAccount = org.records.account.rep_a1[0];
  const add = async (object: Obj, who: OrgUser, name: string, body: Record<string, unknown>) => {
    const rec = await createRecord(admin, object, { name, owner: org.users[who].id, account: parentAccount, ...body });
    const id = String(rec.id);
    owner.set(id, who);
    names.set(id, name);
    accountOf.set(id, parentAccount);
    return id;
  };
  for (const who of ORG_USERS) {
    live.contact.push(await add('contact', who, `Contact ${who} cross`, { title: 'Buyer' }));
    const opp = await add('opportunity', who, `Opportunity ${who} cross`, { stage: 'qualification', close_date: '2026-09-30', amount: 5_000 });
    stageOf.set(opp, 'qualification');
    amountOf.set(opp, 5_000);
    live.opportunity.push(opp);
    const gone = await add('contact', who, `Contact ${who} binned`, { title: 'Buyer' });
    await deleteRecord(admin, 'contact', gone);
    binned.push(gone);
  }
  const shared = org.records.account.rep_b1[1];
  await addShare(admin, 'account', shared, { userId: org.users.rep_a1.id, access: 'read', reason: 'manual' });
  sharedWith.set(shared, 'rep_a1');
  movedContact = org.records.contact.rep_a1[0];
  await updateRecord(admin, 'contact', movedContact, { account: org.records.account.rep_b1[0] });
  accountOf.set(movedContact, org.records.account.rep_b1[0]);
  await updateRecord(admin, 'account', org.records.account.rep_a1[1], { parent: org.records.account.manager_b[0] });

  const prisma = getPrisma(org.tw.url);
  for (const who of USERS) cookies[who] = `${SESSION_COOKIE}=${(await openSession(prisma, org.users[who].id)).token}`;
});

/** A tRPC query through the real route handler with the user's session cookie. */
async function trpc(user: OrgUser, path: string, input: unknown): Promise<ApiResponse> {
  const res = await trpcGet(new Request(`http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie: cookies[user] } }));
  const body = await res.json();
  // The stack of an error (development builds) is where it was thrown, not what the user asked about.
  if (body?.error?.data) delete body.error.data.stack;
  return { status: res.status, headers: res.headers, body: body.error ? body : body.result.data };
}

/** `call` for each item, a few at a time (parallel requests, within the pool). */
async function inBatches<T, R>(items: T[], call: (item: T) => Promise<R>, size = 6): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(call))));
  return out;
}

/** Every id of a paged list, following nextCursor. */
async function allPages(page: (cursor: string | null) => Promise<ApiResponse>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 100; n++) {
    const res = await page(cursor);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    ids.push(...res.body.records.map((r: { id: string }) => r.id));
    cursor = res.body.nextCursor;
    if (!cursor) {
      expect(new Set(ids).size, 'no record repeats across pages').toBe(ids.length);
      return ids;
    }
  }
  throw new Error('paging did not end');
}

/** A list path: the ids it shows `user` of `object`, and which of the visible ones it should show. */
interface ListPath {
  name: string;
  ids(user: OrgUser, object: Obj): Promise<string[]>;
  keep?: (id: string) => boolean;
}

const LIST_PATHS: ListPath[] = [
  { name: 'REST GET /records/{o}', ids: async (u, o) => (await restListAllIds(org.api(u), o, '', 4)).ids },
  { name: 'REST GET /records/{o}?q=rep_a', ids: async (u, o) => (await restListAllIds(org.api(u), o, 'q=rep_a', 4)).ids, keep: named('rep_a') },
  { name: 'REST POST /records/{o}/query', ids: (u, o) => allPages((cursor) => org.api(u).post(`/api/v1/records/${o}/query`, { limit: 4, cursor })) },
  {
    name: 'REST POST /records/{o}/query q=cross',
    ids: (u, o) => allPages((cursor) => org.api(u).post(`/api/v1/records/${o}/query`, { limit: 4, cursor, q: 'cross' })),
    keep: named('cross'),
  },
  { name: 'tRPC records.list', ids: (u, o) => allPages((cursor) => trpc(u, 'records.list', { object: o, limit: 4, cursor })) },
  { name: 'tRPC records.list search=rep_b', ids: (u, o) => allPages((cursor) => trpc(u, 'records.list', { object: o, limit: 4, cursor, search: 'rep_b' })), keep: named('rep_b') },
  { name: 'tRPC records.list view=all', ids: (u, o) => allPages((cursor) => trpc(u, 'records.list', { object: o, view: 'all', limit: 4, cursor })) },
  { name: 'tRPC records.lookup', ids: async (u, o) => (await trpc(u, 'records.lookup', { object: o, limit: 50 })).body.map((r: { id: string }) => r.id) },
  {
    name: 'tRPC records.lookup search=#2',
    ids: async (u, o) => (await trpc(u, 'records.lookup', { object: o, search: '#2', limit: 50 })).body.map((r: { id: string }) => r.id),
    keep: named('#2'),
  },
];

describe('lists, searches and lookups show exactly the visible records', () => {
  const cases = USERS.flatMap((u) => LIST_PATHS.map((p): [string, OrgUser, ListPath] => [p.name, u, p]));
  it.each(cases)('%s as %s', async (_name, user, path) => {
    const shown = await Promise.all(OBJECTS.map((object) => path.ids(user, object)));
    OBJECTS.forEach((object, i) => {
      const expected = visible(object, user).filter(path.keep ?? (() => true));
      expect(sorted(shown[i]), object).toEqual(sorted(expected));
    });
  });
});

describe('the kanban: cards and per-stage counts are those of the visible opportunities', () => {
  const cases = USERS.flatMap(
    (u) =>
      [
        ['REST GET /kanban/opportunity', u],
        ['tRPC process.kanban', u],
      ] as [string, OrgUser][],
  );
  it.each(cases)('%s as %s', async (path, user) => {
    const res = path.startsWith('REST')
      ? await org.api(user).get('/api/v1/kanban/opportunity?perColumn=100')
      : await trpc(user, 'process.kanban', { object: 'opportunity', perColumn: 100 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const columns: { stage: string; count: number; total: number; records: { id: string }[]; nextCursor: string | null }[] = res.body.columns;
    const mine = visible('opportunity', user);
    const inStage = (stage: string) => mine.filter((id) => stageOf.get(id) === stage);
    const sum = (ids: string[]) => ids.reduce((n, id) => n + amountOf.get(id)!, 0);
    expect(Object.fromEntries(columns.map((c) => [c.stage, [c.count, c.total]]))).toEqual(
      Object.fromEntries(columns.map((c) => [c.stage, [inStage(c.stage).length, sum(inStage(c.stage))]])),
    );
    for (const c of columns) expect(c.nextCursor, c.stage).toBeNull();
    expect(sorted(columns.flatMap((c) => c.records.map((r) => r.id)))).toEqual(sorted(mine));
    expect(columns.reduce((n, c) => n + c.count, 0)).toBe(mine.length);
  });
});

describe('related lists show only the visible children, under any parent', () => {
  it.each(USERS)('tRPC records.related as %s', async (user) => {
    for (const child of ['contact', 'opportunity', 'contract'] as const) {
      const lists = await inBatches(live.account, (parent) =>
        allPages((cursor) => trpc(user, 'records.related', { object: child, field: 'account', parentId: parent, cursor, limit: 4 })),
      );
      live.account.forEach((parent, i) => {
        const expected = visible(child, user).filter((id) => accountOf.get(id) === parent);
        expect(sorted(lists[i]), `${child} under ${names.get(parent)}`).toEqual(sorted(expected));
      });
    }
  });
});

describe('the recycle bin shows only deleted records the user could restore', () => {
  const cases = USERS.flatMap(
    (u) =>
      [
        ['REST GET /recycle-bin/contact', u],
        ['tRPC records.recycleBin', u],
      ] as [string, OrgUser][],
  );
  it.each(cases)('%s as %s', async (path, user) => {
    const ids = path.startsWith('REST')
      ? await allPages((cursor) => org.api(user).get(`/api/v1/recycle-bin/contact?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`))
      : await allPages((cursor) => trpc(user, 'records.recycleBin', { object: 'contact', cursor }));
    expect(sorted(ids)).toEqual(sorted(restorable(user)));
    // Nothing in the bin is reachable as a live record.
    expect(ids.filter((id) => live.contact.includes(id))).toEqual([]);
  });
});

/**
 * A single-record path: what it answers for one id. `hides` says how it answers for a record out
 * of sight: 404 NOT_FOUND, or (field history) an empty answer; either way the same as for a
 * record that does not exist.
 */
interface OnePath {
  name: string;
  objects: readonly Obj[];
  call(user: OrgUser, object: Obj, id: string): Promise<ApiResponse>;
  shows(body: ApiResponse['body'], id: string): boolean;
  hides: 404 | 'empty';
}

const ONE_PATHS: OnePath[] = [
  { name: 'REST GET /records/{o}/{id}', objects: OBJECTS, call: (u, o, id) => org.api(u).get(`/api/v1/records/${o}/${id}`), shows: (b, id) => b.record.id === id, hides: 404 },
  {
    name: 'REST GET /records/{o}/{id}/approval',
    objects: OBJECTS,
    call: (u, o, id) => org.api(u).get(`/api/v1/records/${o}/${id}/approval`),
    shows: (b) => Array.isArray(b.requests),
    hides: 404,
  },
  {
    name: 'REST GET /records/opportunity/{id}/stage-history',
    objects: ['opportunity'],
    call: (u, o, id) => org.api(u).get(`/api/v1/records/${o}/${id}/stage-history`),
    shows: (b) => b.history.length > 0,
    hides: 404,
  },
  { name: 'tRPC records.get', objects: OBJECTS, call: (u, o, id) => trpc(u, 'records.get', { object: o, id }), shows: (b, id) => b.id === id, hides: 404 },
  {
    name: 'tRPC approvals.forRecord',
    objects: OBJECTS,
    call: (u, o, id) => trpc(u, 'approvals.forRecord', { object: o, id }),
    shows: (b) => Array.isArray(b.requests),
    hides: 404,
  },
  { name: 'tRPC process.history', objects: ['opportunity'], call: (u, o, id) => trpc(u, 'process.history', { object: o, id }), shows: (b) => b.length > 0, hides: 404 },
  { name: 'tRPC records.shares', objects: OBJECTS, call: (u, o, id) => trpc(u, 'records.shares', { object: o, id }), shows: (b) => Array.isArray(b.shares), hides: 404 },
  { name: 'tRPC records.history', objects: OBJECTS, call: (u, o, id) => trpc(u, 'records.history', { object: o, id }), shows: (b) => b.entries.length > 0, hides: 'empty' },
];

describe('single records: shown when visible, answered exactly like a missing record otherwise', () => {
  const cases = USERS.flatMap((u) => ONE_PATHS.map((p): [string, OrgUser, OnePath] => [p.name, u, p]));
  it.each(cases)('%s as %s', async (_name, user, path) => {
    for (const object of path.objects) {
      const missing = await path.call(user, object, MISSING);
      if (path.hides === 404) expect([missing.status, (missing.body.error.data?.appError ?? missing.body.error).code]).toEqual([404, 'NOT_FOUND']);
      else expect(missing).toMatchObject({ status: 200, body: { entries: [], more: false, names: {} } });
      const same = (res: ApiResponse) => res.status === missing.status && JSON.stringify(res.body) === JSON.stringify(missing.body);
      const ids = object === 'contact' ? [...live.contact, ...binned] : live[object];
      const expected: Record<string, string> = {};
      for (const id of ids) {
        // A deleted record is gone from every path but the recycle bin, and its field history for
        // those the bin shows it to.
        const shown = binned.includes(id) ? path.hides === 'empty' && restorable(user).includes(id) : sees(user, id);
        expected[names.get(id)!] = shown ? 'shown' : 'as missing';
      }
      const answers = await inBatches(ids, (id) => path.call(user, object, id));
      const actual = Object.fromEntries(
        ids.map((id, i) => {
          const res = answers[i];
          const verdict =
            res.status === 200 && path.shows(res.body, id) && !same(res) ? 'shown' : same(res) ? 'as missing' : `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
          return [names.get(id)!, verdict];
        }),
      );
      expect(actual, object).toEqual(expected);
    }
  });
});

/** The lookups of each object, and the object they point at. */
const LOOKUPS: Record<Obj, [string, Obj][]> = {
  account: [['parent', 'account']],
  contact: [['account', 'account']],
  opportunity: [['account', 'account']],
  contract: [
    ['account', 'account'],
    ['opportunity', 'opportunity'],
  ],
};
type Row = Record<string, unknown> & { id: string; name: string; $names?: Record<string, string> };

/** Where a record's `$names` disagrees with what the user may see: a name of a record out of sight, or a missing one. */
function nameProblems(user: OrgUser, object: Obj, records: Row[], where: string): string[] {
  const problems: string[] = [];
  for (const r of records) {
    for (const [field] of LOOKUPS[object]) {
      const target = r[field];
      if (typeof target !== 'string') continue;
      const want = sees(user, target) ? names.get(target) : undefined;
      if (r.$names?.[field] !== want) problems.push(`${where}: ${r.name}.${field} shows ${JSON.stringify(r.$names?.[field])}, expected ${JSON.stringify(want)}`);
    }
    // Users' names are always shown (by design: the owner of a visible record is no secret).
    if (r.$names?.owner !== org.users[owner.get(r.id)!].name) problems.push(`${where}: ${r.name}.owner shows ${JSON.stringify(r.$names?.owner)}`);
  }
  return problems;
}

describe('display names of lookups never name a record out of sight', () => {
  it.each(USERS)('lists, records, related lists, the kanban and the recycle bin as %s', async (user) => {
    const problems: string[] = [];
    for (const object of OBJECTS) {
      const res = await trpc(user, 'records.list', { object, limit: 200 });
      problems.push(...nameProblems(user, object, res.body.records, `records.list ${object}`));
    }
    const probes: [Obj, string][] = [
      ['contact', movedContact],
      ['account', org.records.account.rep_a1[1]],
      ...live.contact.filter((id) => accountOf.get(id) === parentAccount).map((id): [Obj, string] => ['contact', id]),
    ];
    for (const [object, id] of probes.filter(([, id]) => sees(user, id))) {
      problems.push(...nameProblems(user, object, [(await trpc(user, 'records.get', { object, id })).body], 'records.get'));
    }
    for (const child of ['contact', 'opportunity'] as const) {
      const related = await trpc(user, 'records.related', { object: child, field: 'account', parentId: parentAccount, limit: 50 });
      problems.push(...nameProblems(user, child, related.body.records, `records.related ${child}`));
    }
    const board = await trpc(user, 'process.kanban', { object: 'opportunity', perColumn: 100 });
    problems.push(
      ...nameProblems(
        user,
        'opportunity',
        board.body.columns.flatMap((c: { records: Row[] }) => c.records),
        'process.kanban',
      ),
    );
    const bin = await trpc(user, 'records.recycleBin', { object: 'contact' });
    problems.push(...nameProblems(user, 'contact', bin.body.records, 'records.recycleBin'));
    expect(problems).toEqual([]);
  });

  it.each(USERS)('field history of a moved contact as %s', async (user) => {
    const res = await trpc(user, 'records.history', { object: 'contact', id: movedContact });
    expect(res.status).toBe(200);
    const [from, to] = [org.records.account.rep_a1[0], org.records.account.rep_b1[0]];
    const move = res.body.entries.find((e: { field: string }) => e.field === 'account');
    if (!sees(user, movedContact)) {
      expect(res.body).toEqual({ entries: [], more: false, names: {} });
      return;
    }
    expect(move).toMatchObject({ old: from, new: to });
    const shown = Object.fromEntries([from, to].filter((id) => res.body.names[id] !== undefined).map((id) => [id, res.body.names[id]]));
    expect(shown).toEqual(Object.fromEntries([from, to].filter((id) => sees(user, id)).map((id) => [id, names.get(id)])));
  });
});

describe('a deleted record shared by hand is out of sight everywhere', () => {
  /** A record of rep_b1 shared with rep_a2 (read) and edited once; `before` runs before the admin deletes it. */
  async function sharedThenDeleted(object: 'contact' | 'account', name: string, body: Record<string, unknown>, before?: (id: string) => Promise<unknown>): Promise<string> {
    const admin = await org.ctx('admin');
    const id = String((await createRecord(admin, object, { name, owner: org.users.rep_b1.id, ...body })).id);
    await addShare(admin, object, id, { userId: org.users.rep_a2.id, access: 'read', reason: 'manual' });
    expect((await trpc('rep_a2', 'records.get', { object, id })).status).toBe(200);
    await updateRecord(admin, object, id, { name: `${name} (edited)` });
    await before?.(id);
    await deleteRecord(admin, object, id);
    return id;
  }

  // Was a leak: field history read a deleted record shared by hand. A deleted record's history is
  // for those the recycle bin shows it to (who may restore it), like every other path.
  it('rep_a2 reads neither the record nor its field history', async () => {
    const id = await sharedThenDeleted('contact', 'Contact rep_b1 shared then deleted', { account: org.records.account.rep_b1[0], title: 'Buyer' });
    const missing = await trpc('rep_a2', 'records.history', { object: 'contact', id: MISSING });
    expect({
      get: (await trpc('rep_a2', 'records.get', { object: 'contact', id })).status,
      bin: (await trpc('rep_a2', 'records.recycleBin', { object: 'contact' })).body.records.map((r: Row) => r.id).includes(id),
      history: (await trpc('rep_a2', 'records.history', { object: 'contact', id })).body,
    }).toEqual({ get: 404, bin: false, history: missing.body });
  });

  // Was a leak: lookup names showed a deleted account shared by hand. A deleted record's name is for
  // those who may restore it.
  it('rep_a2 does not see the name of the deleted account on their contact', async () => {
    let contact = '';
    const account = await sharedThenDeleted('account', 'Account rep_b1 shared then deleted', {}, async (account) => {
      contact = String((await createRecord(await org.ctx('admin'), 'contact', { name: 'Contact rep_a2 under a deleted account', owner: org.users.rep_a2.id, account })).id);
    });
    expect((await trpc('rep_a2', 'records.get', { object: 'account', id: account })).status).toBe(404);
    const got = (await trpc('rep_a2', 'records.get', { object: 'contact', id: contact })).body;
    const listed = (await trpc('rep_a2', 'records.list', { object: 'contact', limit: 200 })).body.records.find((r: Row) => r.id === contact);
    expect({ get: got.$names.account, list: listed.$names.account }).toEqual({ get: undefined, list: undefined });
  });
});
