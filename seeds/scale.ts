/**
 * Scale data for benchmarks: N opportunities and N/10 accounts, deterministic, loaded in chunks
 * (one transaction each) through the same validation as every other write.
 */
import type pg from 'pg';
import { bulkInsert, type BulkRow } from '../platform/data/bulk';
import type { RecordContext, UserRef, WorkspaceRef } from '../platform/data/context';
import { withTransaction } from '../platform/db/pool';
import { stockMetadata } from '../platform/metadata/registry';
import { systemRecordContext } from '../platform/security/context';
import { addDays, isoDate, Random } from './random';
import * as V from './vocabulary';

const STAGES = [
  ['discovery', 10],
  ['qualification', 20],
  ['proposal', 40],
  ['negotiation', 60],
  ['closed_won', 100],
  ['closed_lost', 0],
] as const;
const CHUNK = 50_000;

export interface ScaleOptions {
  seed?: number;
  anchor?: Date;
  onProgress?(done: number, total: number, object: string): void;
}

/** Load `n` opportunities (with n/10 accounts) owned round-robin by `owners`. */
export async function seedScale(
  pool: pg.Pool,
  workspace: WorkspaceRef,
  actor: UserRef,
  owners: string[],
  n: number,
  opts: ScaleOptions = {},
): Promise<{ accounts: number; opportunities: number }> {
  const ctx: RecordContext = systemRecordContext(pool, workspace, actor, stockMetadata(), 'import');
  const today = opts.anchor ?? new Date('2026-11-01T00:00:00Z');
  const seed = opts.seed ?? 7;
  const nAccounts = Math.max(1, Math.ceil(n / 10));
  const accountIds: string[] = [];
  for (let start = 0; start < nAccounts; start += CHUNK) {
    const r = new Random(seed * 1_000_003 + start);
    const rows: BulkRow[] = [];
    for (let i = start; i < Math.min(nAccounts, start + CHUNK); i++) {
      const [cityZh, , region] = r.pick(V.CITIES);
      const industry = r.pick(Object.keys(V.INDUSTRY_WORDS));
      const id = r.uuid();
      accountIds.push(id);
      rows.push({
        id,
        owner: owners[i % owners.length],
        createdAt: addDays(today, -r.int(0, 1500)).toISOString(),
        values: {
          name: `${cityZh}${r.pick(V.CORE_WORDS)}${r.pick(V.INDUSTRY_WORDS[industry])}${i}号${r.pick(V.SUFFIXES)}`,
          industry,
          region,
          level: r.pick(['a', 'b', 'c']),
          type: r.pick(['customer', 'prospect', 'partner']),
        },
      });
    }
    await withTransaction(pool, (client) => bulkInsert(ctx, client, 'account', rows), { long: true });
    opts.onProgress?.(Math.min(nAccounts, start + CHUNK), nAccounts, 'account');
  }
  for (let start = 0; start < n; start += CHUNK) {
    const r = new Random(seed * 7_000_003 + start);
    const rows: BulkRow[] = [];
    for (let i = start; i < Math.min(n, start + CHUNK); i++) {
      const [stage, probability] = r.pick(STAGES);
      rows.push({
        owner: owners[i % owners.length],
        createdAt: addDays(today, -r.int(0, 1500)).toISOString(),
        values: {
          name: `${r.pick(V.CORE_WORDS)}${r.pick(V.CORE_WORDS)} - ${r.pick(V.PRODUCTS)} #${i}`,
          account: accountIds[r.int(0, accountIds.length - 1)],
          amount: r.chance(0.03) ? null : r.int(1, 5000) * 1000,
          close_date: isoDate(addDays(today, r.int(-700, 400))),
          stage,
          probability,
        },
      });
    }
    await withTransaction(pool, (client) => bulkInsert(ctx, client, 'opportunity', rows), { long: true });
    opts.onProgress?.(Math.min(n, start + CHUNK), n, 'opportunity');
  }
  await pool.query(`ANALYZE ${'"' + workspace.schema + '"'}."account"`);
  await pool.query(`ANALYZE ${'"' + workspace.schema + '"'}."opportunity"`);
  return { accounts: nAccounts, opportunities: n };
}
