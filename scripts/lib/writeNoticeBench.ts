/**
 * What the data-change notice costs a write (part of `npm run bench`; `BENCH_ONLY=writes` runs only
 * this): an opportunity created and one updated through the record service, with the notice step
 * (`reports.dataNotice`, platform/reports/versions.ts) and without it, interleaved run by run so
 * both see the same machine; then the same with eight writers at once, since every transaction
 * that notifies takes Postgres's notify queue lock at commit. Figures are printed, never asserted.
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { WRITE_STEPS } from '../../platform/capabilities';
import { ident } from '../../platform/core/identifiers';
import type { RecordContext } from '../../platform/data/context';
import { installWriteSteps } from '../../platform/data/steps';
import { createRecord, updateRecord } from '../../platform/data/write';
import { dataNoticeStep } from '../../platform/reports/versions';

const RUNS = Number(process.env.BENCH_WRITE_RUNS ?? 200);
const WRITERS = 8;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

function notices(on: boolean): void {
  installWriteSteps(on ? WRITE_STEPS : WRITE_STEPS.filter((s) => s !== dataNoticeStep));
}

/** Print create and update p50/p95 with and without the per-write notice, one writer and eight. */
export async function writeNoticeBench(pool: pg.Pool, schema: string, ctx: RecordContext): Promise<void> {
  const accounts = (await pool.query(`SELECT id FROM ${ident(schema)}."account" LIMIT 200`)).rows.map((r) => String(r.id));
  const targets = (await pool.query(`SELECT id FROM ${ident(schema)}."opportunity" WHERE account IS NOT NULL AND stage = 'discovery' LIMIT 400`)).rows.map((r) => String(r.id));
  let n = 0;
  const create = () =>
    createRecord(ctx, 'opportunity', { name: `bench write ${n}`, account: accounts[n++ % accounts.length], amount: 1000 + n, close_date: '2026-12-31', stage: 'discovery' });
  const update = () => updateRecord(ctx, 'opportunity', targets[n++ % targets.length], { amount: 2000 + n });
  console.log(`\nThe data-change notice on writes: ${RUNS} runs each, interleaved with and without (ms)\n`);
  console.log('write'.padEnd(44), 'with p50'.padStart(10), 'p95'.padStart(8), 'without p50'.padStart(12), 'p95'.padStart(8), 'diff p50'.padStart(10));
  const line = (name: string, on: number[], off: number[]) =>
    console.log(
      name.padEnd(44),
      pct(on, 50).toFixed(2).padStart(10),
      pct(on, 95).toFixed(2).padStart(8),
      pct(off, 50).toFixed(2).padStart(12),
      pct(off, 95).toFixed(2).padStart(8),
      (pct(on, 50) - pct(off, 50)).toFixed(2).padStart(10),
    );
  try {
    for (const [name, fn] of [
      ['create an opportunity (account roll-ups)', create],
      ['update its amount (account roll-ups)', update],
    ] as const) {
      for (let i = 0; i < 10; i++) await fn();
      const on: number[] = [];
      const off: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const with_ = i % 2 === 0;
        notices(with_);
        const a = performance.now();
        await fn();
        (with_ ? on : off).push(performance.now() - a);
      }
      line(name, on, off);
    }
    // Eight writers at once, each updating its own records: throughput and latency, with and without.
    for (const with_ of [true, false, true, false, true, false]) {
      notices(with_);
      const times: number[] = [];
      const a = performance.now();
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          for (let i = 0; i < RUNS / 4; i++) {
            const b = performance.now();
            await updateRecord(ctx, 'opportunity', targets[(w * 50 + i) % targets.length], { amount: 3000 + i });
            times.push(performance.now() - b);
          }
        }),
      );
      const secs = (performance.now() - a) / 1000;
      console.log(
        `${WRITERS} writers updating, ${with_ ? 'with' : 'without'} notices`.padEnd(44),
        `p50 ${pct(times, 50).toFixed(2)}  p95 ${pct(times, 95).toFixed(2)}  ${(times.length / secs).toFixed(0)} writes/s`,
      );
    }
  } finally {
    notices(true);
  }
}
