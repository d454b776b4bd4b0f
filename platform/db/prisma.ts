/** Prisma Client for the platform's own tables (prisma/schema.prisma), over @prisma/adapter-pg. */
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { PrismaClient } from './generated/client.ts';
import { createGuardedPool, databaseUrl } from './pool';

export type Prisma = InstanceType<typeof PrismaClient>;

const globalForPrisma = globalThis as unknown as { __tesseraPrisma?: Map<string, Prisma>; __tesseraPrismaPools?: pg.Pool[] };

/** The Prisma client for a database URL (default: DATABASE_URL), created on first use. */
export function getPrisma(url: string = databaseUrl()): Prisma {
  globalForPrisma.__tesseraPrisma ??= new Map();
  let client = globalForPrisma.__tesseraPrisma.get(url);
  if (!client) {
    // A guarded pool: Prisma inside a record transaction would be a second connection (see pool.ts).
    const pool = createGuardedPool({ connectionString: url, max: 5 });
    (globalForPrisma.__tesseraPrismaPools ??= []).push(pool);
    client = new PrismaClient({ adapter: new PrismaPg(pool) });
    globalForPrisma.__tesseraPrisma.set(url, client);
  }
  return client;
}

export async function closePrisma(): Promise<void> {
  const clients = globalForPrisma.__tesseraPrisma;
  if (!clients) return;
  globalForPrisma.__tesseraPrisma = new Map();
  await Promise.all([...clients.values()].map((c) => c.$disconnect()));
  // The adapter does not own a pool it was given: end ours.
  const pools = globalForPrisma.__tesseraPrismaPools ?? [];
  globalForPrisma.__tesseraPrismaPools = [];
  await Promise.all(pools.map((p) => p.end()));
}
