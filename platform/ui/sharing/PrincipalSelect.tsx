'use client';
/** A searchable picker of roles, departments, groups or users (tRPC principals.search): open to every signed-in user. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';

export type PrincipalKind = 'role' | 'department' | 'group' | 'user';

interface Common {
  kind: PrincipalKind;
  /** The input's accessible name (the visible label, when there is one). */
  ariaLabel: string;
  id?: string;
  placeholder?: string;
  width?: number | string;
}
export type PrincipalSelectProps =
  | (Common & { multiple?: false; value?: string | null; onChange?(value: string | undefined): void })
  | (Common & { multiple: true; value?: string[]; onChange?(value: string[]): void });

/** Pick one principal (cleared with the ×) or several (`multiple`); chosen values show by their labels even before the list is opened. Usable as an antd Form.Item's control (value, onChange, id). */
export function PrincipalSelect(props: PrincipalSelectProps) {
  const trpc = useTRPC();
  const { tr } = useT();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const chosen = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];
  const found = useQuery({ ...trpc.principals.search.queryOptions({ kind: props.kind, q: search || undefined }), enabled: open, placeholderData: keepPreviousData });
  // The labels of what is chosen (from the address or a saved report) without opening the list.
  const labels = useQuery({ ...trpc.principals.search.queryOptions({ kind: props.kind, values: chosen }), enabled: chosen.length > 0 });
  const options = new Map<string, string>();
  for (const o of [...(labels.data ?? []), ...(found.data ?? [])]) options.set(o.value, o.label);
  const common = {
    'aria-label': props.ariaLabel,
    id: props.id,
    showSearch: { filterOption: false, onSearch: setSearch },
    allowClear: true,
    placeholder: props.placeholder,
    options: [...options].map(([value, label]) => ({ value, label })),
    loading: found.isFetching,
    notFoundContent: found.isFetching ? undefined : tr('principals.none'),
    onOpenChange: setOpen,
    style: { width: props.width ?? 220, maxWidth: '100%' },
    popupMatchSelectWidth: false,
  };
  if (props.multiple) {
    const onChange = props.onChange;
    return <Select {...common} mode="multiple" value={chosen} onChange={(v: string[]) => onChange?.(v)} />;
  }
  const onChange = props.onChange;
  return <Select {...common} value={props.value ?? undefined} onChange={(v: string | undefined) => onChange?.(v ?? undefined)} />;
}
