/**
 * List queries without a filter are kept as named statements per connection (data/prepared.ts).
 * Another app server altering the table under a kept statement must not turn the next list into
 * an error: the list runs again unnamed and the user sees their records.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRecord, listRecords } from '../../../platform/data';
import type { RecordContext } from '../../../platform/data/context';
import { listRecordsJson } from '../../../platform/data/json';
import { getPool, withClient } from '../../../platform/db/pool';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';

let tw: TestWorkspace;
let ctx: RecordContext;

beforeAll(async () => {
  tw = await createTestWorkspace('prep');
  ctx = await tw.ctx();
  for (let i = 0; i < 6; i++) await createRecord(ctx, 'account', { name: `Kept ${i}` });
});

describe('kept list statements', () => {
  it('still answer after the table changed under them', async () => {
    await withClient(getPool(tw.url), async (client) => {
      // Both on this one connection: the first run keeps the statement, the second reuses it.
      expect((await listRecords(ctx, 'account', { limit: 5 })).records).toHaveLength(5);
      expect(JSON.parse(await listRecordsJson(ctx, 'account', { limit: 5 })).records).toHaveLength(5);
      await client.query(`ALTER TABLE "${tw.workspace.schema}"."account" ADD COLUMN "zz_elsewhere" text`);
      try {
        const again = await listRecords(ctx, 'account', { limit: 5 });
        expect(again.records.map((r) => r.name)).toEqual(['Kept 0', 'Kept 1', 'Kept 2', 'Kept 3', 'Kept 4']);
        expect(JSON.parse(await listRecordsJson(ctx, 'account', { limit: 5 })).records).toHaveLength(5);
      } finally {
        await client.query(`ALTER TABLE "${tw.workspace.schema}"."account" DROP COLUMN "zz_elsewhere"`);
      }
    });
  });
});
