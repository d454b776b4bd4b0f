/**
 * Stock permission sets across upgrades: an object new to the workspace gets its stock rights in
 * the existing stock sets, once; rights an admin took away are never given back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '../../../platform/db/pool';
import { ensureStockPermissionSets } from '../../../platform/security/stock';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';

let tw: TestWorkspace;
const rights = async (object: string) =>
  (
    await getPool(tw.url).query(
      `SELECT o.can_read FROM permission_set_objects o JOIN permission_sets s ON s.id = o.permission_set_id WHERE s.workspace_id = $1 AND s.name = 'sales_rep' AND o.object = $2`,
      [tw.workspace.id, object],
    )
  ).rows;

beforeAll(async () => {
  tw = await createTestWorkspace('stockps');
});

describe('stock permission sets on start-up', () => {
  it('do not give back rights an admin removed', async () => {
    const pool = getPool(tw.url);
    expect(await rights('contract')).toEqual([{ can_read: true }]);
    await pool.query(
      `DELETE FROM permission_set_objects o USING permission_sets s WHERE s.id = o.permission_set_id AND s.workspace_id = $1 AND s.name = 'sales_rep' AND o.object = 'contract'`,
      [tw.workspace.id],
    );
    await ensureStockPermissionSets(pool, tw.workspace.id);
    expect(await rights('contract')).toEqual([]);
  });

  it('grant an object an upgrade adds (its table not there yet) in the existing stock sets', async () => {
    const pool = getPool(tw.url);
    // As before the upgrade that brought quotes: no quote rights and no quote table.
    await pool.query(`DELETE FROM permission_set_objects o USING permission_sets s WHERE s.id = o.permission_set_id AND s.workspace_id = $1 AND o.object = 'quote'`, [
      tw.workspace.id,
    ]);
    await pool.query(`DROP TABLE "${tw.workspace.schema}"."quote" CASCADE`);
    await ensureStockPermissionSets(pool, tw.workspace.id);
    expect(await rights('quote')).toEqual([{ can_read: true }]);
    expect(await rights('contract')).toEqual([]);
  });
});
