/**
 * The assignment step on creates: the stock rule lead_routing spreads leads over the Shenzhen reps
 * 2/2/2, skips a rep on leave, names the rule and entry on the record and in its history; a cap of
 * open records; an owner the caller names is kept unless the entry overrides it; bulk loads are
 * assigned too; fifty parallel creates by reps spread evenly and never deadlock.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');

const { createRecord } = await import('../../../platform/data');
const { bulkInsert } = await import('../../../platform/data/bulk');
const { withTransaction } = await import('../../../platform/db/pool');
type AssignmentRuleDefinition = import('../../../platform/metadata/generated/assignment_rule').AssignmentRuleDefinition;
const { saveDocument } = await import('../../../platform/metadata/documents');
const { readFieldHistory } = await import('../../../platform/security/history');
const { recordAssignment } = await import('../../../platform/automation/assignment/waiting');
const { assignOrg, ownersOf } = await import('./org');
const { updateUser, listUsers } = await import('../../../platform/security/admin/users');
const { getPrisma } = await import('../../../platform/db/prisma');
type Org = Awaited<ReturnType<typeof assignOrg>>;

let org: Org;
const { clock } = await import('../../../platform/core/time');
// "Today" is the workspace's day (its time zone), as the step sees it.
const today = clock().today;
const shift = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function leads(n: number, region: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const admin = await org.tw.ctx();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(String((await createRecord(admin, 'lead', { name: `Lead ${region} ${i}`, company: `Co ${i}`, region, ...extra })).id));
  return ids;
}

beforeAll(async () => {
  org = await assignOrg('asg_rr');
});

describe('round-robin assignment (stock rule lead_routing)', () => {
  it('spreads six southern leads over the three Shenzhen reps, two each, and says which rule and entry did it', async () => {
    const ids = await leads(6, 'south');
    const counts = await ownersOf(org, 'lead', ids);
    expect([...counts.keys()].sort()).toEqual([org.users.s1.id, org.users.s2.id, org.users.s3.id].sort());
    expect([...counts.values()]).toEqual([2, 2, 2]);
    const rep = await org.tw.ctx(org.users.s1);
    const mine = (await Promise.all(ids.map((id) => recordAssignment(rep, 'lead', id)))).filter(Boolean);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ rule: 'lead_routing', entry: 'south', queue: null, entryLabel: { en: 'South China: Shenzhen team' } });
    const ownId = ids[(await Promise.all(ids.map((id) => recordAssignment(rep, 'lead', id)))).findIndex(Boolean)];
    const history = await readFieldHistory(rep, 'lead', ownId);
    expect(history.entries.map((e) => e.field)).toContain('$assigned');
    expect(history.entries.find((e) => e.field === '$assigned')!.new).toMatchObject({ rule: 'lead_routing', entry: 'south', owner: org.users.s1.id });
  });

  it('skips a rep on leave until the day after their leave ends', async () => {
    await org.sql('UPDATE users SET away_until = $1 WHERE id = $2', [today, org.users.s3.id]);
    const away = await ownersOf(org, 'lead', await leads(6, 'south'));
    expect(away.get(org.users.s3.id)).toBeUndefined();
    expect([away.get(org.users.s1.id), away.get(org.users.s2.id)]).toEqual([3, 3]);
    await org.sql('UPDATE users SET away_until = $1 WHERE id = $2', [shift(-1), org.users.s3.id]);
    const back = await ownersOf(org, 'lead', await leads(3, 'south'));
    expect(back.get(org.users.s3.id)).toBe(1);
  });

  it('lets an administrator mark a rep away until a real day, and refuses impossible dates', async () => {
    const prisma = getPrisma(org.tw.url);
    const actor = { workspaceId: org.tw.workspace.id, userId: org.tw.admin.id, locale: 'en' as const };
    await expect(updateUser(prisma, actor, org.users.s3.id, { awayUntil: '2026-02-30' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'awayUntil' }] });
    await expect(updateUser(prisma, actor, org.users.s3.id, { awayUntil: 'soon' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await updateUser(prisma, actor, org.users.s3.id, { awayUntil: shift(3) });
    expect((await listUsers(prisma, actor)).find((u) => u.id === org.users.s3.id)?.awayUntil).toBe(shift(3));
    const counts = await ownersOf(org, 'lead', await leads(2, 'south'));
    expect(counts.get(org.users.s3.id)).toBeUndefined();
    await updateUser(prisma, actor, org.users.s3.id, { awayUntil: null });
    expect((await listUsers(prisma, actor)).find((u) => u.id === org.users.s3.id)?.awayUntil).toBeNull();
  });

  it('skips a deactivated rep', async () => {
    await org.sql('UPDATE users SET active = false WHERE id = $1', [org.users.s2.id]);
    const counts = await ownersOf(org, 'lead', await leads(4, 'south'));
    expect(counts.get(org.users.s2.id)).toBeUndefined();
    expect([counts.get(org.users.s1.id), counts.get(org.users.s3.id)]).toEqual([2, 2]);
    await org.sql('UPDATE users SET active = true WHERE id = $1', [org.users.s2.id]);
  });

  it('keeps an owner the caller names', async () => {
    const admin = await org.tw.ctx();
    const rec = await createRecord(admin, 'lead', { name: 'Named', region: 'south', owner: org.users.b1.id });
    expect(rec.owner).toBe(org.users.b1.id);
    expect(await recordAssignment(admin, 'lead', String(rec.id))).toBeNull();
  });

  it('assigns bulk loads too, keeping the owners rows name', async () => {
    const admin = await org.tw.ctx();
    const before = await org.sql(`SELECT count(*)::int AS n FROM "${org.tw.workspace.schema}"."lead"`);
    await withTransaction(org.pool, (client) =>
      bulkInsert(admin, client, 'lead', [
        { values: { name: 'Bulk 1', region: 'south' } },
        { values: { name: 'Bulk 2', region: 'south' } },
        { values: { name: 'Bulk 3', region: 'south' } },
        { values: { name: 'Bulk named', region: 'south' }, owner: org.users.b1.id },
      ]),
    );
    const rows = await org.sql(`SELECT id, name, owner FROM "${org.tw.workspace.schema}"."lead" ORDER BY created_at DESC, name LIMIT 4`);
    expect(Number(before.rows[0].n) + 4).toBe(Number((await org.sql(`SELECT count(*)::int AS n FROM "${org.tw.workspace.schema}"."lead"`)).rows[0].n));
    const byName = new Map(rows.rows.map((r) => [r.name, r]));
    expect(byName.get('Bulk named')!.owner).toBe(org.users.b1.id);
    const bulkOwners = ['Bulk 1', 'Bulk 2', 'Bulk 3'].map((n) => byName.get(n)!.owner);
    expect(new Set(bulkOwners)).toEqual(new Set([org.users.s1.id, org.users.s2.id, org.users.s3.id]));
    const recorded = await org.sql(`SELECT entry FROM record_assignments WHERE record_id = ANY($1::uuid[])`, [rows.rows.map((r) => r.id)]);
    expect(recorded.rows.map((r) => r.entry)).toEqual(['south', 'south', 'south']);
  });

  it('spreads fifty parallel creates by reps evenly, without a deadlock', async () => {
    const reps = await Promise.all((['s1', 's2', 's3', 'b1'] as const).map((w) => org.tw.ctx(org.users[w])));
    const created = await Promise.all(
      Array.from({ length: 51 }, (_, i) => createRecord(reps[i % reps.length], 'lead', { name: `Rush ${i}`, region: 'south' }).then((r) => String(r.id))),
    );
    const counts = await ownersOf(org, 'lead', created);
    expect([...counts.values()]).toEqual([17, 17, 17]);
  });
});

describe('a cap of open records, and override', () => {
  beforeAll(async () => {
    const actor = { pool: org.pool, workspace: org.tw.workspace, userId: org.tw.admin.id };
    const rule: AssignmentRuleDefinition = {
      object: 'account',
      name: 'by_level',
      label: { en: 'Accounts by level', zh: '按级别分配客户' },
      open: { field: 'level', op: 'ne', value: 'c' },
      entries: [
        { name: 'key', when: { field: 'level', op: 'eq', value: 'a' }, assignTo: { type: 'user', user: org.users.m1.email }, override: true },
        { name: 'rest', assignTo: { type: 'roundRobin', members: [{ type: 'role', name: 'sales_rep_shenzhen' }], cap: 2 } },
      ],
    };
    await saveDocument(actor, 'assignment_rule:account.by_level', rule as never, 'Saved assignment rule account.by_level');
  });

  it('stops giving a rep records once they hold their cap of open ones, and the creator keeps what nobody can take', async () => {
    const admin = await org.tw.ctx();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(String((await createRecord(admin, 'account', { name: `Capped ${i}`, level: 'b' })).id));
    const counts = await ownersOf(org, 'account', ids);
    expect([counts.get(org.users.s1.id), counts.get(org.users.s2.id), counts.get(org.users.s3.id), counts.get(org.tw.admin.id)]).toEqual([2, 2, 2, 1]);
    // A record that is no longer open frees a place.
    const s1s = (await org.sql(`SELECT id FROM "${org.tw.workspace.schema}"."account" WHERE owner = $1 LIMIT 1`, [org.users.s1.id])).rows[0].id;
    await org.sql(`UPDATE "${org.tw.workspace.schema}"."account" SET level = 'c' WHERE id = $1`, [s1s]);
    const next = await createRecord(admin, 'account', { name: 'Capped 8', level: 'b' });
    expect(next.owner).toBe(org.users.s1.id);
  });

  it('replaces a named owner only where the entry says override', async () => {
    const admin = await org.tw.ctx();
    const key = await createRecord(admin, 'account', { name: 'Key account', level: 'a', owner: org.users.b1.id });
    expect(key.owner).toBe(org.users.m1.id);
    const plain = await createRecord(admin, 'account', { name: 'Plain account', level: 'b', owner: org.users.b1.id });
    expect(plain.owner).toBe(org.users.b1.id);
  });
});
