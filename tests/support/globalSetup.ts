/**
 * Starts one real PostgreSQL (embedded) for the integration run, under the temp folder (which the
 * `postgres` OS user can always reach), applies the platform migrations, and shares the URL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../platform/db/embedded';
import { migrate } from '../../platform/db/migrate';
import { closePools, getPool } from '../../platform/db/pool';
import { freePort } from './freePort';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

let db: EmbeddedDatabase | undefined;

export async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-test-'));
    db = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'tessera_test' });
    url = db.url;
  }
  await migrate(getPool(url));
  await closePools();
  project.provide('databaseUrl', url);
}

export async function teardown() {
  if (db) {
    await db.stop();
    fs.rmSync(db.dataDir, { recursive: true, force: true });
  }
}
