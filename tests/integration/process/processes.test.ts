/**
 * Sales processes through the record service and REST: the process and stage a record gets,
 * probabilities and forecast categories by the record's own process, stage gates (every missing
 * item listed, forward moves needing the gates of skipped stages), form rules, validation rules
 * (every failing one in one 422), stage history, the stalled filter and the kanban.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createRecord, deleteRecord, getRecord, listRecords, updateRecord } from '../../../platform/data';
import type { RecordContext } from '../../../platform/data/context';
import { getPool } from '../../../platform/db/pool';
import * as designer from '../../../platform/metadata/designer';
import type { SalesProcessDefinition } from '../../../platform/metadata/model';
import { stockMetadataDir } from '../../../platform/metadata/load';
import { kanban, moveToStage, stageHistory } from '../../../platform/process/service';
import { apiClient, expectError, type ApiClient } from '../api/api';
import fs from 'node:fs';
import path from 'node:path';

process.env.DATABASE_URL = inject('databaseUrl');

let api: ApiClient;
let ctx: RecordContext;
let account: string;

const actor = () => ({ pool: getPool(api.tw.url), workspace: api.tw.workspace, userId: api.tw.admin.id });

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; details: { field?: string; code: string; message: string }[] };
  }
  throw new Error('expected the write to be refused');
}

beforeAll(async () => {
  api = await apiClient('proc');
  ctx = await api.tw.ctx();
  account = String((await createRecord(ctx, 'account', { name: 'Gate Test Co' })).id);
});

const opp = (values: Record<string, unknown> = {}) => createRecord(ctx, 'opportunity', { name: 'Deal', close_date: '2027-03-01', account, ...values });

describe('a new opportunity', () => {
  it("gets the default process, its first stage, that stage's probability and forecast, and a stage history row", async () => {
    const rec = await opp();
    expect(rec).toMatchObject({ sales_process: 'product_sale', stage: 'discovery', probability: 10, forecast_category: 'pipeline' });
    expect(typeof rec.stage_changed_at).toBe('string');
    const history = await stageHistory(ctx, 'opportunity', String(rec.id));
    expect(history).toMatchObject([{ process: 'product_sale', from: null, to: 'discovery', probability: 10, changedBy: api.tw.admin.id }]);
  });

  it("in the project bid process starts at its first stage with that process's probability", async () => {
    const rec = await opp({ sales_process: 'project_bid' });
    expect(rec).toMatchObject({ stage: 'bid_found', probability: 5, forecast_category: 'pipeline' });
  });

  it('cannot take a stage of another process', async () => {
    const err = await rejection(opp({ sales_process: 'project_bid', stage: 'qualification' }));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details).toMatchObject([{ field: 'stage', code: 'process.stageNotInProcess' }]);
  });

  it('created directly in a later stage must have the fields every stage up to it requires', async () => {
    const err = await rejection(opp({ stage: 'negotiation' }));
    expect(err.details).toEqual([expect.objectContaining({ field: 'amount', code: 'gate.field', message: 'Amount is required to enter Proposal' })]);
    // Conditions on related records (a quote) cannot hold for a record that does not exist yet: they apply when it moves.
    expect(await opp({ stage: 'negotiation', amount: 5 })).toMatchObject({ stage: 'negotiation', probability: 60 });
  });
});

describe('moving along the path', () => {
  it('stops at a gate listing what is missing, and passes once it is filled in', async () => {
    const rec = await opp();
    const id = String(rec.id);
    const err = await rejection(moveToStage(ctx, 'opportunity', id, 'proposal'));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details).toEqual([expect.objectContaining({ field: 'amount', code: 'gate.field', message: 'Amount is required to enter Proposal' })]);
    // Nothing was written: still in discovery, one history row.
    expect((await getRecord(ctx, 'opportunity', id)).stage).toBe('discovery');
    await updateRecord(ctx, 'opportunity', id, { amount: 50000 });
    const moved = await moveToStage(ctx, 'opportunity', id, 'proposal');
    expect(moved).toMatchObject({ stage: 'proposal', probability: 40, forecast_category: 'best_case' });
    const history = await stageHistory(ctx, 'opportunity', id);
    expect(history.map((h) => [h.from, h.to, h.amount, h.probability])).toEqual([
      [null, 'discovery', null, 10],
      ['discovery', 'proposal', 50000, 40],
    ]);
  });

  it('needs a quote for negotiation; a quote (a roll-up count) opens the gate', async () => {
    const id = String((await opp({ amount: 1000 })).id);
    await moveToStage(ctx, 'opportunity', id, 'proposal');
    const err = await rejection(moveToStage(ctx, 'opportunity', id, 'negotiation'));
    expect(err.details).toMatchObject([{ code: 'gate.require', message: 'A quote is required to enter Negotiation' }]);
    await createRecord(ctx, 'quote', { opportunity: id, amount: 990 });
    expect((await getRecord(ctx, 'opportunity', id)).quote_count).toBe(1);
    expect(await moveToStage(ctx, 'opportunity', id, 'negotiation')).toMatchObject({ stage: 'negotiation', probability: 60, forecast_category: 'commit' });
  });

  it('moving back needs only the stage moved to, and a rep may override the probability', async () => {
    const id = String((await opp({ amount: 1000 })).id);
    await moveToStage(ctx, 'opportunity', id, 'proposal');
    expect(await moveToStage(ctx, 'opportunity', id, 'discovery')).toMatchObject({ stage: 'discovery', probability: 10 });
    const own = await updateRecord(ctx, 'opportunity', id, { stage: 'qualification', probability: 35 });
    expect(own).toMatchObject({ stage: 'qualification', probability: 35 });
  });

  it('a lost stage needs a loss reason, which only applies (and is only required) once lost', async () => {
    const id = String((await opp()).id);
    // Not lost: the loss reason does not apply.
    const hidden = await rejection(updateRecord(ctx, 'opportunity', id, { loss_reason: 'price' }));
    expect(hidden.details).toMatchObject([{ field: 'loss_reason', code: 'form.hidden' }]);
    const err = await rejection(moveToStage(ctx, 'opportunity', id, 'closed_lost'));
    expect(err.details.map((d) => [d.field, d.code]).sort()).toEqual([
      ['loss_reason', 'gate.field'],
      ['loss_reason', 'required'],
    ]);
    expect(await updateRecord(ctx, 'opportunity', id, { stage: 'closed_lost', loss_reason: 'price' })).toMatchObject({
      stage: 'closed_lost',
      probability: 0,
      forecast_category: 'omitted',
      loss_reason: 'price',
    });
  });
});

describe("probabilities follow the record's own process", () => {
  it("changing one process's probabilities applies to its next moves and never rewrites other processes' records", async () => {
    const bid = String((await opp({ sales_process: 'project_bid', amount: 10 })).id);
    await moveToStage(ctx, 'opportunity', bid, 'bid_solution');
    const sale = String((await opp({ amount: 10 })).id);
    await moveToStage(ctx, 'opportunity', sale, 'proposal');
    const file = path.join(stockMetadataDir(), 'processes/opportunity.product_sale.json');
    const def = JSON.parse(fs.readFileSync(file, 'utf8')) as SalesProcessDefinition;
    def.stages = def.stages.map((s) => (s.value === 'proposal' ? { ...s, probability: 45 } : s)) as SalesProcessDefinition['stages'];
    await designer.saveProcess(actor(), def);
    ctx = await api.tw.ctx();
    expect((await getRecord(ctx, 'opportunity', bid)).probability).toBe(30);
    expect((await getRecord(ctx, 'opportunity', sale)).probability).toBe(40);
    const next = String((await opp({ amount: 10 })).id);
    expect((await moveToStage(ctx, 'opportunity', next, 'proposal')).probability).toBe(45);
    expect((await moveToStage(ctx, 'opportunity', bid, 'bid_presales')).probability).toBe(40);
  });
});

describe('validation rules', () => {
  it('a rule with a malformed formula is refused with its position', async () => {
    const err = await rejection(
      designer.saveRule(actor(), { object: 'opportunity', name: 'bad', label: { en: 'Bad', zh: '坏' }, errorWhen: 'amount > ', message: { en: 'x', zh: 'x' } }),
    );
    expect(err.code).toBe('METADATA_INVALID');
    expect(err.details[0]).toMatchObject({ code: expect.stringMatching(/^formula\./) });
    expect(err.details[0]).toMatchObject({ file: 'rules/opportunity.bad.json', pointer: '/errorWhen' });
    expect(err.details[0].message).toMatch(/position/);
  });

  it('every failing rule and gate comes back in one 422 over REST, and nothing is written', async () => {
    await designer.saveRule(actor(), {
      object: 'opportunity',
      name: 'big_deals_need_next_step',
      label: { en: 'Big deals need a next step', zh: '大单需填写下一步' },
      errorWhen: 'AND(amount >= 1000000, ISBLANK(next_step))',
      message: { en: 'Deals of a million or more need a next step', zh: '百万以上商机必须填写下一步' },
      field: 'next_step',
    });
    await designer.saveRule(actor(), {
      object: 'opportunity',
      name: 'no_past_close_on_change',
      label: { en: 'Close date', zh: '成交日期' },
      on: ['update'],
      errorWhen: { all: [{ field: 'close_date', op: 'lt', value: '2000-01-01' }] },
      message: { en: 'The close date is too far in the past', zh: '预计成交日期过早' },
      field: 'close_date',
    });
    const created = await api.post('/api/v1/records/opportunity', { name: 'REST deal', close_date: '2027-01-01', account });
    expect(created.status).toBe(201);
    const id = created.body.record.id;
    const res = await api.patch(`/api/v1/records/opportunity/${id}`, { amount: 2000000, close_date: '1999-12-31', stage: 'negotiation' });
    const error = expectError(res, 422, 'VALIDATION_FAILED');
    expect(error.details.map((d) => d.code).sort()).toEqual(['gate.require', 'rule.big_deals_need_next_step', 'rule.no_past_close_on_change']);
    expect(error.details.find((d) => d.code === 'rule.big_deals_need_next_step')).toMatchObject({ field: 'next_step', message: 'Deals of a million or more need a next step' });
    const zh = await api.patch(`/api/v1/records/opportunity/${id}`, { amount: 2000000 }, { lang: 'zh-CN' });
    expect(expectError(zh, 422, 'VALIDATION_FAILED').details).toMatchObject([{ message: '百万以上商机必须填写下一步' }]);
    const after = await api.get(`/api/v1/records/opportunity/${id}`);
    expect(after.body.record).toMatchObject({ amount: null, stage: 'discovery', close_date: '2027-01-01', version: 1 });
    // The same rule on tRPC's path (the record service).
    const err = await rejection(updateRecord(await api.tw.ctx(), 'opportunity', id, { amount: 1000000 }));
    expect(err.details).toMatchObject([{ code: 'rule.big_deals_need_next_step' }]);
    await designer.deleteRule(actor(), 'opportunity', 'big_deals_need_next_step');
    await designer.deleteRule(actor(), 'opportunity', 'no_past_close_on_change');
  });

  it('the stock rule: a won opportunity needs an amount', async () => {
    const id = String((await opp()).id);
    await createRecord(ctx, 'quote', { opportunity: id, amount: 1 });
    const err = await rejection(moveToStage(ctx, 'opportunity', id, 'closed_won'));
    expect(err.details.map((d) => d.code).sort()).toEqual(['gate.field', 'rule.won_needs_amount']);
  });
});

describe('stage history and stalled opportunities', () => {
  it('is readable over REST and the days-in-stage formula filters stalled deals', async () => {
    const id = String((await opp({ name: 'Stalled deal' })).id);
    const res = await api.get(`/api/v1/records/opportunity/${id}/stage-history`);
    expect(res.status).toBe(200);
    expect(res.body.history).toMatchObject([{ to: 'discovery', days: 0 }]);
    await getPool(api.tw.url).query(`UPDATE "${api.tw.workspace.schema}"."opportunity" SET stage_changed_at = now() - interval '45 days' WHERE id = $1`, [id]);
    const stalled = await listRecords(ctx, 'opportunity', { filter: { all: [{ field: 'days_in_stage', op: 'gte', value: 30 }] } });
    expect(stalled.records.map((r) => r.name)).toEqual(['Stalled deal']);
    expect(stalled.records[0].days_in_stage).toBe(45);
    const sorted = await listRecords(ctx, 'opportunity', { sort: '-days_in_stage', limit: 1 });
    expect(sorted.records[0].id).toBe(id);
    const view = await api.get(`/api/v1/records/opportunity?filter=${encodeURIComponent(JSON.stringify({ field: 'days_in_stage', op: 'lt', value: 30 }))}&limit=200`);
    expect(view.body.records.map((r: { id: string }) => r.id)).not.toContain(id);
  });
});

describe('the kanban', () => {
  it('has a column per stage with counts and totals of what the caller can see', async () => {
    const rep = await api.tw.addUser('Rep', { permissionSets: ['sales_rep'] });
    const repCtx = await api.tw.ctx(rep);
    const mine = await createRecord(repCtx, 'opportunity', { name: 'Rep deal', close_date: '2027-05-01', amount: 700 });
    const board = await kanban(repCtx, 'opportunity', { process: 'product_sale' });
    expect(board.columns.map((c) => c.stage)).toEqual(['discovery', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost']);
    expect(board.columns[0]).toMatchObject({ count: 1, total: 700 });
    expect(board.columns[0].records.map((r) => r.id)).toEqual([mine.id]);
    const all = await kanban(ctx, 'opportunity', {});
    expect(all.columns[0].count).toBeGreaterThan(1);
    const rest = await api.get('/api/v1/kanban/opportunity?process=project_bid');
    expect(rest.status).toBe(200);
    expect(rest.body.columns).toHaveLength(12);
    expectError(await api.get('/api/v1/kanban/opportunity?process=nope'), 404, 'NOT_FOUND');
    await deleteRecord(ctx, 'opportunity', String(mine.id));
    expect((await kanban(repCtx, 'opportunity', {})).columns[0].count).toBe(0);
  });
});

describe('processes and rules travel in packages', () => {
  it('an exported custom process and rule install into another workspace, where they apply', async () => {
    const { exportPackage, installPackage, packageFromFiles } = await import('../../../platform/packages/packages');
    const { createTestWorkspace } = await import('../../support/workspace');
    const L = (en: string, zh: string) => ({ en, zh });
    await designer.saveProcess(actor(), {
      object: 'opportunity',
      name: 'renewal',
      label: L('Renewal', '续约'),
      order: 3,
      stages: [
        { value: 'renewal_due', label: L('Renewal due', '待续约'), probability: 50, forecast: 'pipeline' },
        { value: 'renewal_quoted', label: L('Renewal quoted', '已报价'), probability: 75, forecast: 'commit', gate: [{ field: 'amount' }] },
        { value: 'renewed', label: L('Renewed', '已续约'), probability: 100, forecast: 'closed', won: true },
      ],
    });
    await designer.saveRule(actor(), {
      object: 'opportunity',
      name: 'renewal_next_step',
      label: L('Renewals have a next step', '续约需下一步'),
      errorWhen: "AND(sales_process = 'renewal', ISBLANK(next_step))",
      message: L('A renewal needs a next step', '续约商机必须填写下一步'),
      field: 'next_step',
    });
    const files = await exportPackage(getPool(api.tw.url), api.tw.workspace.id, { name: 'renewals', version: '1.0.0', label: L('Renewals', '续约'), objects: ['opportunity'] });
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['processes/opportunity.renewal.json', 'rules/opportunity.renewal_next_step.json']));
    const other = await createTestWorkspace('proc_pkg');
    await installPackage({ pool: getPool(other.url), workspace: other.workspace, userId: other.admin.id }, packageFromFiles(files));
    const octx = await other.ctx();
    await expect(createRecord(octx, 'opportunity', { name: 'R', close_date: '2027-01-01', sales_process: 'renewal' })).rejects.toMatchObject({
      details: [expect.objectContaining({ code: 'rule.renewal_next_step' })],
    });
    expect(await createRecord(octx, 'opportunity', { name: 'R', close_date: '2027-01-01', sales_process: 'renewal', next_step: 'call' })).toMatchObject({
      stage: 'renewal_due',
      probability: 50,
    });
    await designer.deleteRule(actor(), 'opportunity', 'renewal_next_step');
  });
});

describe('designer safety for processes', () => {
  const L = (en: string, zh: string) => ({ en, zh });
  const stock = (): SalesProcessDefinition => JSON.parse(fs.readFileSync(path.join(stockMetadataDir(), 'processes/opportunity.product_sale.json'), 'utf8'));

  it('a stage that records of the process are in cannot be removed, even when another process still offers the value', async () => {
    await designer.saveProcess(
      actor(),
      {
        object: 'opportunity',
        name: 'shared_values',
        label: L('Shared', '共用'),
        order: 9,
        stages: [
          { value: 'discovery', label: L('Discovery', '初步接洽'), probability: 15, forecast: 'pipeline' },
          { value: 'qualification', label: L('Qualification', '需求确认'), probability: 30, forecast: 'pipeline' },
        ],
      },
      'create',
    );
    ctx = await api.tw.ctx();
    await opp({ stage: 'qualification' });
    const def = stock();
    def.stages = def.stages.filter((s) => s.value !== 'qualification') as SalesProcessDefinition['stages'];
    const err = await rejection(designer.saveProcess(actor(), def, 'update'));
    expect(err.code).toBe('METADATA_INVALID');
    expect(err.details).toEqual([expect.objectContaining({ code: 'change.stageInUse' })]);
    // The process other records follow cannot be deleted either.
    const used = await opp({ sales_process: 'shared_values' });
    expect(used.probability).toBe(15);
    expect((await rejection(designer.deleteProcess(actor(), 'opportunity', 'shared_values'))).details).toEqual([expect.objectContaining({ code: 'change.processInUse' })]);
  });

  it('creating a process or rule with a name in use is refused instead of replacing it', async () => {
    const err = await rejection(designer.saveProcess(actor(), { ...stock(), label: L('Mine', '我的') }, 'create'));
    expect(err).toMatchObject({ code: 'CONFLICT', details: [expect.objectContaining({ field: 'name' })] });
  });

  it('the default process must be active', async () => {
    const err = await rejection(designer.saveProcess(actor(), { ...stock(), active: false }, 'update'));
    expect(err.details).toEqual([expect.objectContaining({ code: 'process.defaultInactive' })]);
  });

  it('a field default that a visible-if hides is left out instead of refusing the record', async () => {
    ctx = await api.tw.ctx();
    const field = {
      name: 'competitor',
      type: 'picklist',
      label: L('Competitor', '竞争对手'),
      default: 'none',
      visibleIf: { field: 'forecast_category', op: 'eq', value: 'omitted' },
      options: [
        { value: 'none', label: L('None', '无') },
        { value: 'acme', label: L('Acme', 'Acme') },
      ],
    };
    await designer.saveField(actor(), 'opportunity', field as never, 'create');
    ctx = await api.tw.ctx();
    const rec = await opp();
    expect(rec.competitor).toBeNull();
    const lost = await opp({ stage: 'closed_lost', loss_reason: 'price' });
    expect(lost.competitor).toBe('none');
  });

  it('a roll-up of a roll-up is refused (nothing would recompute it)', async () => {
    const bad = { name: 'all_quotes', type: 'rollup', label: L('All quotes', '全部报价'), summary: { object: 'opportunity', via: 'account', fn: 'sum', field: 'quote_count' } };
    const err = await rejection(designer.saveField(actor(), 'account', bad as never, 'create'));
    expect(err.details).toEqual([expect.objectContaining({ code: 'rollup.field' })]);
  });
});
