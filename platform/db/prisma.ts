/** Prisma Client for the platform's own tables (prisma/schema.prisma), over @prisma/adapter-pg. */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.ts';
import { databaseUrl } from './pool';

export type Prisma = InstanceType<typeof PrismaClient>;

const globalForPrisma = globalThis as unknown as { __tesseraPrisma?: Map<string, Prisma> };

/** The Prisma client for a database URL (default: DATABASE_URL), created on first use. */
export function getPrisma(url: string = databaseUrl()): Prisma {
  globalForPrisma.__tesseraPrisma ??= new Map();
  let client = globalForPrisma.__tesseraPrisma.get(url);
  if (!client) {
    client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 5 }) });
    globalForPrisma.__tesseraPrisma.set(url, client);
  }
  return client;
}

export async function closePrisma(): Promise<void> {
  const clients = globalForPrisma.__tesseraPrisma;
  if (!clients) return;
  globalForPrisma.__tesseraPrisma = new Map();
  await Promise.all([...clients.values()].map((c) => c.$disconnect()));
}
