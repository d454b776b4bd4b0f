/**
 * Runs once when the Next.js server starts: start the background job workers, bring stale
 * workspaces up to date behind the serving app, and stop both when the server is told to stop.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.DATABASE_URL) {
    // Every app server, workers or not, learns of backfills other servers record or finish.
    const { watchPending } = await import('./platform/schema/backfillPending');
    const { getPool } = await import('./platform/db/pool');
    watchPending(getPool());
  }
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.DATABASE_URL && process.env.TESSERA_WORKERS !== '0') {
    const { startWorkers, stopJobs } = await import('./platform/automation/jobs');
    const { convergeInBackground, stopBackgroundConverge } = await import('./platform/schema/lazy');
    const { getPool } = await import('./platform/db/pool');
    await startWorkers().catch((e: Error) => console.error(`[jobs] workers did not start: ${e.message}`));
    void convergeInBackground(getPool());
    // Next closes its server on these signals and exits; stop taking jobs at once so a job is
    // not cut in half (pg-boss waits a few seconds for the running one, then retries it later).
    for (const [signal, code] of [
      ['SIGTERM', 143],
      ['SIGINT', 130],
    ] as const) {
      process.once(signal, () => {
        // A listener replaces Node's default exit: when Next has none of its own, exit after stopping.
        const nextHandles = process.listenerCount(signal) > 0;
        void Promise.all([stopJobs(), stopBackgroundConverge()])
          .catch((e: Error) => console.error(`[jobs] stop: ${e.message}`))
          .finally(() => {
            if (!nextHandles) process.exit(code);
          });
      });
    }
  }
}
