'use client';
/**
 * A link to a record's page. Not prefetched: a list shows fifty or more of them, and prefetching
 * each as it scrolls into view sent a request per row to the server right after every list loaded,
 * competing with the pages the user actually opens. Navigation lists (menus) keep Next's prefetch.
 */
import Link from 'next/link';

export function RecordLink({ object, recordId, ...rest }: { object: string; recordId: unknown } & Omit<React.ComponentProps<typeof Link>, 'href' | 'prefetch'>) {
  return <Link href={`/o/${object}/${String(recordId)}`} prefetch={false} {...rest} />;
}
