'use client';
/** A button that navigates (an antd Button, not a button nested in a link). */
import { Button, type ButtonProps } from 'antd';
import { useRouter } from 'next/navigation';

export function NavButton({ href, ...props }: ButtonProps & { href: string }) {
  const router = useRouter();
  return <Button {...props} onClick={() => router.push(href)} />;
}
