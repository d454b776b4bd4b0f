'use client';
/** A searchable select of records of one object (lookup fields, filters). */
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTRPC } from './trpc';

export interface LookupSelectProps {
  id?: string;
  object: string;
  value?: string | null;
  /** Display name of the current value, when known. */
  currentName?: string;
  placeholder?: string;
  disabled?: boolean;
  ariaLabel?: string;
  ariaDescribedBy?: string;
  onChange(value: string | null, name?: string): void;
}

export function LookupSelect({ id, object, value, currentName, placeholder, disabled, ariaLabel, ariaDescribedBy, onChange }: LookupSelectProps) {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const { data, isFetching } = useQuery({ ...trpc.records.lookup.queryOptions({ object, search, limit: 20 }), enabled: open || search !== '' });
  const options = (data ?? []).map((r) => ({ value: r.id, label: r.name }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: currentName ?? value });
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      aria-describedby={ariaDescribedBy}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      disabled={disabled}
      placeholder={placeholder}
      value={value ?? undefined}
      options={options}
      loading={isFetching}
      onOpenChange={setOpen}
      onChange={(v, option) => onChange((v as string | undefined) ?? null, (option as { label?: string } | undefined)?.label)}
      style={{ width: '100%' }}
    />
  );
}
