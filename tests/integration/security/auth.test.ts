/** Sign-in: the login log, lockout after repeated failures, password change, ending sessions, deactivation. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getPool } from '../../../platform/db/pool';
import { getPrisma } from '../../../platform/db/prisma';
import { apiKeyPrincipal, createApiKey } from '../../../platform/security/apiKeys';
import { endSession, onlineSessions } from '../../../platform/security/admin/monitor';
import { setUserActive } from '../../../platform/security/admin/users';
import { changePassword, login, LOCKOUT_MINUTES, MAX_FAILED_LOGINS, sessionPrincipal } from '../../../platform/security/sessions';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';

let tw: TestWorkspace;
const prisma = () => getPrisma(inject('databaseUrl'));
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  tw = await createTestWorkspace('auth');
});

async function events(email: string) {
  return prisma().loginEvent.findMany({ where: { email }, orderBy: { at: 'asc' }, select: { success: true, reason: true, userId: true } });
}

describe('signing in', () => {
  it('logs every attempt with its outcome, and the same answer for an unknown email as for a wrong password', async () => {
    const u = await tw.addUser('Logged User');
    expect((await login(prisma(), u.email, 'wrong')).ok).toBe(false);
    expect(await login(prisma(), 'nobody@example.test', 'wrong')).toEqual({ ok: false, reason: 'bad_credentials' });
    expect(await login(prisma(), u.email, 'wrong')).toEqual({ ok: false, reason: 'bad_credentials' });
    const ok = await login(prisma(), u.email.toUpperCase(), PASSWORD, { ip: '10.0.0.7', userAgent: 'test' });
    expect(ok.ok).toBe(true);
    const rows = await events(u.email);
    expect(rows.map((r) => r.reason)).toEqual(['bad_password', 'bad_password', 'ok']);
    expect((await events('nobody@example.test')).map((r) => r.reason)).toContain('unknown_user');
    const last = await prisma().loginEvent.findFirst({ where: { email: u.email }, orderBy: { at: 'desc' } });
    expect(last).toMatchObject({ ip: '10.0.0.7', userAgent: 'test', success: true });
  });

  it(`locks the account after ${MAX_FAILED_LOGINS} wrong passwords in a row, even for the right password, for ${LOCKOUT_MINUTES} minutes`, async () => {
    const u = await tw.addUser('Locked User');
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) expect(await login(prisma(), u.email, 'nope')).toEqual({ ok: false, reason: 'bad_credentials' });
    const locking = await login(prisma(), u.email, 'nope');
    expect(locking).toMatchObject({ ok: false, reason: 'locked' });
    expect(await login(prisma(), u.email, PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
    const row = await prisma().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.lockedUntil!.getTime() - Date.now()).toBeGreaterThan((LOCKOUT_MINUTES - 1) * 60_000);
    // When the lock has passed, the right password works again and the counter starts over.
    await prisma().user.update({ where: { id: u.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await login(prisma(), u.email, PASSWORD)).ok).toBe(true);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: u.id } })).lockedUntil).toBeNull();
  });

  it('a successful sign-in resets the count of failures', async () => {
    const u = await tw.addUser('Reset User');
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) await login(prisma(), u.email, 'nope');
    expect((await login(prisma(), u.email, PASSWORD)).ok).toBe(true);
    expect(await login(prisma(), u.email, 'nope')).toEqual({ ok: false, reason: 'bad_credentials' });
  });
});

describe('sessions and passwords', () => {
  it('changing the password needs the current one and ends every other session', async () => {
    const u = await tw.addUser('Password User');
    const a = await login(prisma(), u.email, PASSWORD);
    const b = await login(prisma(), u.email, PASSWORD);
    if (!a.ok || !b.ok) throw new Error('sign-in failed');
    const keep = (await sessionPrincipal(getPool(inject('databaseUrl')), a.token))!.sessionId;
    expect(await changePassword(prisma(), u.id, 'wrong', 'a new password', keep)).toBe('wrong_current');
    expect(await changePassword(prisma(), u.id, PASSWORD, 'short', keep)).toBe('too_short');
    expect(await changePassword(prisma(), u.id, PASSWORD, PASSWORD, keep)).toBe('same_as_current');
    expect(await changePassword(prisma(), u.id, PASSWORD, 'a new password', keep)).toBeNull();
    expect(await sessionPrincipal(getPool(inject('databaseUrl')), a.token)).not.toBeNull();
    expect(await sessionPrincipal(getPool(inject('databaseUrl')), b.token)).toBeNull();
    expect((await login(prisma(), u.email, PASSWORD)).ok).toBe(false);
    expect((await login(prisma(), u.email, 'a new password')).ok).toBe(true);
  });

  it('an admin sees who is signed in and can end a session, which stops working at once', async () => {
    const u = await tw.addUser('Online User');
    const s = await login(prisma(), u.email, PASSWORD);
    if (!s.ok) throw new Error('sign-in failed');
    const actor = { workspaceId: tw.workspace.id, userId: tw.admin.id, locale: 'en' as const };
    const online = await onlineSessions(prisma(), actor);
    const mine = online.find((o) => o.user.id === u.id);
    expect(mine).toBeDefined();
    await endSession(prisma(), actor, mine!.id);
    expect(await sessionPrincipal(getPool(inject('databaseUrl')), s.token)).toBeNull();
    const logged = await prisma().auditEvent.findFirst({ where: { workspaceId: tw.workspace.id, action: 'session.end', targetId: u.id } });
    expect(logged).not.toBeNull();
  });

  it('deactivating a user ends their sessions and stops their API keys; they cannot sign in', async () => {
    const u = await tw.addUser('Leaving User');
    const s = await login(prisma(), u.email, PASSWORD);
    if (!s.ok) throw new Error('sign-in failed');
    const { key } = await createApiKey(prisma(), u.id, 'k');
    await setUserActive(prisma(), { workspaceId: tw.workspace.id, userId: tw.admin.id, locale: 'en' }, u.id, false);
    expect(await sessionPrincipal(getPool(inject('databaseUrl')), s.token)).toBeNull();
    expect(await apiKeyPrincipal(getPool(inject('databaseUrl')), key)).toBeNull();
    expect(await login(prisma(), u.email, PASSWORD)).toEqual({ ok: false, reason: 'bad_credentials' });
    await expect(setUserActive(prisma(), { workspaceId: tw.workspace.id, userId: tw.admin.id, locale: 'en' }, tw.admin.id, false)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
