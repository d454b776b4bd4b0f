/**
 * `npm run seed -- --scale N [--workspace name]`: load N opportunities (with N/10 accounts) into a
 * workspace (created if missing), owned by that workspace's users. `npm run seed -- --demo` loads
 * the demo set into an empty workspace. Works while the app is running.
 */
import { parseArgs } from 'node:util';
import { getPool, closePools } from '../platform/db/pool';
import { closePrisma, getPrisma } from '../platform/db/prisma';
import { ensureWorkspace } from '../platform/schema/workspaces';
import { createUser } from '../platform/security/users';
import { seedDemo } from '../seeds/demo';
import { seedScale } from '../seeds/scale';
import { prepareDatabase } from './lib/bootstrap';
import { openAppDatabase } from './lib/database';

// A command-line tool doing bulk platform work: no per-statement limit (that guards request handlers).
process.env.TESSERA_STATEMENT_TIMEOUT_MS ??= '0';

const { values } = parseArgs({ options: { scale: { type: 'string' }, workspace: { type: 'string', default: 'default' }, demo: { type: 'boolean', default: false } } });
const db = await openAppDatabase(console.log, { reuseRunning: true });
try {
  await prepareDatabase(db.url);
  const pool = getPool(db.url);
  const prisma = getPrisma(db.url);
  const { workspace } = await ensureWorkspace(pool, values.workspace!);
  if (values.demo) {
    const r = await seedDemo(pool, prisma, workspace);
    console.log(`Demo data: ${JSON.stringify(r.counts)}`);
  }
  if (values.scale) {
    const n = Number(values.scale.replace(/[_,]/g, ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`--scale must be a positive whole number, got ${values.scale}`);
    let users = await prisma.user.findMany({ where: { workspaceId: workspace.id, active: true }, orderBy: { email: 'asc' } });
    if (users.length === 0) {
      await createUser(prisma, { workspaceId: workspace.id, email: `loader@${workspace.name}.local`, name: 'Data loader', password: crypto.randomUUID(), isAdmin: true });
      users = await prisma.user.findMany({ where: { workspaceId: workspace.id } });
    }
    const actor = users.find((u) => u.isAdmin) ?? users[0];
    const started = Date.now();
    const r = await seedScale(
      pool,
      workspace,
      { id: actor.id, name: actor.name, email: actor.email, isAdmin: actor.isAdmin },
      users.map((u) => u.id),
      n,
      {
        onProgress: (done, total, object) => process.stdout.write(`\r  ${object}: ${done.toLocaleString()} / ${total.toLocaleString()}   `),
      },
    );
    console.log(
      `\nLoaded ${r.opportunities.toLocaleString()} opportunities and ${r.accounts.toLocaleString()} accounts into "${workspace.name}" in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
} finally {
  await closePools();
  await closePrisma();
  await db.embedded?.stop();
}
