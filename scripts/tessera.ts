/**
 * `npm run dev` / `npm start`: start the database (embedded unless DATABASE_URL is set), prepare it
 * (migrations, schema sync, demo data on first start), print the demo login, then run Next.js.
 * Ctrl-C stops Next and then PostgreSQL cleanly (SIGINT, never SIGKILL).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describeError } from '../platform/core/problems';
import { closePools } from '../platform/db/pool';
import { closePrisma } from '../platform/db/prisma';
import { DEMO_PASSWORD, DEMO_USERS } from '../seeds/users';
import { prepareDatabase } from './lib/bootstrap';
import { openAppDatabase } from './lib/database';

const mode = process.argv[2] === 'start' ? 'start' : 'dev';
const port = process.env.PORT ?? '3000';
const db = await openAppDatabase();
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await closePools().catch(() => {});
  await closePrisma().catch(() => {});
  await db.embedded?.stop().catch(() => {});
  process.exit(code);
}

try {
  await prepareDatabase(db.url);
} catch (e) {
  console.error(`Could not prepare the database: ${describeError(e)}`);
  await shutdown(1);
}
await closePools();
await closePrisma();

const admin = DEMO_USERS.find((u) => u.isAdmin)!;
console.log(`
  Tessera is starting on http://localhost:${port}
  Demo login: ${admin.email} / ${DEMO_PASSWORD}
  (other demo users, e.g. ${DEMO_USERS[9].email}, use the same password; see README)
`);

const nextBin = path.resolve('node_modules/next/dist/bin/next');
const child = spawn(process.execPath, [nextBin, mode, '-p', port], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: db.url },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    child.kill(signal);
  });
}
child.on('exit', (code) => void shutdown(code ?? 0));
