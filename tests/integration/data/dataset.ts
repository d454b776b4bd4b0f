/**
 * A deterministic test dataset for the record service: accounts, opportunities and activities with
 * nulls, boundary numbers and dates, Chinese and mixed-case text, LIKE wildcards, several owners,
 * updated and deleted records. Generated from a seeded PRNG so every run builds the same data.
 */
import { asPicklist } from '../../fieldShapes';
import type { RecordContext, UserRef } from '../../../platform/data/context';
import { createRecord, deleteRecord, listRecords, updateRecord, type ListOptions } from '../../../platform/data';
import type { RecordData } from '../../../platform/data/values';
import type { TestWorkspace } from '../../support/workspace';

/** mulberry32: small, fast, good enough to generate test data reproducibly. */
export class Rng {
  private state: number;
  constructor(seed: number | string) {
    this.state = typeof seed === 'number' ? seed >>> 0 : [...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** A value from `make`, or null with probability `pNull`. */
  maybe<T>(pNull: number, make: () => T): T | null {
    return this.chance(pNull) ? null : make();
  }
  sample<T>(items: readonly T[], n: number): T[] {
    return Array.from({ length: n }, () => this.pick(items));
  }
}

export const COMPANY_NAMES = [
  '华为技术有限公司',
  '腾讯科技（深圳）有限公司',
  '阿里巴巴集团',
  '上海浦东发展银行',
  '北京字节跳动',
  '中国石油天然气',
  'Acme Corporation',
  'ACME corp',
  'acme Labs',
  'Globex Ltd',
  'globex LTD',
  'Initech',
  'Umbrella 中国',
  'Stark Industries (深圳)',
  '100% Pure Foods',
  'under_score Ltd',
  'Back\\slash Co',
  "O'Brien & Sons",
  '  spaced  name ',
  'Zeta',
  'zeta',
  'Zürich Versicherung',
  'café Crème',
  '$me',
  'Robert"); DROP TABLE account;--',
  "x' OR '1'='1",
  'a',
  '%',
  '_',
];
const DEAL_WORDS = ['ERP 升级', '云服务', 'CRM rollout', 'Data Center', '年度框架协议', 'renewal', 'Renewal 2026', 'POC_test', '50% discount', 'Phase II'];
const NEXT_STEPS = ['发送报价', 'Call back', 'call BACK', 'demo', '签合同', 'Follow-up %', 'wait_for_PO', '  '];
const ADDRESSES = ['上海市浦东新区世纪大道100号', '北京市海淀区中关村', '1 Infinite Loop, Cupertino', 'Shenzhen Nanshan', '广州市天河区'];
const PHONES = ['+86 138-0013-8000', '021 6888 1234 转 12', '13800138000', '010-65551234', '+1 415 555 0100'];
const WEBSITES = ['https://www.huawei.com', 'http://Example.COM/path', 'https://acme.test/100%25', 'https://globex.test'];
const NOTES = ['客户关注价格', 'Asked for a discount of 10%', 'line one\nline two', 'contains_underscore', 'MIXED case Notes'];

/** Amounts at the edges of numeric(18,2) and of float precision, and some ordinary ones. */
export const AMOUNTS = [0, 0.01, 0.1, 0.99, 1, 99.99, 100, 1000, 1000.5, 12345.67, 1e6, 999999.99, 123456789.12, 9999999999999998];
export const PROBABILITIES = [0, 0.01, 10, 33.33, 50, 99.99, 100];
export const EMPLOYEES = [0, 1, 9, 10, 500, 2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER];
export const DATES = ['2024-02-29', '1999-01-01', '2025-12-31', '2026-01-01', '2026-03-05', '2026-12-31', '2099-12-31'];
export const DATETIMES = ['2026-03-05T06:30:00.000Z', '2026-03-05T06:30:00.001Z', '2025-12-31T16:00:00.000Z', '2025-12-31T15:59:59.999Z', '2000-01-01T00:00:00.000Z'];

export function randomDate(rng: Rng): string {
  return rng.chance(0.3) ? rng.pick(DATES) : new Date(Date.UTC(2025, 0, 1) + rng.int(0, 3 * 365) * 86_400_000).toISOString().slice(0, 10);
}

export function randomDatetime(rng: Rng): string {
  return rng.chance(0.3) ? rng.pick(DATETIMES) : new Date(Date.UTC(2025, 0, 1) + rng.int(0, 3 * 365 * 86_400) * 1000 + rng.int(0, 999)).toISOString();
}

export function randomAmount(rng: Rng): number {
  return rng.chance(0.5) ? rng.pick(AMOUNTS) : rng.int(0, 10_000_000) / 100;
}

function companyName(rng: Rng): string {
  const base = rng.pick(COMPANY_NAMES);
  return rng.chance(0.3) ? `${base} ${rng.int(1, 99)}` : base;
}

function optionOf(ctx: RecordContext, object: string, field: string, rng: Rng): string {
  return rng.pick(asPicklist(ctx.meta.objects.get(object)!.fieldMap.get(field)).options.map((o) => o.value));
}

/**
 * Give a generated opportunity what its stage's process requires of a new record in that stage
 * (the fields of the gates up to it, a loss reason when lost, an amount when won).
 */
function meetGates(ctx: RecordContext, input: Record<string, unknown>): void {
  const obj = ctx.meta.objects.get('opportunity')!;
  const proc = obj.process!.processes.find((p) => p.stages.some((st) => st.value === input.stage))!;
  input.sales_process = proc.name;
  const index = proc.stages.findIndex((st) => st.value === input.stage);
  const target = proc.stages[index];
  const passed = target.lost ? [target] : proc.stages.slice(0, index + 1).filter((st) => !st.lost);
  const fill: Record<string, unknown> = { amount: 25_000, close_date: '2026-06-30', loss_reason: 'price', tender_number: 'ZB-2026-001', bid_deadline: '2026-05-31' };
  for (const st of passed) for (const g of st.gate) if (g.field && !g.require && (input[g.field] === null || input[g.field] === undefined)) input[g.field] = fill[g.field];
  if (target.won && !((input.amount as number) > 0)) input.amount = fill.amount;
}

/** Every live record of an object, fetched page by page. */
export async function listAll(ctx: RecordContext, object: string, opts: Omit<ListOptions, 'cursor'> = {}): Promise<RecordData[]> {
  const out: RecordData[] = [];
  let cursor: string | null = null;
  do {
    const page = await listRecords(ctx, object, { limit: 200, ...opts, cursor });
    out.push(...page.records);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export interface Dataset {
  users: UserRef[];
  /** A user owning nothing, so `$me` can match no record at all. */
  idle: UserRef;
}

/** Create the dataset in a workspace; returns the users who own its records. */
export async function seedDataset(tw: TestWorkspace, seed = 20260305, sizes = { account: 90, opportunity: 150, activity: 70 }): Promise<Dataset> {
  const rng = new Rng(seed);
  const users = [tw.admin, await tw.addUser('Alice 李'), await tw.addUser('Bob 王')];
  const idle = await tw.addUser('Idle');
  const ctxOf = () => tw.ctx(rng.pick(users));
  const ctx = await tw.ctx();
  const ids: Record<string, string[]> = { account: [], opportunity: [], activity: [] };

  for (let i = 0; i < sizes.account; i++) {
    const rec = await createRecord(await ctxOf(), 'account', {
      name: companyName(rng),
      parent: ids.account.length && rng.chance(0.3) ? rng.pick(ids.account) : null,
      type: rng.maybe(0.3, () => optionOf(ctx, 'account', 'type', rng)),
      industry: rng.maybe(0.3, () => optionOf(ctx, 'account', 'industry', rng)),
      region: rng.maybe(0.3, () => optionOf(ctx, 'account', 'region', rng)),
      level: rng.maybe(0.4, () => optionOf(ctx, 'account', 'level', rng)),
      phone: rng.maybe(0.4, () => rng.pick(PHONES)),
      website: rng.maybe(0.5, () => rng.pick(WEBSITES)),
      address: rng.maybe(0.4, () => rng.pick(ADDRESSES)),
      annual_revenue: rng.maybe(0.3, () => randomAmount(rng)),
      annual_revenue_currency: rng.pick(['CNY', 'CNY', 'USD']),
      employees: rng.maybe(0.3, () => (rng.chance(0.5) ? rng.pick(EMPLOYEES) : rng.int(0, 100_000))),
      description: rng.maybe(0.5, () => rng.pick(NOTES)),
      owner: rng.pick(users).id,
    });
    ids.account.push(rec.id as string);
  }
  for (let i = 0; i < sizes.opportunity; i++) {
    const input: Record<string, unknown> = {
      name: `${rng.pick(DEAL_WORDS)}${rng.chance(0.5) ? ` - ${companyName(rng)}` : ''}`,
      account: rng.maybe(0.2, () => rng.pick(ids.account)),
      amount: rng.maybe(0.2, () => randomAmount(rng)),
      close_date: randomDate(rng),
      probability: rng.maybe(0.3, () => (rng.chance(0.5) ? rng.pick(PROBABILITIES) : rng.int(0, 10000) / 100)),
      source: rng.maybe(0.4, () => optionOf(ctx, 'opportunity', 'source', rng)),
      next_step: rng.maybe(0.4, () => rng.pick(NEXT_STEPS)),
      description: rng.maybe(0.6, () => rng.pick(NOTES)),
      owner: rng.pick(users).id,
    };
    if (rng.chance(0.8)) {
      input.stage = optionOf(ctx, 'opportunity', 'stage', rng);
      meetGates(ctx, input);
    }
    ids.opportunity.push((await createRecord(await ctxOf(), 'opportunity', input)).id as string);
  }
  for (let i = 0; i < sizes.activity; i++) {
    const rec = await createRecord(await ctxOf(), 'activity', {
      subject: `${rng.pick(['拜访', 'Call', 'call', 'Demo', '邮件跟进', 'Visit_site'])} ${rng.pick(COMPANY_NAMES)}`,
      type: optionOf(ctx, 'activity', 'type', rng),
      status: optionOf(ctx, 'activity', 'status', rng),
      start_at: rng.maybe(0.2, () => randomDatetime(rng)),
      end_at: rng.maybe(0.5, () => randomDatetime(rng)),
      account: rng.maybe(0.3, () => rng.pick(ids.account)),
      opportunity: rng.maybe(0.5, () => rng.pick(ids.opportunity)),
      notes: rng.maybe(0.5, () => rng.pick(NOTES)),
      next_step: rng.maybe(0.5, () => rng.pick(NEXT_STEPS)),
      owner: rng.pick(users).id,
    });
    ids.activity.push(rec.id as string);
  }
  // Later versions, other editors, other owners.
  for (let i = 0; i < 40; i++) {
    const object = rng.pick(['account', 'opportunity', 'activity'] as const);
    const change: Record<string, unknown> = { owner: rng.pick(users).id };
    if (object === 'account') change.employees = rng.maybe(0.5, () => rng.int(0, 999));
    // Never blank or zero: a won opportunity must keep an amount (a stock validation rule).
    if (object === 'opportunity') change.amount = randomAmount(rng) + 1;
    if (object === 'activity') change.subject = `Follow-up ${rng.pick(COMPANY_NAMES)}`;
    await updateRecord(await ctxOf(), object, rng.pick(ids[object]), change);
  }
  // The recycle bin must stay out of every list.
  for (const object of ['account', 'opportunity', 'activity'] as const) {
    for (const id of new Set(rng.sample(ids[object], 5))) await deleteRecord(ctx, object, id);
  }
  return { users, idle };
}
