/**
 * Sign-in under parallel attempts: forty wrong passwords fired together with the right one must
 * still lock the account, the right one may win only before the fifth failure, and an address with
 * no user locks the same way. Uses the real login function against the embedded database.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getPool } from '../../../platform/db/pool';
import { getPrisma } from '../../../platform/db/prisma';
import { login, MAX_FAILED_LOGINS, sessionPrincipal, type LoginResult } from '../../../platform/security/sessions';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';

let tw: TestWorkspace;
const prisma = () => getPrisma(inject('databaseUrl'));
const PASSWORD = 'correct horse battery';
const WRONG = 40;

beforeAll(async () => {
  tw = await createTestWorkspace('login_race');
});

/** Fire `WRONG` wrong passwords and (optionally) the right one at once, the right one sent after `rightAfter` wrong ones. */
async function race(email: string, rightAfter: number | null): Promise<{ wrong: LoginResult[]; right?: LoginResult }> {
  const wrong: Promise<LoginResult>[] = [];
  let right: Promise<LoginResult> | undefined;
  for (let i = 0; i <= WRONG; i++) {
    if (i === rightAfter) right = login(prisma(), email, PASSWORD);
    if (i < WRONG) wrong.push(login(prisma(), email, `wrong-${i}`));
  }
  return { wrong: await Promise.all(wrong), right: right && (await right) };
}

describe('parallel sign-in attempts', () => {
  it.each([0, 3, 20, 40])('40 wrong passwords and the right one sent after %i of them: the account ends locked, the right one wins only before the lock', async (after) => {
    const u = await tw.addUser(`Raced ${randomBytes(2).toString('hex')}`);
    const { wrong, right } = await race(u.email, after);
    const counted = wrong.filter((r) => !r.ok && r.reason === 'bad_credentials').length;
    const locked = wrong.filter((r) => !r.ok && r.reason === 'locked').length;
    expect(counted + locked).toBe(WRONG);
    expect(wrong.some((r) => r.ok)).toBe(false);

    const row = await prisma().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());

    const events = await prisma().loginEvent.findMany({ where: { userId: u.id }, select: { reason: true, success: true } });
    expect(events).toHaveLength(WRONG + 1);
    expect(events.filter((e) => e.reason === 'bad_password_locked')).toHaveLength(1);
    if (right!.ok) {
      // It won the race: at most four wrong passwords were counted before it (then it reset the
      // counter), and the rest locked the account again. Its session is real.
      expect(counted).toBeLessThanOrEqual(2 * (MAX_FAILED_LOGINS - 1));
      expect(await sessionPrincipal(getPool(inject('databaseUrl')), right!.token)).not.toBeNull();
    } else {
      // It came after the fifth failure: refused by the lock, no session.
      expect(right).toMatchObject({ ok: false, reason: 'locked' });
      expect(counted).toBe(MAX_FAILED_LOGINS - 1);
      expect(await prisma().session.count({ where: { userId: u.id } })).toBe(0);
    }
    expect(locked).toBe(WRONG - counted);
  });

  it('an address with no user locks the same way under the same flood', async () => {
    const email = `nobody.${randomBytes(4).toString('hex')}@example.test`;
    const { wrong } = await race(email, null);
    expect(wrong.filter((r) => !r.ok && r.reason === 'bad_credentials')).toHaveLength(MAX_FAILED_LOGINS - 1);
    expect(wrong.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(WRONG - MAX_FAILED_LOGINS + 1);
    expect(await login(prisma(), email, PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('a known user flooded alone gives exactly the same counts', async () => {
    const u = await tw.addUser('Flooded Alone');
    const { wrong } = await race(u.email, null);
    expect(wrong.filter((r) => !r.ok && r.reason === 'bad_credentials')).toHaveLength(MAX_FAILED_LOGINS - 1);
    expect(wrong.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(WRONG - MAX_FAILED_LOGINS + 1);
  });
});
