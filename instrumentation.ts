/** Runs once when the Next.js server starts: start the background job workers. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.DATABASE_URL && process.env.TESSERA_WORKERS !== '0') {
    const { startWorkers } = await import('./platform/automation/jobs');
    await startWorkers().catch((e: Error) => console.error(`[jobs] workers did not start: ${e.message}`));
  }
}
