/**
 * The demo data loaded on first start: the demo organisation's users and a realistic, bilingual
 * set of leads, accounts (with subsidiaries), contacts, opportunities across stages, contracts and
 * activities, all owned by the sales people. Deterministic for a given seed and anchor date.
 */
import type pg from 'pg';
import type { RecordContext, UserRef, WorkspaceRef } from '../platform/data/context';
import { bulkInsert, type BulkRow } from '../platform/data/bulk';
import { withTransaction } from '../platform/db/pool';
import type { Prisma } from '../platform/db/prisma';
import { stockMetadata } from '../platform/metadata/registry';
import { submitForApproval } from '../platform/approvals/engine';
import { buildRecordContext, systemRecordContext } from '../platform/security/context';
import { addDays, isoDate, Random } from './random';
import { seedDemoOrg } from './org';
import * as V from './vocabulary';

export interface DemoOptions {
  seed?: number;
  /** "Today" for the data's dates; defaults to the current date. */
  anchor?: Date;
  accounts?: number;
  /** How many draft contracts to submit for approval (default 6). */
  approvals?: number;
}

export interface DemoResult {
  users: UserRef[];
  counts: Record<string, number>;
}

function personName(r: Random): string {
  return r.pick(V.SURNAMES) + r.pick(V.GIVEN_NAMES);
}

function mobile(r: Random): string {
  return `1${r.pick(['38', '39', '58', '86', '36', '50'])}${String(r.int(0, 99999999)).padStart(8, '0')}`;
}

function email(r: Random, name: string, domain: string): string {
  const surname = V.PINYIN[name[0]] ?? 'contact';
  return `${surname}.${r.int(10, 999)}@${domain}`;
}

const STAGES = [
  ['discovery', 10, 18],
  ['qualification', 20, 16],
  ['proposal', 40, 15],
  ['negotiation', 60, 11],
  ['closed_won', 100, 22],
  ['closed_lost', 0, 18],
] as const;

/** Generate the demo records (without writing them). */
function generateDemo(sellers: (UserRef & { regions?: string[] })[], opts: DemoOptions = {}): Record<string, BulkRow[]> {
  const r = new Random(opts.seed ?? 20261123);
  const today = opts.anchor ?? new Date();
  const owners = sellers.map((s) => s.id);
  // Customers go to a seller who covers their region, so each team's book is about its own territory.
  const ownerFor = (region: string) => {
    const covering = sellers.filter((s) => s.regions?.includes(region));
    return covering.length ? r.pick(covering).id : r.pick(owners);
  };
  const accounts: BulkRow[] = [];
  const accountInfo: { id: string; short: string; domain: string; owner: string; region: string }[] = [];
  const nAccounts = opts.accounts ?? 300;
  const seen = new Set<string>();
  for (let i = 0; accounts.length < nAccounts && i < nAccounts * 5; i++) {
    const [cityZh, cityEn, region] = r.pick(V.CITIES);
    const industry = r.pick(Object.keys(V.INDUSTRY_WORDS));
    const english = r.chance(0.12);
    const core = r.pick(V.CORE_WORDS);
    const name = english ? `${r.pick(V.ENGLISH_NAMES)} (${cityEn}) Co., Ltd.` : `${cityZh}${core}${r.pick(V.INDUSTRY_WORDS[industry])}${r.pick(V.SUFFIXES)}`;
    if (seen.has(name)) continue;
    seen.add(name);
    const id = r.uuid();
    const owner = ownerFor(region);
    const domain = `${english ? cityEn.toLowerCase().replace(/\W/g, '') : 'corp'}${accounts.length}.example.cn`;
    const parent = accountInfo.length > 20 && r.chance(0.08) ? r.pick(accountInfo.slice(0, 20)).id : null;
    accounts.push({
      id,
      owner,
      createdAt: addDays(today, -r.int(30, 900)).toISOString(),
      values: {
        name,
        industry,
        region,
        parent,
        type: r.weighted([
          ['customer', 50],
          ['prospect', 30],
          ['partner', 8],
          ['reseller', 6],
          ['media', 2],
          ['competitor', 2],
          ['other', 2],
        ]),
        level: r.weighted([
          ['a', 15],
          ['b', 45],
          ['c', 40],
        ]),
        phone: `0${r.int(10, 99)}-${r.int(6000, 8999)}${String(r.int(0, 9999)).padStart(4, '0')}`,
        website: `https://www.${domain}`,
        address: `${cityZh}市${r.pick(['浦东新区', '高新区', '经济开发区', '工业园区', '朝阳区', '南山区'])}${r.int(1, 999)}号`,
        annual_revenue: r.int(5, 5000) * 100_000,
        employees: r.int(20, 20000),
      },
    });
    accountInfo.push({ id, short: english ? name.split(' (')[0] : `${core}${cityZh}`, domain, owner, region });
  }

  const contacts: BulkRow[] = [];
  const contactIds: Map<string, string[]> = new Map();
  for (const a of accountInfo) {
    const n = r.int(1, 4);
    for (let k = 0; k < n; k++) {
      const name = personName(r);
      const id = r.uuid();
      contacts.push({
        id,
        owner: a.owner,
        createdAt: addDays(today, -r.int(10, 700)).toISOString(),
        values: {
          name,
          account: a.id,
          title: r.pick(V.TITLES),
          department: r.pick(V.DEPARTMENTS),
          mobile: mobile(r),
          email: email(r, name, a.domain),
          birthday: r.chance(0.3) ? isoDate(new Date(Date.UTC(r.int(1965, 1995), r.int(0, 11), r.int(1, 28)))) : null,
        },
      });
      contactIds.set(a.id, [...(contactIds.get(a.id) ?? []), id]);
    }
  }

  const opportunities: BulkRow[] = [];
  const won: { id: string; account: string; amount: number; owner: string; close: string; name: string }[] = [];
  for (const a of accountInfo) {
    const n = r.weighted([
      [0, 10],
      [1, 35],
      [2, 35],
      [3, 20],
    ]);
    for (let k = 0; k < n; k++) {
      const [stage, probability] = r.weighted(STAGES.map(([s, p, w]) => [[s, p] as const, w] as const));
      const closed = stage.startsWith('closed');
      const close = isoDate(addDays(today, closed ? -r.int(1, 300) : r.int(-20, 200)));
      const amount = Math.round(r.int(50, 5000) * 1000 * (r.chance(0.1) ? 5 : 1));
      const id = r.uuid();
      const name = `${a.short} - ${r.pick(V.PRODUCTS)}`;
      opportunities.push({
        id,
        owner: a.owner,
        createdAt: addDays(today, -r.int(closed ? 120 : 5, 400)).toISOString(),
        values: {
          name,
          account: a.id,
          amount,
          close_date: close,
          stage,
          probability,
          source: r.pick(['web', 'phone', 'event', 'referral', 'advertising']),
          next_step: closed ? null : r.pick(['安排技术交流', '提交报价', '确认预算', '商务谈判', '等待客户内部审批']),
        },
      });
      if (stage === 'closed_won') won.push({ id, account: a.id, amount, owner: a.owner, close, name });
    }
  }

  const contracts: BulkRow[] = [];
  for (const w of won) {
    if (!r.chance(0.85)) continue;
    const start = addDays(new Date(`${w.close}T00:00:00Z`), r.int(3, 30));
    contracts.push({
      owner: w.owner,
      createdAt: new Date(`${w.close}T08:00:00Z`).toISOString(),
      values: {
        name: `${w.name} 合同`,
        account: w.account,
        opportunity: w.id,
        amount: w.amount,
        cost: Math.round(w.amount * (0.55 + r.next() * 0.3)),
        signed_date: isoDate(start),
        start_date: isoDate(start),
        end_date: isoDate(addDays(start, r.pick([180, 365, 730]))),
        status: r.weighted([
          ['draft', 10],
          ['in_approval', 10],
          ['approved', 15],
          ['active', 45],
          ['completed', 15],
          ['rejected', 5],
        ]),
      },
    });
  }

  const activities: BulkRow[] = [];
  for (let i = 0; i < accountInfo.length * 3; i++) {
    const a = r.pick(accountInfo);
    const type = r.weighted([
      ['visit', 30],
      ['call', 30],
      ['task', 20],
      ['event', 10],
      ['email', 10],
    ]);
    const start = addDays(today, r.int(-90, 30));
    start.setUTCHours(r.int(1, 10), r.pick([0, 30]), 0, 0);
    const past = start < today;
    const opp = opportunities.find((o) => o.values.account === a.id);
    activities.push({
      owner: a.owner,
      createdAt: addDays(start, -r.int(1, 10)).toISOString(),
      values: {
        subject: r.pick(V.ACTIVITY_SUBJECTS[type]),
        type,
        status: past
          ? r.weighted([
              ['completed', 85],
              ['cancelled', 15],
            ])
          : 'planned',
        start_at: start.toISOString(),
        end_at: new Date(start.getTime() + r.pick([30, 60, 120]) * 60_000).toISOString(),
        account: a.id,
        contact: r.pick(contactIds.get(a.id) ?? [null]),
        opportunity: opp && r.chance(0.5) ? opp.id : null,
        notes: type === 'visit' && past ? r.pick(['客户对方案整体认可，关注交付周期。', '需要补充技术细节，下周再次沟通。', '客户预算已批复，准备进入商务阶段。']) : null,
      },
    });
  }

  const leads: BulkRow[] = [];
  for (let i = 0; i < Math.round(nAccounts * 1.3); i++) {
    const [cityZh, , region] = r.pick(V.CITIES);
    const industry = r.pick(Object.keys(V.INDUSTRY_WORDS));
    const name = personName(r);
    const company = `${cityZh}${r.pick(V.CORE_WORDS)}${r.pick(V.INDUSTRY_WORDS[industry])}${r.pick(V.SUFFIXES)}`;
    leads.push({
      owner: ownerFor(region),
      createdAt: addDays(today, -r.int(0, 200)).toISOString(),
      values: {
        name,
        company,
        title: r.pick(V.TITLES),
        mobile: mobile(r),
        email: email(r, name, `lead${i}.example.cn`),
        source: r.pick(['web', 'phone', 'event', 'referral', 'import', 'advertising']),
        region,
        industry,
        status: r.weighted([
          ['new', 35],
          ['contacted', 30],
          ['qualified', 15],
          ['unqualified', 15],
          ['converted', 5],
        ]),
      },
    });
  }
  // Quotes, loss reasons and project bids come from their own random stream, so adding them left
  // the rest of the demo data as it was.
  const x = new Random((opts.seed ?? 20261123) + 1);
  const quotes: BulkRow[] = [];
  const addQuotes = (o: BulkRow, n: number) => {
    for (let q = 0; q < n; q++) {
      const amount = Math.round(Number(o.values.amount ?? 100000) * (1 - x.int(0, 15) / 100));
      const created = new Date(Date.parse(o.createdAt ?? today.toISOString()) + (q + 1) * 86_400_000 * x.int(2, 20));
      quotes.push({
        owner: o.owner,
        createdAt: created.toISOString(),
        values: { opportunity: o.id, amount, valid_until: isoDate(addDays(created, 30)), status: q === n - 1 ? x.pick(['sent', 'accepted']) : 'rejected' },
      });
    }
  };
  for (const o of opportunities) {
    const stage = o.values.stage;
    if (stage === 'closed_lost') o.values.loss_reason = x.pick(['price', 'competitor', 'no_budget', 'no_decision']);
    if (stage === 'negotiation' || stage === 'closed_won') addQuotes(o, x.int(1, 3));
    else if (stage === 'proposal' && x.chance(0.4)) addQuotes(o, 1);
  }
  const BID_STAGES = [
    'bid_found',
    'bid_qualified',
    'bid_survey',
    'bid_solution',
    'bid_presales',
    'bid_tender',
    'bid_bidding',
    'bid_awarded',
    'bid_contract',
    'bid_signed',
    'bid_lost',
    'bid_abandoned',
  ] as const;
  for (const a of accountInfo.filter(() => x.chance(0.08))) {
    const stage = x.pick(BID_STAGES);
    const index = BID_STAGES.indexOf(stage);
    const closed = index >= 9;
    const o: BulkRow = {
      id: x.uuid(),
      owner: a.owner,
      createdAt: addDays(today, -x.int(closed ? 150 : 10, 420)).toISOString(),
      values: {
        name: `${a.short} - ${x.pick(['信息化建设项目', '数据中心扩容项目', '智慧园区项目', '生产线改造项目'])}`,
        account: a.id,
        sales_process: 'project_bid',
        stage,
        amount: x.int(100, 3000) * 10000,
        close_date: isoDate(addDays(today, closed ? -x.int(1, 200) : x.int(20, 300))),
        source: x.pick(['event', 'referral', 'phone']),
        ...(index >= 5 && index < 10
          ? { tender_number: `ZB-${x.int(2025, 2026)}-${String(x.int(1, 999)).padStart(3, '0')}`, bid_deadline: isoDate(addDays(today, x.int(-60, 60))) }
          : {}),
        ...(index >= 10 ? { loss_reason: x.pick(['price', 'competitor', 'withdrawn']) } : {}),
      },
    };
    opportunities.push(o);
    if (index >= 6 && index <= 9) addQuotes(o, x.int(1, 2));
  }

  // Expenses and opportunity costs: a third stream. A contract "in approval" is left as a draft
  // here; seedDemo submits some of them through the approval engine, so they have real requests.
  const e = new Random((opts.seed ?? 20261123) + 2);
  const expenses: BulkRow[] = [];
  for (const o of opportunities) {
    const amount = Number(o.values.amount ?? 0);
    if (amount > 0) o.values.cost = Math.round(amount * (0.5 + e.next() * 0.3));
    if (!e.chance(0.35)) continue;
    for (let k = e.int(1, 3); k > 0; k--) {
      const type = e.pick(['travel', 'entertainment', 'gifts', 'marketing', 'bidding', 'other']);
      const created = new Date(Date.parse(o.createdAt ?? today.toISOString()) + e.int(1, 60) * 86_400_000);
      expenses.push({
        owner: o.owner,
        createdAt: created.toISOString(),
        values: {
          amount: e.int(3, 200) * 100,
          type,
          date: isoDate(created),
          opportunity: o.id,
          account: o.values.account,
          status: e.weighted([
            ['approved', 70],
            ['draft', 20],
            ['rejected', 10],
          ]),
          description: e.pick(['客户拜访差旅', '商务宴请', '方案演示会', '节日礼品', '投标文件制作', '展会费用']),
        },
      });
    }
  }
  for (const c of contracts) {
    c.id ??= e.uuid();
    if (c.values.status === 'in_approval') c.values.status = 'draft';
  }

  return { account: accounts, contact: contacts, opportunity: opportunities, quote: quotes, contract: contracts, expense: expenses, activity: activities, lead: leads };
}

/** Load the demo users and records into a workspace, in one transaction. */
export async function seedDemo(pool: pg.Pool, prisma: Prisma, workspace: WorkspaceRef, opts: DemoOptions = {}): Promise<DemoResult> {
  const { all, sellers } = await seedDemoOrg(pool, prisma, workspace);
  const admin = all.find((u) => u.isAdmin)!;
  const ctx: RecordContext = systemRecordContext(pool, workspace, admin, stockMetadata(), 'import');
  const data = generateDemo(sellers, opts);
  const counts: Record<string, number> = {};
  await withTransaction(
    pool,
    async (client) => {
      // Parents before children: lookups have real foreign keys.
      const roots = data.account.filter((a) => !a.values.parent);
      const children = data.account.filter((a) => a.values.parent);
      await bulkInsert(ctx, client, 'account', roots);
      await bulkInsert(ctx, client, 'account', children);
      counts.account = data.account.length;
      for (const obj of ['contact', 'lead', 'opportunity', 'quote', 'contract', 'expense', 'activity']) counts[obj] = await bulkInsert(ctx, client, obj, data[obj]);
    },
    { long: true },
  );
  // A few draft contracts go into approval the way a rep would send them, so the approvers'
  // inboxes have real requests (each on the route its margin decides).
  const drafts = data.contract.filter((c) => c.values.status === 'draft' && c.id).slice(0, opts.approvals ?? 6);
  for (const c of drafts) {
    const owner = all.find((u) => u.id === c.owner);
    if (!owner) continue;
    const rep = await buildRecordContext({ pool, workspace, user: owner, locale: 'zh-CN' });
    await submitForApproval(rep, 'contract', c.id!, '请审批');
  }
  return { users: all, counts };
}
