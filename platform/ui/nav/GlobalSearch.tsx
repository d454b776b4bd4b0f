'use client';
/**
 * The header's search box: every object the user may read, grouped by object, pinyin initials
 * included ("zj" finds 周杰). Arrow keys move through the results, Enter opens one; each group ends
 * with a link to the object's list searched for the same text when more match.
 */
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Input } from 'antd';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { objectIcon } from './icons';

const DEBOUNCE_MS = 200;

export function GlobalSearch({ className }: { className?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { tr, label } = useT();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(h);
  }, [text]);
  const result = useQuery({ ...trpc.nav.search.queryOptions({ q }), enabled: q.length > 0, staleTime: 10_000 });
  const groups = q ? (result.data ?? []) : [];
  const options = groups.map((g) => ({
    label: (
      <span>
        {objectIcon(g.icon)} {label(g.pluralLabel)}
      </span>
    ),
    options: [
      ...g.records.map((r) => ({ value: `/o/${g.object}/${r.id}`, label: r.name ?? r.id })),
      ...(g.more ? [{ value: `/o/${g.object}?q=${encodeURIComponent(q)}`, label: <em>{tr('search.more', { object: label(g.pluralLabel), q })}</em> }] : []),
    ],
  }));
  return (
    <AutoComplete
      className={className}
      value={text}
      options={options}
      // The server has matched already (pinyin, phones): the options' values are links, not the text.
      filterOption={false}
      notFoundContent={q && result.isSuccess ? tr('search.none', { q }) : null}
      onChange={(v) => setText(String(v ?? ''))}
      onSelect={(href) => {
        if (!href) return;
        setText('');
        setQ('');
        router.push(String(href));
      }}
      popupMatchSelectWidth={360}
    >
      <Input prefix={<SearchOutlined aria-hidden />} aria-label={tr('search.label')} placeholder={tr('search.placeholder')} />
    </AutoComplete>
  );
}
