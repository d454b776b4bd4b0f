// Runs `prisma generate` offline. Prisma insists on locating its schema engine even though
// generating the client does not use it, and the engine is downloaded from Prisma's servers, which
// these machines cannot reach; any existing file satisfies the check (see STACK-NOTES.md).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const r = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
