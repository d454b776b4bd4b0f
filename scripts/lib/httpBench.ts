/**
 * HTTP load figures for `npm run bench`: the REST list route served by `next start` (as an admin and
 * as a rep, 50 rows and 1 row, and an unauthenticated 401), next to a bare `node:http` + `pg`
 * server returning the same 50 rows as JSON, measured in the same run with autocannon
 * (10 connections). Needs a production build (`npm run build`); builds one when there is none.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { compileList } from '../../platform/data';
import type { RecordContext } from '../../platform/data/context';
import { getPrisma } from '../../platform/db/prisma';
import { createApiKey } from '../../platform/security/apiKeys';
import { freePort } from '../../tests/support/freePort';

const CONNECTIONS = 10;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);

interface Figure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** CPU time the measured server process spent per request (ms), when known: steadier than req/s on a busy machine. */
  cpuMs?: number;
}

/** User + system CPU time of a process and its descendants, in ms (Linux /proc; undefined elsewhere). */
function cpuTimeMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const tick = 1000 / 100; // USER_HZ is 100 on Linux
    const stat = (p: number) => fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
    const children = (p: number): number[] => fs.readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    let total = 0;
    const walk = (p: number) => {
      const f = stat(p);
      total += (Number(f[11]) + Number(f[12])) * tick; // utime, stime
      for (const c of children(p)) walk(c);
    };
    walk(pid);
    return total;
  } catch {
    return undefined;
  }
}

async function load(name: string, url: string, headers: Record<string, string> = {}, pid?: number): Promise<Figure> {
  // A short warm-up, so the first compile of a route or a cold cache is not measured.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  const before = cpuTimeMs(pid);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  const after = cpuTimeMs(pid);
  const cpuMs = before !== undefined && after !== undefined && r.requests.total > 0 ? (after - before) / r.requests.total : undefined;
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, cpuMs };
}

/** The same rows the API's first page holds, straight from pg, as JSON: what Node and Postgres cost with nothing else. */
function bareServer(url: string, sql: string, values: unknown[]): Promise<{ server: http.Server; port: number }> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const server = http.createServer((_req, res) => {
    pool.query(sql, values).then(
      (r) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ records: r.rows }));
      },
      (e: Error) => {
        res.writeHead(500);
        res.end(e.message);
      },
    );
  });
  server.on('close', () => void pool.end());
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

async function startNext(dbUrl: string): Promise<{ child: ChildProcess; port: number }> {
  if (!fs.existsSync(path.resolve('.next/BUILD_ID'))) {
    console.log('  (no production build: running `next build` first)');
    const b = spawnSync(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'build'], { stdio: 'inherit' });
    if (b.status !== 0) throw new Error('next build failed');
  }
  const port = await freePort();
  // BENCH_HTTP_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_HTTP_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_HTTP_PROFILE)}`] : [];
  const child = spawn(process.execPath, [...profile, path.resolve('node_modules/next/dist/bin/next'), 'start', '-p', String(port)], {
    // The server as deployed: the bench process itself lifts the statement limit for its bulk work.
    env: { ...process.env, DATABASE_URL: dbUrl, TESSERA_WORKERS: '0', NODE_ENV: 'production', TESSERA_STATEMENT_TIMEOUT_MS: '30000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/objects`).then(
      (r) => r.status === 401,
      () => false,
    );
    if (ok) return { child, port };
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGTERM');
  throw new Error('next start did not answer within a minute');
}

/** Print the HTTP figures; `admin` and `rep` are contexts of bench users (keys are made for them). */
export async function httpBench(dbUrl: string, admin: RecordContext, rep: RecordContext): Promise<void> {
  const obj = admin.meta.objects.get('opportunity')!;
  const compiled = compileList(admin, obj, { limit: 50 }, await admin.security.plan('opportunity', 'read'));
  const bare = await bareServer(dbUrl, compiled.sql, compiled.values);
  const next = await startNext(dbUrl);
  const prisma = getPrisma(dbUrl);
  const adminKey = (await createApiKey(prisma, admin.user.id, 'bench')).key;
  const repKey = (await createApiKey(prisma, rep.user.id, 'bench')).key;
  const api = `http://127.0.0.1:${next.port}/api/v1/records/opportunity`;
  try {
    const figures: Figure[] = [];
    const pid = next.child.pid;
    // Warm every route and caller up first: the first lines measured would otherwise pay for the
    // server's JIT warming up (the admin's line cost 40% more when measured first than again).
    for (const [url, headers] of [
      [`${api}?limit=50`, { authorization: `Bearer ${adminKey}` }],
      [`${api}?limit=50`, { authorization: `Bearer ${repKey}` }],
      [`${api}?limit=1`, { authorization: `Bearer ${adminKey}` }],
      [api, {}],
    ] as [string, Record<string, string>][])
      await autocannon({ url, connections: CONNECTIONS, duration: 3, headers });
    figures.push(await load('bare node:http + pg, same 50 rows as JSON', `http://127.0.0.1:${bare.port}/`));
    figures.push(await load('GET /records/opportunity?limit=50, admin', `${api}?limit=50`, { authorization: `Bearer ${adminKey}` }, pid));
    figures.push(await load('GET /records/opportunity?limit=50, rep', `${api}?limit=50`, { authorization: `Bearer ${repKey}` }, pid));
    figures.push(await load('GET /records/opportunity?limit=1, admin', `${api}?limit=1`, { authorization: `Bearer ${adminKey}` }, pid));
    figures.push(await load('GET /records/opportunity, no key (401)', api, {}, pid));
    console.log(`\nHTTP load: ${CONNECTIONS} connections, ${SECONDS} s each, next start (production build)\n`);
    console.log('request'.padEnd(48), 'req/s'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'vs bare'.padStart(8), 'non-2xx'.padStart(8), 'cpu ms/req'.padStart(11));
    const base = figures[0].rps;
    for (const f of figures)
      console.log(
        f.name.padEnd(48),
        f.rps.toFixed(0).padStart(8),
        f.p50.toFixed(1).padStart(8),
        f.p99.toFixed(1).padStart(8),
        (f.rps / base).toFixed(2).padStart(8),
        String(f.non2xx).padStart(8),
        (f.cpuMs === undefined ? '' : f.cpuMs.toFixed(2)).padStart(11),
      );
    console.log(`rep vs admin (50 rows): ${(figures[1].rps / figures[2].rps).toFixed(2)}× the admin's time per request`);
    console.log('cpu ms/req: CPU time of the next start process per request (Linux only), steadier than req/s when the machine is busy.');
  } finally {
    bare.server.close();
    next.child.kill('SIGTERM');
    await new Promise((r) => next.child.once('exit', r));
  }
}
