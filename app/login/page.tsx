import { redirect } from 'next/navigation';
import { LoginForm } from '@/platform/ui/LoginForm';
import { currentPrincipal } from '../_lib/session';

export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await currentPrincipal()) redirect('/');
  const { next } = await searchParams;
  return <LoginForm next={next && next.startsWith('/') && !next.startsWith('//') ? next : '/'} demo={process.env.TESSERA_HIDE_DEMO_LOGIN ? undefined : { email: 'admin@tessera.demo', password: 'Tessera#2026' }} />;
}
