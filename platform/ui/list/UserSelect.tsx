'use client';
/** A searchable picker of the workspace's active users, optionally offering "me" ($me) first. */
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import styles from './list.module.css';

export const ME = '$me';

export interface UserSelectProps {
  value?: string | null;
  ariaLabel: string;
  /** Offer "me" (the condition language's $me) as the first option. */
  withMe?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  width?: number | string;
  onChange(value: string | undefined): void;
}

export function UserSelect({ value, ariaLabel, withMe, placeholder, allowClear, width = 220, onChange }: UserSelectProps) {
  const trpc = useTRPC();
  const { tr } = useT();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const users = useQuery({ ...trpc.account.findUsers.queryOptions({ search: search || undefined }), enabled: open || Boolean(value && value !== ME) });
  const options = [...(withMe ? [{ value: ME, label: tr('list.ownerMe') }] : []), ...(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))];
  return (
    <Select
      aria-label={ariaLabel}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={allowClear}
      placeholder={placeholder}
      value={value ?? undefined}
      options={options}
      loading={users.isFetching}
      onOpenChange={setOpen}
      onChange={(v) => onChange((v as string | undefined) ?? undefined)}
      className={styles.picker}
      style={{ width }}
    />
  );
}
