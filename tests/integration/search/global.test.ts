/**
 * Global search as users meet it: grouped by object in the Sales app's order, only records the
 * caller may read, never through a field they may not read, Chinese names by pinyin initials and
 * full pinyin (kept in step on every write and filled by a backfill for older rows), and the
 * search text refused with a typed error when it is not a plain short text, LIKE wildcards inert.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createRecord, updateRecord } from '../../../platform/data';
import { withTransaction } from '../../../platform/db/pool';
import { runBackfill } from '../../../platform/schema/backfillJob';
import { convergeWorkspace } from '../../../platform/schema/workspaces';
import { compileSearch, globalSearch } from '../../../platform/search/global';
import { expectError } from '../api/api';
import { createSecOrg, type SecOrg } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
let zhou: string;

const search = async (who: Parameters<SecOrg['ctx']>[0], q: string) => {
  const res = await org.api(who).get(`/api/v1/search?q=${encodeURIComponent(q)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.groups as { object: string; records: { id: string; name: string }[]; more: boolean }[];
};
const ids = (groups: { records: { id: string }[] }[]) => groups.flatMap((g) => g.records.map((r) => r.id));

beforeAll(async () => {
  org = await createSecOrg('search');
  zhou = (await createRecord(await org.ctx('rep_a1'), 'account', { name: '周杰伦文化传媒', level: 'b' })).id as string;
});

describe('grouped results, in the order of the Sales app', () => {
  it('finds every object whose names hold the text, groups in menu order, each a link target', async () => {
    const groups = await search('admin', 'rep_a1 #1');
    expect(groups.map((g) => g.object)).toEqual(['account', 'contact', 'opportunity', 'contract']);
    for (const g of groups) expect(g.records.map((r) => r.name)).toEqual([`${g.object[0].toUpperCase()}${g.object.slice(1)} rep_a1 #1`]);
    expect(groups[0].records[0].id).toBe(org.records.account.rep_a1[0]);
  });

  it('says when more match than it shows', async () => {
    const groups = await search('admin', 'Account ');
    expect(groups.find((g) => g.object === 'account')).toMatchObject({ more: true });
    expect(groups.find((g) => g.object === 'account')!.records).toHaveLength(5);
  });
});

describe('access', () => {
  it("a rep does not find another rep's records; their manager does", async () => {
    expect(await search('rep_a1', 'rep_a2')).toEqual([]);
    expect(ids(await search('manager_a', 'rep_a2 #2'))).toEqual(expect.arrayContaining(org.idsOf('account', ['rep_a2'], 2)));
  });

  it('a user without any right on the objects finds nothing', async () => {
    expect(ids(await search('admin', 'rep_a1')).length).toBeGreaterThan(0);
    expect(await search('noperm', 'rep_a1')).toEqual([]);
  });

  it('a match on a field the user may not read does not reveal the record', async () => {
    // The accounts' phones are +86 21 5555 0010 / 0020; reps are now denied the phone.
    const phone = '5555 0010';
    expect(ids(await search('rep_a1', phone))).toContain(org.records.account.rep_a1[0]);
    await org.secure(
      `INSERT INTO permission_set_fields (permission_set_id, object, field, can_read, can_edit)
       SELECT id, 'account', 'phone', false, false FROM permission_sets WHERE workspace_id = $1 AND name = 'sales_rep'`,
      [org.tw.workspace.id],
    );
    try {
      expect(await search('rep_a1', phone)).toEqual([]);
      expect(ids(await search('manager_a', phone))).toContain(org.records.account.rep_a1[0]);
    } finally {
      await org.secure(
        `DELETE FROM permission_set_fields WHERE object = 'account' AND field = 'phone' AND permission_set_id IN (SELECT id FROM permission_sets WHERE workspace_id = $1)`,
        [org.tw.workspace.id],
      );
    }
  });
});

describe('Chinese names by pinyin', () => {
  it.each(['zjl', 'ZJL', 'zhoujie', 'zhoujielun', '周杰', '杰伦文化'])('"%s" finds 周杰伦文化传媒', async (q) => {
    expect(ids(await search('rep_a1', q))).toContain(zhou);
  });

  it('not for a rep who may not see it, nor by letters inside the pinyin', async () => {
    expect(ids(await search('rep_b1', 'zjl'))).not.toContain(zhou);
    expect(ids(await search('rep_a1', 'jielun'))).not.toContain(zhou);
  });

  it('follows a rename', async () => {
    const ctx = await org.ctx('rep_a1');
    await updateRecord(ctx, 'account', zhou, { name: '李娜体育' });
    expect(ids(await search('rep_a1', 'zjl'))).not.toContain(zhou);
    expect(ids(await search('rep_a1', 'lnty'))).toContain(zhou);
    await updateRecord(ctx, 'account', zhou, { name: '周杰伦文化传媒' });
  });

  it('rows written before the column existed get it through a backfill', async () => {
    const ws = org.tw.workspace;
    await org.sql(`ALTER TABLE "${ws.schema}"."account" DROP COLUMN "tessera_py"`);
    await org.sql(`UPDATE workspaces SET converged_key = NULL WHERE id = $1`, [ws.id]);
    await convergeWorkspace(org.pool, ws);
    const row = (await org.sql(`SELECT id FROM backfills WHERE workspace_id = $1 AND object = 'account' AND field = 'tessera_py' AND kind = 'maintained'`, [ws.id])).rows[0];
    expect(row).toBeDefined();
    expect(ids(await search('rep_a1', 'zjl'))).not.toContain(zhou);
    expect(await runBackfill(org.pool, row.id)).toBe('done');
    expect(ids(await search('rep_a1', 'zjl'))).toContain(zhou);
  });
});

describe('the search text', () => {
  it('LIKE wildcards match themselves', async () => {
    expect(await search('admin', 'rep_a_')).toEqual([]);
    expect(await search('admin', '%%%')).toEqual([]);
    expect(await search('admin', 'rep\\a1')).toEqual([]);
  });

  it.each([
    ['a huge text', 'x'.repeat(5000)],
    ['a NUL', 'ab\u0000c'],
    ['a control character', 'ab\u0007c'],
  ])('%s is a typed 400 naming q', async (_, q) => {
    const res = await org.api('rep_a1').get(`/api/v1/search?q=${encodeURIComponent(q)}`);
    const error = expectError(res, 400, 'BAD_REQUEST');
    expect(error.details[0]).toMatchObject({ pointer: '/q', code: 'search.invalid' });
  });

  it('odd characters, quotes and an empty text answer normally', async () => {
    for (const q of ["'; DROP TABLE x; --", '"', '😀😀😀', '   ', '__proto__', 'constructor'])
      expect((await org.api('rep_a1').get(`/api/v1/search?q=${encodeURIComponent(q)}`)).status).toBe(200);
    expect(await search('rep_a1', '')).toEqual([]);
  });

  it('other methods answer 405', async () => {
    expectError(await org.api('rep_a1').post('/api/v1/search', { body: { q: 'x' } }), 405, 'METHOD_NOT_ALLOWED');
  });
});

describe('indexes serve every branch (no table scan)', () => {
  it.each(['zjl', 'zhoujie', '周杰', 'rep_a1 #1', '5555 0010'])('"%s"', async (q) => {
    const ctx = await org.ctx('rep_a1');
    const compiled = (await compileSearch(ctx, q))!;
    const plan = await withTransaction(org.pool, async (client) => {
      // A tiny table is cheaper to scan: forbid it, so the plan shows which indexes can serve.
      await client.query('SET LOCAL enable_seqscan = off');
      return (await client.query(`EXPLAIN ${compiled.sql}`, compiled.values)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
    });
    expect(plan).not.toMatch(/Seq Scan on (account|contact|lead|opportunity)\b/);
  });

  it('the service answers the same as REST', async () => {
    expect(ids(await globalSearch(await org.ctx('rep_a1'), 'zjl'))).toContain(zhou);
  });
});
