/**
 * Write TypeScript types for a workspace's objects: `npm run typegen -- --workspace default [--out types/default.ts]`.
 * Works while the app is running (it reuses its embedded database).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closePools, getPool } from '../platform/db/pool';
import { closePrisma } from '../platform/db/prisma';
import { getMetadata } from '../platform/metadata/registry';
import { workspaceTypes } from '../platform/metadata/typegen';
import { findWorkspace } from '../platform/schema/workspaces';
import { prepareDatabase } from './lib/bootstrap';
import { openAppDatabase } from './lib/database';

const { values } = parseArgs({ options: { workspace: { type: 'string', default: 'default' }, out: { type: 'string' } } });
const db = await openAppDatabase(() => {}, { reuseRunning: true });
let code = 0;
try {
  await prepareDatabase(db.url, { log: () => {} });
  const pool = getPool(db.url);
  const ws = await findWorkspace(pool, values.workspace!);
  if (!ws) {
    console.error(`No workspace named "${values.workspace}"`);
    code = 1;
  } else {
    const out = path.resolve(values.out ?? `types/${ws.name}.ts`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, await workspaceTypes(await getMetadata(ws, pool), ws.name));
    console.log(`Wrote ${path.relative(process.cwd(), out)}`);
  }
} finally {
  await closePools();
  await closePrisma();
  await db.embedded?.stop();
}
process.exit(code);
