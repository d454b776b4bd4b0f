/** The database the app uses: DATABASE_URL when set, otherwise the embedded PostgreSQL under .data/. */
import path from 'node:path';
import { resolveDataDir, runningEmbeddedUrl, startEmbeddedPostgres, type EmbeddedDatabase } from '../../platform/db/embedded';

export interface AppDatabase {
  url: string;
  embedded?: EmbeddedDatabase;
}

/**
 * Open the app's database. Tools (`reuseRunning`) connect to an embedded server the app already
 * runs; the app itself refuses to share one (two apps on one data folder is a mistake).
 */
export async function openAppDatabase(log: (l: string) => void = console.log, opts: { reuseRunning?: boolean } = {}): Promise<AppDatabase> {
  if (process.env.DATABASE_URL) {
    log('Using the PostgreSQL server in DATABASE_URL.');
    return { url: process.env.DATABASE_URL };
  }
  const requested = path.resolve(process.env.TESSERA_DATA_DIR ?? '.data');
  const dataDir = resolveDataDir(requested, log);
  if (opts.reuseRunning) {
    const url = runningEmbeddedUrl(dataDir);
    if (url) return { url };
  }
  const port = Number(process.env.TESSERA_PG_PORT ?? 54329);
  const embedded = await startEmbeddedPostgres({ dataDir, port });
  log(`Embedded PostgreSQL running on 127.0.0.1:${port} (data in ${dataDir}).`);
  return { url: embedded.url, embedded };
}
