/**
 * Background jobs on PostgreSQL (pg-boss, schema `pgboss`): no Redis, works on the embedded
 * database. The app server runs the workers (instrumentation.ts); anything may enqueue.
 */
import PgBoss from 'pg-boss';
import { databaseUrl, getPool } from '../db/pool';
import { getPrisma } from '../db/prisma';
import { getMetadata } from '../metadata/registry';
import { runTransfer } from '../security/transfer';

const QUEUES = ['transfer'] as const;
type Queue = (typeof QUEUES)[number];

const globalBoss = globalThis as unknown as { __tesseraBoss?: Promise<PgBoss> };

function boss(): Promise<PgBoss> {
  globalBoss.__tesseraBoss ??= (async () => {
    const b = new PgBoss({ connectionString: databaseUrl(), schema: 'pgboss', max: 3 });
    b.on('error', (e) => console.error('[jobs]', e.message));
    await b.start();
    for (const q of QUEUES) await b.createQueue(q);
    return b;
  })();
  return globalBoss.__tesseraBoss;
}

export async function enqueue(queue: Queue, data: object): Promise<void> {
  await (await boss()).send(queue, data, { retryLimit: 2, retryDelay: 5 });
}

/** Start the workers of this process (once). */
export async function startWorkers(): Promise<void> {
  const b = await boss();
  await b.work<{ jobId: string }>('transfer', { pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) await runTransfer(getPool(), getPrisma(), job.data.jobId, (ws) => getMetadata(ws, getPool()));
  });
}

export async function stopJobs(): Promise<void> {
  const b = globalBoss.__tesseraBoss;
  globalBoss.__tesseraBoss = undefined;
  if (b) await (await b).stop({ graceful: true, wait: true, timeout: 5000 });
}
