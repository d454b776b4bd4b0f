/** Handing a departing rep's records to a successor: counts first, then everything moves, history and audit included. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createRecord, deleteRecord, listRecords } from '../../../platform/data';
import { getPool } from '../../../platform/db/pool';
import { getPrisma } from '../../../platform/db/prisma';
import { stockMetadata } from '../../../platform/metadata/registry';
import { addShare } from '../../../platform/security/shares';
import { runTransfer, startTransfer, transferPreview } from '../../../platform/security/transfer';
import type { UserRef } from '../../../platform/data/context';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';

let tw: TestWorkspace;
let leaver: UserRef;
let successor: UserRef;
const url = () => inject('databaseUrl');

beforeAll(async () => {
  tw = await createTestWorkspace('xfer');
  leaver = await tw.addUser('Leaving Rep', { permissionSets: ['sales_rep'] });
  successor = await tw.addUser('Successor Rep', { permissionSets: ['sales_rep'] });
  const admin = await tw.ctx();
  const acc = await createRecord(admin, 'account', { name: 'Leaver account 0', owner: leaver.id });
  for (let i = 1; i < 4; i++) await createRecord(admin, 'account', { name: `Leaver account ${i}`, owner: leaver.id });
  for (let i = 0; i < 3; i++) await createRecord(admin, 'opportunity', { name: `Deal ${i}`, account: acc.id, close_date: '2026-12-31', owner: leaver.id });
  await createRecord(admin, 'contact', { name: 'Contact of leaver', account: acc.id, owner: leaver.id });
  const binned = await createRecord(admin, 'lead', { name: 'Binned lead', owner: leaver.id });
  await deleteRecord(admin, 'lead', binned.id as string);
  await createRecord(admin, 'account', { name: 'Successor own', owner: successor.id });
  // The leaver is on the team of someone else's opportunity.
  const other = await createRecord(admin, 'opportunity', { name: 'Team deal', close_date: '2026-12-31' });
  await addShare(admin, 'opportunity', other.id as string, { userId: leaver.id, access: 'read_write', reason: 'team', teamRole: 'Presales' });
});

describe('transfer', () => {
  it('previews what will move, per object, live and in the recycle bin', async () => {
    const counts = await transferPreview(getPool(url()), tw.workspace, stockMetadata(), leaver.id);
    const of = (o: string) => counts.find((c) => c.object === o);
    expect(of('account')).toEqual({ object: 'account', live: 4, deleted: 0 });
    expect(of('opportunity')).toEqual({ object: 'opportunity', live: 3, deleted: 0 });
    expect(of('contact')).toEqual({ object: 'contact', live: 1, deleted: 0 });
    expect(of('lead')).toEqual({ object: 'lead', live: 0, deleted: 1 });
  });

  it('refuses a transfer to the same user or to an inactive one', async () => {
    const enqueue = async () => {};
    await expect(startTransfer(getPrisma(url()), tw.workspace, tw.admin, 'en', leaver.id, leaver.id, enqueue)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'toUserId' }],
    });
    const gone = await tw.addUser('Gone');
    await getPrisma(url()).user.update({ where: { id: gone.id }, data: { active: false } });
    await expect(startTransfer(getPrisma(url()), tw.workspace, tw.admin, 'en', leaver.id, gone.id, enqueue)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'toUserId' }],
    });
  });

  it('moves every record and team place to the successor, leaves nothing behind, records history and audit', async () => {
    let queued = '';
    const jobId = await startTransfer(getPrisma(url()), tw.workspace, tw.admin, 'en', leaver.id, successor.id, async (id) => {
      queued = id;
    });
    expect(queued).toBe(jobId);
    expect((await getPrisma(url()).job.findUniqueOrThrow({ where: { id: jobId } })).status).toBe('queued');
    await runTransfer(getPool(url()), getPrisma(url()), jobId, async () => stockMetadata());

    const job = await getPrisma(url()).job.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.status).toBe('done');
    expect(job.progress).toEqual({ done: 9, total: 9 });
    expect(job.result).toMatchObject({ moved: { account: 4, opportunity: 3, contact: 1, lead: 1 }, teams: 1 });
    const after = await transferPreview(getPool(url()), tw.workspace, stockMetadata(), leaver.id);
    expect(after.every((c) => c.live === 0 && c.deleted === 0)).toBe(true);

    // The successor now sees them as their own (private model); the leaver's team place is theirs.
    const succ = await tw.ctx(successor);
    expect((await listRecords(succ, 'account', { limit: 50 })).records.map((r) => r.name).sort()).toEqual([
      'Leaver account 0',
      'Leaver account 1',
      'Leaver account 2',
      'Leaver account 3',
      'Successor own',
    ]);
    expect((await listRecords(succ, 'opportunity', { limit: 50 })).records.map((r) => r.name).sort()).toEqual(['Deal 0', 'Deal 1', 'Deal 2', 'Team deal']);

    const history = await getPool(url()).query(
      `SELECT count(*)::int AS n FROM field_history WHERE workspace_id = $1 AND field = 'owner' AND old_value = to_jsonb($2::text) AND new_value = to_jsonb($3::text)`,
      [tw.workspace.id, leaver.id, successor.id],
    );
    expect(history.rows[0].n).toBe(9);
    const audit = await getPrisma(url()).auditEvent.findMany({ where: { workspaceId: tw.workspace.id, targetId: leaver.id }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['transfer.start', 'transfer.done']);
  });

  it('is idempotent: running the job again moves nothing more', async () => {
    const jobId = await startTransfer(getPrisma(url()), tw.workspace, tw.admin, 'en', leaver.id, successor.id, async () => {});
    await runTransfer(getPool(url()), getPrisma(url()), jobId, async () => stockMetadata());
    expect((await getPrisma(url()).job.findUniqueOrThrow({ where: { id: jobId } })).result).toMatchObject({ moved: { account: 0, opportunity: 0 } });
  });
});
