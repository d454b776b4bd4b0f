/**
 * Packages from the command line (works while the app is running):
 *   npm run package -- install <dir> --workspace <name> [--as <admin email>]   (creates the workspace if missing)
 *   npm run package -- export <dir> --workspace <name> --name <api name> --version 1.0.0 [--label "English|中文"] [--objects a,b]
 *   npm run package -- uninstall <package> --workspace <name>
 *   npm run package -- list --workspace <name>
 */
import { parseArgs } from 'node:util';
import { describeError } from '../platform/core/problems';
import { closePools, getPool } from '../platform/db/pool';
import { closePrisma } from '../platform/db/prisma';
import { exportPackage, installPackage, listPackages, readPackageDir, uninstallPackage, writePackageDir } from '../platform/packages/packages';
import { ensureWorkspace, findWorkspace } from '../platform/schema/workspaces';
import { prepareDatabase } from './lib/bootstrap';
import { openAppDatabase } from './lib/database';

// A command-line tool doing bulk platform work: no per-statement limit (that guards request handlers).
process.env.TESSERA_STATEMENT_TIMEOUT_MS ??= '0';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    workspace: { type: 'string', default: 'default' },
    as: { type: 'string' },
    name: { type: 'string' },
    version: { type: 'string' },
    label: { type: 'string' },
    objects: { type: 'string' },
  },
});
const [command, target] = positionals;
const usage = () => console.error('Usage: npm run package -- install <dir> | export <dir> --name <n> --version <v> | uninstall <package> | list   [--workspace <name>]');
const db = await openAppDatabase(() => {}, { reuseRunning: true });
let code = 0;
try {
  await prepareDatabase(db.url, { log: () => {} });
  const pool = getPool(db.url);
  const wsName = values.workspace!;
  if (command === 'install' && target) {
    const pkg = readPackageDir(target);
    const ws = (await findWorkspace(pool, wsName)) ?? (await ensureWorkspace(pool, wsName)).workspace;
    const admin = await pool.query<{ id: string }>(
      values.as ? 'SELECT id FROM users WHERE workspace_id = $1 AND email = $2' : 'SELECT id FROM users WHERE workspace_id = $1 AND is_admin ORDER BY created_at LIMIT 1',
      values.as ? [ws.id, values.as.toLowerCase()] : [ws.id],
    );
    const res = await installPackage({ pool, workspace: ws, userId: admin.rows[0]?.id ?? null }, pkg);
    console.log(
      `${pkg.manifest.name} ${pkg.manifest.version}: ${res.action}${res.revision ? ` (metadata revision ${res.revision}, ${res.ddl.length} schema change(s))` : ''}${res.records ? `, ${res.records} seed record(s)` : ''}`,
    );
    for (const c of res.conflicts) console.log(`  conflict: ${c.key} ${c.path.join('.')}: package now ${JSON.stringify(c.now)}, workspace keeps ${JSON.stringify(c.mine)}`);
  } else if (command === 'export' && target && values.name && values.version) {
    const ws = await findWorkspace(pool, wsName);
    if (!ws) throw new Error(`No workspace named "${wsName}"`);
    const [en, zh] = (values.label ?? `${values.name}|${values.name}`).split('|');
    const files = await exportPackage(pool, ws.id, {
      name: values.name,
      version: values.version,
      label: { en, zh: zh ?? en },
      objects: values.objects?.split(',').map((s) => s.trim()),
    });
    writePackageDir(target, files);
    console.log(`Exported ${Object.keys(files).length} file(s) to ${target}`);
  } else if (command === 'uninstall' && target) {
    const ws = await findWorkspace(pool, wsName);
    if (!ws) throw new Error(`No workspace named "${wsName}"`);
    const admin = await pool.query<{ id: string }>('SELECT id FROM users WHERE workspace_id = $1 AND is_admin ORDER BY created_at LIMIT 1', [ws.id]);
    const res = await uninstallPackage({ pool, workspace: ws, userId: admin.rows[0]?.id ?? null }, target);
    console.log(`Uninstalled ${target} (metadata revision ${res.revision}); its objects and fields are archived, data kept.`);
  } else if (command === 'list') {
    const ws = await findWorkspace(pool, wsName);
    for (const p of ws ? await listPackages(pool, ws.id) : []) console.log(`${p.name} ${p.version}  ${p.status}  ${p.label.en} / ${p.label.zh}`);
  } else {
    usage();
    code = 2;
  }
} catch (e) {
  console.error(describeError(e));
  code = 1;
} finally {
  await closePools();
  await closePrisma();
  await db.embedded?.stop();
}
process.exit(code);
