'use client';
/** The dashboard filters (period, owner, department) applied to every component; the page keeps them in the address. */
import { Button, Select } from 'antd';
import type { MessageKey } from '../../core/i18n';
import { useT } from '../i18n';
import { UserSelect } from '../list/UserSelect';
import styles from './dashboards.module.css';
import { hasFilters, PERIOD_PRESETS } from './filters';
import type { DashboardFilters } from './types';

export interface FilterBarProps {
  filters: DashboardFilters;
  /** Departments the viewer may filter by; no picker without them. */
  departments?: { id: string; label: string }[];
  onChange(next: DashboardFilters): void;
}

export function FilterBar({ filters, departments, onChange }: FilterBarProps) {
  const { tr } = useT();
  const set = (change: DashboardFilters) => {
    const next = { ...filters, ...change };
    for (const k of Object.keys(next) as (keyof DashboardFilters)[]) if (!next[k]) delete next[k];
    onChange(next);
  };
  const periods = PERIOD_PRESETS.map((p) => ({ value: p, label: tr(`period.${p}` as MessageKey) }));
  return (
    <div role="group" aria-label={tr('dashui.filters')} className={styles.filterBar}>
      <Select
        aria-label={tr('dashui.period')}
        value={filters.period ?? ''}
        options={[{ value: '', label: tr('dashui.periodAny') }, ...periods]}
        onChange={(v: string) => set({ period: v || undefined })}
        style={{ minWidth: 150 }}
        popupMatchSelectWidth={false}
      />
      <UserSelect ariaLabel={tr('dashui.owner')} withMe allowClear placeholder={tr('dashui.ownerAny')} value={filters.owner} onChange={(v) => set({ owner: v })} width={200} />
      {departments && departments.length > 0 ? (
        <Select
          aria-label={tr('dashui.department')}
          allowClear
          placeholder={tr('dashui.departmentAny')}
          value={filters.department}
          options={departments.map((d) => ({ value: d.id, label: d.label }))}
          onChange={(v: string | undefined) => set({ department: v })}
          style={{ minWidth: 160 }}
        />
      ) : null}
      {hasFilters(filters) ? (
        <Button type="link" onClick={() => onChange({})}>
          {tr('dashui.clearFilters')}
        </Button>
      ) : null}
    </div>
  );
}
