/**
 * Lists answered as JSON built by Postgres (data/json.ts) give exactly the records listRecords
 * gives: the same values, the same property order, the same pages and cursors, for every stock
 * object and every field type in it, as an admin and as a rep whose metadata view hides fields.
 * The dataset has the awkward values (quotes, backslashes, Chinese, boundary numbers, dates and
 * times to the millisecond, empty multi-selects, nulls everywhere); the demo data fills every object.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordContext } from '../../../platform/data/context';
import { listRecords, type ListOptions } from '../../../platform/data';
import { listRecordsJson } from '../../../platform/data/json';
import type { RecordData } from '../../../platform/data/values';
import { getPool } from '../../../platform/db/pool';
import { getPrisma } from '../../../platform/db/prisma';
import { stockMetadata } from '../../../platform/metadata/registry';
import { createRecord } from '../../../platform/data';
import { seedDemo } from '../../../seeds/demo';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';
import { seedDataset } from './dataset';

let tw: TestWorkspace;
let admin: RecordContext;
let rep: RecordContext;
const objects = [...stockMetadata().objects.keys()];

beforeAll(async () => {
  tw = await createTestWorkspace('json');
  admin = await tw.ctx();
  await seedDataset(tw, 11, { account: 40, opportunity: 80, activity: 40 });
  await seedDemo(getPool(tw.url), getPrisma(tw.url), tw.workspace, { accounts: 12, approvals: 0 });
  // A rep (who may not read contract cost, nor what is derived from it) owning half of every object's records.
  const seller = await tw.addUser('Rep', { permissionSets: ['sales_rep'] });
  rep = await tw.ctx(seller);
  for (const object of objects) await getPool(tw.url).query(`UPDATE "${tw.workspace.schema}"."${object}" SET owner = $1 WHERE id::text < '8'`, [seller.id]);
  // Text that JSON must escape, and a record with every optional value left empty.
  await createRecord(admin, 'account', { name: 'Quote " back\\slash \n new line \t tab \u2028 sep 😀 </script>' });
  await createRecord(admin, 'opportunity', { name: '空值', close_date: '2026-01-01' });
}, 120_000);

type Page = { records: RecordData[]; nextCursor: string | null };

async function pagesBoth(ctx: RecordContext, object: string, opts: Omit<ListOptions, 'cursor' | 'withNames'>) {
  const a: Page[] = [];
  const b: Page[] = [];
  let ca: string | null = null;
  let cb: string | null = null;
  do {
    const pa: Page = await listRecords(ctx, object, { ...opts, cursor: ca });
    const pb = JSON.parse(await listRecordsJson(ctx, object, { ...opts, cursor: cb })) as Page;
    a.push(pa);
    b.push(pb);
    ca = pa.nextCursor;
    cb = pb.nextCursor;
  } while (ca && cb && a.length < 100);
  return { a, b };
}

describe('lists as JSON built by Postgres', () => {
  for (const who of ['admin', 'rep'] as const) {
    it(`gives every stock object's records exactly as listRecords does (${who})`, async () => {
      const ctx = who === 'admin' ? admin : rep;
      let seen = 0;
      for (const object of objects) {
        if (!ctx.meta.objects.has(object)) continue;
        const { a, b } = await pagesBoth(ctx, object, { limit: 37, sort: '-created_at' });
        expect(b.length, object).toBe(a.length);
        for (let i = 0; i < a.length; i++) {
          expect(b[i].nextCursor, object).toBe(a[i].nextCursor);
          expect(b[i].records, object).toEqual(a[i].records);
          // The same property order too: what an integrator diffing two answers would see.
          expect(
            b[i].records.map((r) => Object.keys(r)),
            object,
          ).toEqual(a[i].records.map((r) => Object.keys(r)));
          seen += a[i].records.length;
        }
      }
      expect(seen).toBeGreaterThan(who === 'admin' ? 250 : 100);
      if (who === 'rep') {
        // The rep's view leaves fields out (field-level security): the JSON leaves out the same ones.
        const fewer = objects.filter((o) => (rep.meta.objects.get(o)?.fields.length ?? 0) < admin.meta.objects.get(o)!.fields.length);
        expect(fewer.length).toBeGreaterThan(0);
      }
    });
  }

  it('is the same with filters, search and a sort on several keys', async () => {
    const cases: Omit<ListOptions, 'cursor' | 'withNames'>[] = [
      { limit: 5, sort: 'amount,-close_date' },
      {
        limit: 50,
        filter: {
          any: [
            { field: 'amount', op: 'gte', value: 1000 },
            { field: 'stage', op: 'is_empty' },
          ],
        },
      },
      { limit: 3, search: '有限' },
      { limit: 200 },
    ];
    for (const opts of cases) {
      const { a, b } = await pagesBoth(admin, 'opportunity', opts);
      expect(b.map((p) => p.records)).toEqual(a.map((p) => p.records));
      expect(b.map((p) => p.nextCursor)).toEqual(a.map((p) => p.nextCursor));
    }
  });

  it('escapes text so the answer stays valid JSON', async () => {
    const text = await listRecordsJson(admin, 'account', { limit: 200, search: 'back' });
    const names = (JSON.parse(text) as Page).records.map((r) => r.name);
    expect(names).toContain('Quote " back\\slash \n new line \t tab \u2028 sep 😀 </script>');
  });
});
