/**
 * Web-form submissions per second through the public endpoint (part of `npm run bench`;
 * `BENCH_ONLY=forms` runs only this and ends the process). In its own embedded database under
 * .bench/forms/, a workspace gets a bench copy of the stock contact form with limits high enough
 * not to refuse; BENCH_FORMS submissions (default 2,000) go to the route handler in this process
 * (the same code `next start` runs, without the HTTP layer), BENCH_FORMS_PARALLEL at a time
 * (default 20) from as many client addresses. Each is stored, processed through the record service
 * (validation, assignment when a rule applies, history) and answered. Figures are printed, never asserted.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as route from '../../app/api/v1/public/forms/[workspace]/[form]/route';
import { resolveDataDir, runningEmbeddedUrl, startEmbeddedPostgres, type EmbeddedDatabase } from '../../platform/db/embedded';
import { closePools, getPool } from '../../platform/db/pool';
import { closePrisma } from '../../platform/db/prisma';
import type { WebFormDefinition } from '../../platform/metadata/generated/web_form';
import { webFormKind } from '../../platform/metadata/kinds/webForm';
import { ensureWorkspace } from '../../platform/schema/workspaces';
import { webFormsOf } from '../../platform/webforms/forms';
import { getMetadata } from '../../platform/metadata/registry';
import { migrate } from '../../platform/db/migrate';

async function openDatabase(): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (process.env.BENCH_FORMS_DATABASE_URL) return { url: process.env.BENCH_FORMS_DATABASE_URL };
  const dataDir = resolveDataDir(path.resolve('.bench', 'forms'));
  const running = runningEmbeddedUrl(dataDir, 'bench');
  if (running) return { url: running };
  const embedded = await startEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_FORMS_PG_PORT ?? 54359), database: 'bench' });
  return { url: embedded.url, embedded };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function post(ws: string, i: number): Promise<Response> {
  const body = JSON.stringify({
    name: `Bench visitor ${i}`,
    company: `基准测试公司 ${i % 500}`,
    email: `v${i}@bench.example`,
    region: ['south', 'north', 'east', 'central'][i % 4],
  });
  const req = new Request(`http://bench.local/api/v1/public/forms/${ws}/bench_contact`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, host: 'bench.local' },
    body,
  });
  return route.POST(req, { params: Promise.resolve({ workspace: ws, form: 'bench_contact' }) });
}

/** Runs unless BENCH_ONLY names another section; with BENCH_ONLY=forms, ends the process after. */
export async function formsBench(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (only && only !== 'forms') return;
  const total = Number(process.env.BENCH_FORMS ?? 2000);
  const parallel = Number(process.env.BENCH_FORMS_PARALLEL ?? 20);
  const db = await openDatabase();
  const before = { url: process.env.DATABASE_URL, proxies: process.env.TESSERA_TRUSTED_PROXIES };
  try {
    process.env.DATABASE_URL = db.url;
    process.env.TESSERA_TRUSTED_PROXIES = '1';
    const pool = getPool(db.url);
    await migrate(pool);
    const { workspace } = await ensureWorkspace(pool, 'forms_bench');
    const stock = webFormsOf(await getMetadata(workspace, pool)).find((f) => f.name === 'contact_us')!;
    const form: WebFormDefinition = { ...stock, name: 'bench_contact', rateLimit: { perIpPerMinute: 10000, perFormPerMinute: 100000 } };
    await webFormKind.verbs.save({ pool, workspace, userId: null }, form);
    await Promise.all(Array.from({ length: parallel }, (_, i) => post(workspace.name, 1_000_000 + i))); // warm: caches, the Website principal
    const times: number[] = [];
    let failed = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < total) {
          const i = next++;
          const t0 = performance.now();
          const res = await post(workspace.name, i);
          times.push(performance.now() - t0);
          if (res.status !== 200) failed++;
          await res.arrayBuffer();
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    times.sort((a, b) => a - b);
    const owners = await pool.query<{ owners: string }>(`SELECT count(DISTINCT owner) AS owners FROM "${workspace.schema}"."lead" WHERE name LIKE 'Bench visitor %'`);
    console.log(`\nWeb forms: ${total.toLocaleString()} submissions, ${parallel} at a time, through the public endpoint (stored, processed, assigned)`);
    console.log(
      `  ${(total / seconds).toFixed(0)} submissions/s; p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms; refused ${failed}; distinct owners ${owners.rows[0].owners}`,
    );
  } finally {
    for (const [k, v] of [
      ['DATABASE_URL', before.url],
      ['TESSERA_TRUSTED_PROXIES', before.proxies],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    if (only === 'forms') {
      await closePools();
      await closePrisma();
      await db.embedded?.stop();
      process.exit(0);
    }
  }
}
