/**
 * The small organisation every security test works in (a fresh workspace per test file):
 *
 *   roles:        gm ─ director ─┬─ manager_a ─ rep_a (rep_a1, rep_a2)
 *                                └─ manager_b ─ rep_b (rep_b1)
 *                 outsider (a role of its own)         admin (no role, Admin set)
 *   departments:  hq (gm) · sales (director) ─┬─ dept_a (manager_a, rep_a1, rep_a2)
 *                                             └─ dept_b (manager_b, rep_b1)
 *                 outside (outsider)
 *   sets:         admin: Admin · gm, director, managers, outsider: Sales Manager · reps: Sales Rep
 *   extra users:  noperm (no set), reader (read on account only), transferer (Sales Rep + transfer records)
 *
 * Each of the nine org users owns two records of account, contact, opportunity and contract:
 * "#1" is a key account (level a) / CEO contact / won deal, "#2" a level b / buyer / open deal.
 */
import type pg from 'pg';
import { isAppError } from '../../../platform/core/errors';
import type { Channel, RecordContext, UserRef } from '../../../platform/data/context';
import { createRecord, listRecords, type ListOptions } from '../../../platform/data';
import { getPool } from '../../../platform/db/pool';
import { getPrisma } from '../../../platform/db/prisma';
import { createApiKey } from '../../../platform/security/apiKeys';
import { bumpSecurityRevision } from '../../../platform/security/model';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';
import { clientFor, type ApiClient } from '../api/api';

export const ORG_USERS = ['admin', 'gm', 'director', 'manager_a', 'manager_b', 'rep_a1', 'rep_a2', 'rep_b1', 'outsider'] as const;
export type OrgUser = (typeof ORG_USERS)[number];
export type Who = OrgUser | 'noperm' | 'reader' | 'transferer';
export const OBJECTS = ['account', 'contact', 'opportunity', 'contract'] as const;
export type Obj = (typeof OBJECTS)[number];

/** Whose records each user sees on a private object through ownership and the role hierarchy. */
export const SEES: Record<OrgUser, readonly OrgUser[]> = {
  admin: ORG_USERS,
  gm: ['gm', 'director', 'manager_a', 'manager_b', 'rep_a1', 'rep_a2', 'rep_b1'],
  director: ['director', 'manager_a', 'manager_b', 'rep_a1', 'rep_a2', 'rep_b1'],
  manager_a: ['manager_a', 'rep_a1', 'rep_a2'],
  manager_b: ['manager_b', 'rep_b1'],
  rep_a1: ['rep_a1'],
  rep_a2: ['rep_a2'],
  rep_b1: ['rep_b1'],
  outsider: ['outsider'],
};

export const REPS: readonly Who[] = ['rep_a1', 'rep_a2', 'rep_b1', 'transferer'];

const ROLES: [string, string | null][] = [
  ['gm', null],
  ['director', 'gm'],
  ['manager_a', 'director'],
  ['manager_b', 'director'],
  ['rep_a', 'manager_a'],
  ['rep_b', 'manager_b'],
  ['outsider', null],
];
const DEPARTMENTS: [string, string | null][] = [
  ['hq', null],
  ['sales', 'hq'],
  ['dept_a', 'sales'],
  ['dept_b', 'sales'],
  ['outside', null],
];
/** user -> [role, department, manager, permission sets] */
const PEOPLE: [Exclude<Who, 'admin'>, string | null, string | null, Who | null, string[]][] = [
  ['gm', 'gm', 'hq', null, ['sales_manager']],
  ['director', 'director', 'sales', 'gm', ['sales_manager']],
  ['manager_a', 'manager_a', 'dept_a', 'director', ['sales_manager']],
  ['manager_b', 'manager_b', 'dept_b', 'director', ['sales_manager']],
  ['rep_a1', 'rep_a', 'dept_a', 'manager_a', ['sales_rep']],
  ['rep_a2', 'rep_a', 'dept_a', 'manager_a', ['sales_rep']],
  ['rep_b1', 'rep_b', 'dept_b', 'manager_b', ['sales_rep']],
  ['outsider', 'outsider', 'outside', null, ['sales_manager']],
  ['noperm', null, null, null, []],
  ['reader', null, null, null, ['account_reader']],
  ['transferer', null, null, null, ['sales_rep', 'transfer']],
];

export interface SecOrg {
  tw: TestWorkspace;
  pool: pg.Pool;
  users: Record<Who, UserRef>;
  roles: Record<string, string>;
  departments: Record<string, string>;
  /** Each user's API key. */
  keys: Record<Who, { id: string; key: string }>;
  /** records[object][owner] = [#1 id, #2 id] */
  records: Record<Obj, Record<OrgUser, [string, string]>>;
  /** id -> owner and name of every fixture record. */
  owners: Map<string, OrgUser>;
  names: Map<string, string>;
  ctx(who: Who, channel?: Channel): Promise<RecordContext>;
  api(who: Who): ApiClient;
  sql(text: string, params?: unknown[]): Promise<pg.QueryResult>;
  /** Run SQL that changes the security model, then bump the revision. */
  secure(text: string, params?: unknown[]): Promise<pg.QueryResult>;
  /** Ids of the fixture records of `object` owned by `owners` (both of each, or only #1 / #2). */
  idsOf(object: Obj, owners: readonly OrgUser[], which?: 1 | 2): string[];
}

const recordName = (object: Obj, owner: OrgUser, n: 1 | 2) => `${object[0].toUpperCase()}${object.slice(1)} ${owner} #${n}`;

function recordBody(object: Obj, owner: OrgUser, n: 1 | 2, account: string | undefined): Record<string, unknown> {
  const base = { name: recordName(object, owner, n), owner: undefined as unknown };
  switch (object) {
    case 'account':
      return { ...base, level: n === 1 ? 'a' : 'b', annual_revenue: 1_000_000 * n, phone: `+86 21 5555 00${n}0` };
    case 'contact':
      return { ...base, account, title: n === 1 ? 'CEO' : 'Buyer' };
    case 'opportunity':
      return { ...base, account, stage: n === 1 ? 'closed_won' : 'discovery', close_date: '2026-06-30', amount: 10_000 * n };
    case 'contract':
      return { ...base, account, status: 'draft', amount: 50_000 * n, cost: 30_000 * n };
  }
}

/** Build the organisation and its records in a fresh workspace. */
export async function createSecOrg(prefix = 'sec'): Promise<SecOrg> {
  const tw = await createTestWorkspace(prefix);
  process.env.DATABASE_URL ??= tw.url;
  const pool = getPool(tw.url);
  const prisma = getPrisma(tw.url);
  const ws = tw.workspace.id;
  const sql = (text: string, params: unknown[] = []) => pool.query(text, params);
  const roles: Record<string, string> = {};
  for (const [name, parent] of ROLES) {
    roles[name] = (
      await sql('INSERT INTO roles (workspace_id, name, label, parent_id) VALUES ($1, $2, $3, $4) RETURNING id', [ws, name, name, parent ? roles[parent] : null])
    ).rows[0].id;
  }
  const departments: Record<string, string> = {};
  for (const [name, parent] of DEPARTMENTS) {
    departments[name] = (
      await sql('INSERT INTO departments (workspace_id, name, label, parent_id) VALUES ($1, $2, $3, $4) RETURNING id', [ws, name, name, parent ? departments[parent] : null])
    ).rows[0].id;
  }
  const reader = (await sql(`INSERT INTO permission_sets (workspace_id, name, label) VALUES ($1, 'account_reader', 'Account reader') RETURNING id`, [ws])).rows[0].id;
  await sql('INSERT INTO permission_set_objects (permission_set_id, object, can_read) VALUES ($1, $2, true)', [reader, 'account']);
  await sql(`INSERT INTO permission_sets (workspace_id, name, label, transfer_records) VALUES ($1, 'transfer', 'Transfer records', true)`, [ws]);

  const users = { admin: tw.admin } as Record<Who, UserRef>;
  for (const [who, role, dept, , sets] of PEOPLE) {
    users[who] = await tw.addUser(who, { permissionSets: sets, roleId: role ? roles[role] : undefined, departmentId: dept ? departments[dept] : undefined });
  }
  for (const [who, , , manager] of PEOPLE) if (manager) await sql('UPDATE users SET manager_id = $1 WHERE id = $2', [users[manager].id, users[who].id]);
  await bumpSecurityRevision(pool, ws);

  const keys = {} as SecOrg['keys'];
  for (const who of Object.keys(users) as Who[]) keys[who] = await createApiKey(prisma, users[who].id, `${who} key`);

  const admin = await tw.ctx();
  const records = {} as SecOrg['records'];
  const owners = new Map<string, OrgUser>();
  const names = new Map<string, string>();
  for (const object of OBJECTS) {
    records[object] = {} as Record<OrgUser, [string, string]>;
    for (const owner of ORG_USERS) {
      const ids: string[] = [];
      for (const n of [1, 2] as const) {
        const body = { ...recordBody(object, owner, n, object === 'account' ? undefined : records.account[owner][0]), owner: users[owner].id };
        const rec = await createRecord(admin, object, body);
        ids.push(String(rec.id));
        owners.set(String(rec.id), owner);
        names.set(String(rec.id), String(rec.name));
      }
      records[object][owner] = ids as [string, string];
    }
  }

  return {
    tw,
    pool,
    users,
    roles,
    departments,
    keys,
    records,
    owners,
    names,
    sql,
    ctx: (who, channel = 'ui') => tw.ctx(users[who], 'en', channel),
    api: (who) => clientFor(tw, keys[who].key, keys[who].id),
    async secure(text, params = []) {
      const res = await sql(text, params);
      await bumpSecurityRevision(pool, ws);
      return res;
    },
    idsOf: (object, who, which) => who.flatMap((o) => records[object][o].filter((_, i) => which === undefined || i === which - 1)),
  };
}

/** 'ok', or the AppError code a service call failed with. */
export async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

/** Every record id a list returns, following nextCursor through all pages. */
export async function listAllIds(ctx: RecordContext, object: string, opts: ListOptions = {}, pageSize = 3): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = await listRecords(ctx, object, { ...opts, limit: pageSize, cursor });
    ids.push(...page.records.map((r) => String(r.id)));
    cursor = page.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error('paging did not end');
}

/** Every record id a REST list returns, following nextCursor through all pages. */
export async function restListAllIds(api: ApiClient, object: string, query = '', pageSize = 3): Promise<{ status: number; ids: string[] }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const res = await api.get(`/api/v1/records/${object}?limit=${pageSize}${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (res.status !== 200) return { status: res.status, ids };
    ids.push(...res.body.records.map((r: { id: string }) => r.id));
    cursor = res.body.nextCursor;
    if (!cursor) return { status: 200, ids };
  }
  throw new Error('paging did not end');
}

export const sorted = (ids: Iterable<string>) => [...ids].sort();

/** The HTTP status an outcome of the record service maps to (success as `okStatus`). */
export function statusOf(result: string, okStatus = 200): number {
  return ({ ok: okStatus, NOT_FOUND: 404, FORBIDDEN: 403, VALIDATION_FAILED: 422, CONFLICT: 409 } as Record<string, number>)[result] ?? 500;
}
