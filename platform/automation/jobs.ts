/**
 * Background jobs on PostgreSQL (pg-boss, schema `pgboss`): no Redis, works on the embedded
 * database. The app server runs the workers (instrumentation.ts); anything may enqueue.
 */
import PgBoss from 'pg-boss';
import { databaseUrl, getPool } from '../db/pool';
import { getPrisma } from '../db/prisma';
import { getMetadata } from '../metadata/registry';
import { defaultTransport, deliverOutbox } from '../messaging/outbox';
import { queueBackfills, runBackfill, setBackfillQueue, stopBackfills } from '../schema/backfillJob';
import { runTransfer } from '../security/transfer';
import { runDueSubscriptions } from '../dashboards/digest';

const QUEUES = ['transfer', 'backfill', 'subscriptions'] as const;
type Queue = (typeof QUEUES)[number];

const globalBoss = globalThis as unknown as { __tesseraBoss?: Promise<PgBoss>; __tesseraOutbox?: NodeJS.Timeout };

/** Deliver the outbox every few seconds (e-mails are written in the transactions that cause them). */
function startOutbox(): void {
  if (globalBoss.__tesseraOutbox) return;
  let busy = false;
  globalBoss.__tesseraOutbox = setInterval(
    () => {
      if (busy) return;
      busy = true;
      defaultTransport()
        .then((transport) => deliverOutbox(getPool(), transport))
        .catch((e: Error) => console.error('[outbox]', e.message))
        .finally(() => {
          busy = false;
        });
    },
    Number(process.env.TESSERA_OUTBOX_INTERVAL_MS ?? 5000),
  );
  globalBoss.__tesseraOutbox.unref();
}

function boss(): Promise<PgBoss> {
  globalBoss.__tesseraBoss ??= (async () => {
    const b = new PgBoss({ connectionString: databaseUrl(), schema: 'pgboss', max: 3 });
    b.on('error', (e) => console.error('[jobs]', e.message));
    await b.start();
    // A backfill is queued at most once besides the one running (its id is the singleton key).
    for (const q of QUEUES) await b.createQueue(q, q === 'backfill' ? { name: q, policy: 'stately' } : undefined);
    return b;
  })();
  return globalBoss.__tesseraBoss;
}

export async function enqueue(queue: Queue, data: object): Promise<void> {
  await (await boss()).send(queue, data, { retryLimit: 2, retryDelay: 5 });
}

/** Start the workers of this process (once). */
export async function startWorkers(): Promise<void> {
  startOutbox();
  const b = await boss();
  await b.work<{ jobId: string }>('transfer', { pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) await runTransfer(getPool(), getPrisma(), job.data.jobId, (ws) => getMetadata(ws, getPool()));
  });
  await b.work<{ id: string }>('backfill', { pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) await runBackfill(getPool(), job.data.id);
  });
  // Report and dashboard subscriptions: due ones are looked for every minute (one run at a time across servers).
  await b.work('subscriptions', { pollingIntervalSeconds: 5 }, async () => {
    await runDueSubscriptions(getPool());
  });
  await b.schedule('subscriptions', '* * * * *', {}, { singletonKey: 'subscriptions' });
  // Converge records backfills; from now on they reach this queue, and what a restart cut short resumes.
  setBackfillQueue(async (id) => {
    await b.send('backfill', { id }, { singletonKey: id, retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 6 * 3600 });
  });
  await queueBackfills(getPool());
}

/** Stop the workers and the outbox (shutdown): a running backfill stops after its batch and resumes at the next start. */
export async function stopJobs(): Promise<void> {
  stopBackfills();
  setBackfillQueue(undefined);
  if (globalBoss.__tesseraOutbox) clearInterval(globalBoss.__tesseraOutbox);
  globalBoss.__tesseraOutbox = undefined;
  const b = globalBoss.__tesseraBoss;
  globalBoss.__tesseraBoss = undefined;
  if (b) await (await b).stop({ graceful: true, wait: true, timeout: 5000 });
}
