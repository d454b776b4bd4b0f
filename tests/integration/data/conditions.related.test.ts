/**
 * `with` / `without` related-record conditions: accounts having (not having) an opportunity that
 * matches, counted only over the opportunities the caller may see. A rep whose account has a deal
 * owned by a rep of another team does not see that deal, so for that rep the account has none.
 * Also: dotted lookup paths and related conditions refused where nothing resolves or compiles them.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { isAppError, type AppError } from '../../../platform/core/errors';
import { createRecord, listRecords } from '../../../platform/data';
import { listTotals } from '../../../platform/data/totals';
import { getPool } from '../../../platform/db/pool';
import * as designer from '../../../platform/metadata/designer';
import { expectError, filterParam } from '../api/api';
import { createSecOrg, listAllIds, sorted, type SecOrg } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
let hiddenDeal: string;

const negotiating = (key: 'with' | 'without') => ({ [key]: { object: 'opportunity', field: 'account', where: { field: 'stage', op: 'eq', value: 'negotiation' } } });

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  org = await createSecOrg('cond_rel');
  // On rep_a1's key account, a deal in negotiation that rep_b1 owns: rep_a1 cannot see it.
  const admin = await org.tw.ctx();
  hiddenDeal = String(
    (
      await createRecord(admin, 'opportunity', {
        name: 'Cross-team deal',
        account: org.records.account.rep_a1[0],
        owner: org.users.rep_b1.id,
        stage: 'negotiation',
        amount: 5000,
        close_date: '2026-06-30',
      })
    ).id,
  );
  // And on rep_a2's key account, one rep_a2 owns.
  await createRecord(admin, 'opportunity', {
    name: 'Own deal',
    account: org.records.account.rep_a2[0],
    owner: org.users.rep_a2.id,
    stage: 'negotiation',
    amount: 5000,
    close_date: '2026-06-30',
  });
}, 120_000);

describe('with / without over the record service', () => {
  it('the admin sees both accounts with a deal in negotiation, and the rest without', async () => {
    const ctx = await org.ctx('admin');
    const both = [org.records.account.rep_a1[0], org.records.account.rep_a2[0]];
    expect(sorted(await listAllIds(ctx, 'account', { filter: negotiating('with') }))).toEqual(sorted(both));
    const without = await listAllIds(ctx, 'account', { filter: negotiating('without') });
    expect(without).toHaveLength(18 - 2);
    expect(without).not.toContain(both[0]);
  });

  it('a rep does not count a deal they cannot see', async () => {
    const ctx = await org.ctx('rep_a1');
    expect(await listAllIds(ctx, 'account', { filter: negotiating('with') })).toEqual([]);
    // Both of rep_a1's accounts are "without" for rep_a1, though one has a deal the admin sees.
    expect(sorted(await listAllIds(ctx, 'account', { filter: negotiating('without') }))).toEqual(sorted(org.records.account.rep_a1));
    expect((await listTotals(ctx, 'account', { filter: negotiating('with') })).count).toBe(0);
  });

  it('their manager sees it when the deal is in their team, and not otherwise', async () => {
    // manager_a sees rep_a1's and rep_a2's accounts but not rep_b1's deal.
    expect(await listAllIds(await org.ctx('manager_a'), 'account', { filter: negotiating('with') })).toEqual([org.records.account.rep_a2[0]]);
    // The director sees the deal and both accounts.
    expect(await listAllIds(await org.ctx('director'), 'account', { filter: negotiating('with') })).toHaveLength(2);
  });

  it('without a where: any visible child; and nesting inside not/any works', async () => {
    const ctx = await org.ctx('rep_a1');
    // Every fixture account has its owner's two opportunities.
    expect(sorted(await listAllIds(ctx, 'account', { filter: { with: { object: 'opportunity', field: 'account' } } }))).toEqual(sorted([org.records.account.rep_a1[0]]));
    const either = { any: [negotiating('with'), { field: 'level', op: 'eq', value: 'b' }] };
    expect(await listAllIds(ctx, 'account', { filter: either })).toEqual([org.records.account.rep_a1[1]]);
    expect(await listAllIds(ctx, 'account', { filter: { not: negotiating('without') } })).toEqual([]);
  });

  it('a deleted child does not count', async () => {
    const admin = await org.tw.ctx();
    const { deleteRecord } = await import('../../../platform/data');
    const deal = await createRecord(admin, 'opportunity', {
      name: 'Soon deleted',
      account: org.records.account.gm[1],
      stage: 'negotiation',
      amount: 5000,
      close_date: '2026-06-30',
    });
    expect(await listAllIds(admin, 'account', { filter: negotiating('with') })).toContain(org.records.account.gm[1]);
    await deleteRecord(admin, 'opportunity', String(deal.id));
    expect(await listAllIds(admin, 'account', { filter: negotiating('with') })).not.toContain(org.records.account.gm[1]);
  });

  it('names the pointer of a child field, a lookup that does not point here, or an object the caller may not read', async () => {
    const admin = await org.tw.ctx();
    const bad = (filter: unknown, ctx = admin) => rejection(listRecords(ctx, 'account', { filter }));
    expect((await bad({ with: { object: 'opportunity', field: 'account', where: { field: 'nope', op: 'eq', value: 1 } } })).details[0]).toMatchObject({
      pointer: '/filter/with/where/field',
    });
    expect((await bad({ with: { object: 'contact', field: 'reports_to' } })).details[0]).toMatchObject({ pointer: '/filter/with/field' });
    expect((await bad({ without: { object: 'no_such', field: 'account' } })).details[0]).toMatchObject({ pointer: '/filter/without/object' });
    expect((await bad({ with: { object: 'opportunity' } })).details[0]).toMatchObject({ pointer: '/filter/with' });
    // A rep may not read contract cost: it is as unknown to them as a field that does not exist.
    const hidden = { with: { object: 'contract', field: 'account', where: { field: 'cost', op: 'gt', value: 0 } } };
    expect((await bad(hidden, await org.ctx('rep_a1'))).details[0]).toMatchObject({ pointer: '/filter/with/where/field', code: 'filter.unknownField' });
    expect(await listAllIds(admin, 'account', { filter: hidden })).toHaveLength(9);
    // reader holds read on account only: to them opportunities do not exist.
    const forbidden = await bad({ with: { object: 'opportunity', field: 'account' } }, await org.ctx('reader'));
    expect(forbidden.code).toBe('INVALID_FILTER');
    expect(forbidden.details[0]).toMatchObject({ pointer: '/filter/with/object', code: 'filter.relatedObject' });
  });
});

describe('over REST', () => {
  it('GET /records/account?filter= with a with condition, as a rep and as the admin', async () => {
    const path = `/api/v1/records/account?${filterParam(negotiating('with'))}`;
    const asRep = await org.api('rep_a1').get(path);
    expect(asRep.status).toBe(200);
    expect(asRep.body.records).toEqual([]);
    const asAdmin = await org.api('admin').get(path);
    expect(asAdmin.body.records.map((r: { id: string }) => r.id).sort()).toEqual(sorted([org.records.account.rep_a1[0], org.records.account.rep_a2[0]]));
    expect(hiddenDeal).toBeTruthy();
  });

  it('a path deeper than one lookup is refused in a list filter, naming its pointer (one level up is served: tests/integration/data/paths.test.ts)', async () => {
    const res = await org.api('admin').get(`/api/v1/records/opportunity?${filterParam({ all: [{ field: 'account.parent.industry', op: 'eq', value: 'it' }] })}`);
    const error = expectError(res, 400, 'INVALID_FILTER');
    expect(error.details[0]).toMatchObject({ pointer: '/filter/all/0/field', code: 'filter.unknownField' });
  });
});

describe('where conditions are checked one record at a time', () => {
  const actor = () => ({ pool: getPool(org.tw.url), workspace: org.tw.workspace, userId: org.tw.admin.id });

  it('a validation rule refuses a with condition, with its pointer', async () => {
    const err = await rejection(
      designer.saveRule(actor(), {
        object: 'account',
        name: 'needs_deal',
        label: { en: 'Needs a deal', zh: '须有商机' },
        errorWhen: { without: { object: 'opportunity', field: 'account' } },
        message: { en: 'x', zh: 'x' },
      }),
    );
    expect(err.code).toBe('METADATA_INVALID');
    expect(err.details[0]).toMatchObject({ file: 'rules/account.needs_deal.json', pointer: '/errorWhen/without', code: 'filter.relatedNotHere' });
  });
});
