'use client';
/** Helpers of the log screens: "load more" paging on time, and a short browser name. */
import { Button } from 'antd';
import { useT } from '../i18n';

/** Rows per page of the server's log procedures. */
const LOG_PAGE = 100;

/** The `before` of the next page: the time of the last row, when the last page was full. */
export function nextBefore(pages: { data?: { at: string }[] }[]): string | undefined {
  const last = pages[pages.length - 1]?.data;
  return last && last.length >= LOG_PAGE ? last[last.length - 1].at : undefined;
}

export function LoadMore({ before, loading, onMore }: { before: string | undefined; loading: boolean; onMore(before: string): void }) {
  const { tr } = useT();
  if (!before) return null;
  return (
    <Button style={{ marginTop: 12 }} loading={loading} onClick={() => onMore(before)}>
      {tr('admin.loadMore')}
    </Button>
  );
}

/** "Chrome 141 · Windows" from a user-agent string (the full string stays in the title). */
export function browserOf(ua: string | null | undefined): string {
  if (!ua) return '';
  const browser = /(Edg|OPR|Firefox|Chrome|Version)\/(\d+)/.exec(ua);
  const name = browser ? (({ Edg: 'Edge', OPR: 'Opera', Version: 'Safari' } as Record<string, string>)[browser[1]] ?? browser[1]) : '';
  const os = /Windows|Android|iPhone|iPad|Mac OS X|Linux/.exec(ua)?.[0]?.replace('Mac OS X', 'macOS') ?? '';
  const short = [name && `${name} ${browser![2]}`, os].filter(Boolean).join(' · ');
  return short || ua.slice(0, 40);
}
