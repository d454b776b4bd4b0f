/**
 * Create (or revoke, or list) API keys: `npm run apikey -- --user admin@tessera.demo [--name "ERP sync"]`.
 * The key is printed once; only its hash is stored. Works while the app is running.
 */
import { parseArgs } from 'node:util';
import { closePools } from '../platform/db/pool';
import { closePrisma, getPrisma } from '../platform/db/prisma';
import { createApiKey, revokeApiKey } from '../platform/security/apiKeys';
import { findUserByEmail } from '../platform/security/users';
import { prepareDatabase } from './lib/bootstrap';
import { openAppDatabase } from './lib/database';

const { values } = parseArgs({
  options: { user: { type: 'string' }, name: { type: 'string', default: 'integration' }, revoke: { type: 'string' }, list: { type: 'boolean', default: false } },
});
const db = await openAppDatabase(() => {}, { reuseRunning: true });
let code = 0;
try {
  await prepareDatabase(db.url, { log: () => {} });
  const prisma = getPrisma(db.url);
  if (values.revoke) {
    await revokeApiKey(prisma, values.revoke);
    console.log(`Revoked key ${values.revoke}`);
  } else if (!values.user) {
    console.error('Usage: npm run apikey -- --user <email> [--name <label>]   |   --user <email> --list   |   --revoke <key id>');
    code = 2;
  } else {
    const user = await findUserByEmail(prisma, values.user);
    if (!user) {
      console.error(`No user with email ${values.user}`);
      code = 1;
    } else if (values.list) {
      const keys = await prisma.apiKey.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } });
      for (const k of keys) console.log(`${k.id}  ${k.prefix}…  ${k.name}  created ${k.createdAt.toISOString()}${k.revokedAt ? '  REVOKED' : ''}`);
    } else {
      const { id, key } = await createApiKey(prisma, user.id, values.name!);
      console.log(
        `API key for ${user.email} (id ${id}); it is shown only once:\n\n  ${key}\n\nUse it as: curl -H "Authorization: Bearer ${key}" http://localhost:3000/api/v1/objects`,
      );
    }
  }
} finally {
  await closePools();
  await closePrisma();
  await db.embedded?.stop();
}
process.exit(code);
