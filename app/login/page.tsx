import { redirect } from 'next/navigation';
import { getPrisma } from '@/platform/db/prisma';
import { safeNextPath } from '@/platform/security/redirect';
import { stillHasPassword } from '@/platform/security/users';
import { LoginForm } from '@/platform/ui/LoginForm';
import { DEMO_PASSWORD, DEMO_USERS } from '@/seeds/users';
import { currentPrincipal } from '../_lib/session';

export const dynamic = 'force-dynamic';

/** The demo admin's login, only while that user exists with the demo password unchanged. */
async function demoLogin(): Promise<{ email: string; password: string } | undefined> {
  const admin = DEMO_USERS.find((u) => u.isAdmin);
  if (process.env.TESSERA_HIDE_DEMO_LOGIN || !admin) return undefined;
  return (await stillHasPassword(getPrisma(), admin.email, DEMO_PASSWORD)) ? { email: admin.email, password: DEMO_PASSWORD } : undefined;
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const target = safeNextPath(next);
  if (await currentPrincipal()) redirect(target);
  return <LoginForm next={target} demo={await demoLogin()} />;
}
