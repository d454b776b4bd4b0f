/**
 * Applies prisma/migrations/<timestamp>_<name>/migration.sql in order and records each in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does, so either can take over. (Prisma's
 * own migration engine is a binary downloaded from Prisma's servers, which these machines cannot reach.)
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { withClient } from './pool';

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" varchar(36) PRIMARY KEY NOT NULL,
  "checksum" varchar(64) NOT NULL,
  "finished_at" timestamptz,
  "migration_name" varchar(255) NOT NULL,
  "logs" text,
  "rolled_back_at" timestamptz,
  "started_at" timestamptz NOT NULL DEFAULT now(),
  "applied_steps_count" integer NOT NULL DEFAULT 0
)`;

function migrationsDir(): string {
  return path.resolve(process.env.TESSERA_MIGRATIONS_DIR ?? path.join(process.cwd(), 'prisma/migrations'));
}

/** Apply pending migrations under an advisory lock; returns the names applied. */
export async function migrate(pool: pg.Pool, dir: string = migrationsDir()): Promise<string[]> {
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const applied: string[] = [];
  await withClient(
    pool,
    async (client) => {
      try {
        await client.query('SELECT pg_advisory_lock(72707369)');
        await client.query(CREATE_TABLE);
        const done = await client.query<{ migration_name: string; checksum: string }>(
          'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
        );
        const doneMap = new Map(done.rows.map((r) => [r.migration_name, r.checksum]));
        for (const name of names) {
          const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
          const checksum = createHash('sha256').update(sql).digest('hex');
          if (doneMap.has(name)) {
            if (doneMap.get(name) !== checksum) throw new Error(`Migration ${name} was changed after it was applied; add a new migration instead.`);
            continue;
          }
          await client.query('BEGIN');
          try {
            await client.query(sql);
            await client.query(
              `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), now(), 1)`,
              [randomUUID(), checksum, name],
            );
            await client.query('COMMIT');
            applied.push(name);
          } catch (e) {
            await client.query('ROLLBACK');
            throw new Error(`Migration ${name} failed: ${(e as Error).message}`);
          }
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock(72707369)').catch(() => {});
      }
    },
    { long: true },
  );
  return applied;
}
