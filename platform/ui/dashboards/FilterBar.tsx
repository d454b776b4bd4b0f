'use client';
/** The dashboard filters the dashboard offers (period, owner, department, team) applied to every component; the page keeps them in the address. */
import { Button, Select } from 'antd';
import { hasMessage, type MessageKey } from '../../core/i18n';
import { useT } from '../i18n';
import { UserSelect } from '../list/UserSelect';
import { PrincipalSelect } from '../sharing/PrincipalSelect';
import styles from './dashboards.module.css';
import { ANY_TIME, hasFilters, PERIOD_PRESETS } from './filters';
import type { DashboardFilters, DashboardRun } from './types';

export interface FilterBarProps {
  /** What the dashboard offers and what applied (its default period included). */
  offered: DashboardRun['dashboard']['filters'];
  applied: DashboardRun['filters'];
  /** What the address asks (absent: the default). */
  filters: DashboardFilters;
  onChange(next: DashboardFilters): void;
}

export function FilterBar({ offered, applied, filters, onChange }: FilterBarProps) {
  const { tr } = useT();
  const offers = new Set((offered ?? []).map((f) => f.type));
  if (offers.size === 0) return null;
  const set = (change: DashboardFilters) => {
    const next: DashboardFilters = { ...filters, ...change };
    for (const k of ['owner', 'department', 'role'] as const) if (!next[k]) delete next[k];
    onChange(next);
  };
  const date = typeof applied.date === 'string' ? applied.date : applied.date ? `${applied.date.from ?? ''}..${applied.date.to ?? ''}` : ANY_TIME;
  const periodLabel = (p: string) => (hasMessage(`period.${p}`) ? tr(`period.${p}` as MessageKey) : p);
  const periods = PERIOD_PRESETS.map((p) => ({ value: p as string, label: periodLabel(p) }));
  // A default or linked period the presets lack (last_7_days, a date range) is still shown as chosen.
  if (date !== ANY_TIME && !periods.some((p) => p.value === date)) periods.unshift({ value: date, label: periodLabel(date) });
  return (
    <div role="group" aria-label={tr('dashui.filters')} className={styles.filterBar}>
      {offers.has('date') ? (
        <Select
          aria-label={tr('dashui.period')}
          value={date}
          options={[{ value: ANY_TIME, label: tr('dashui.periodAny') }, ...periods]}
          onChange={(v: string) => set({ date: v === ANY_TIME ? null : v })}
          style={{ minWidth: 160 }}
          popupMatchSelectWidth={false}
        />
      ) : null}
      {offers.has('owner') ? (
        <UserSelect ariaLabel={tr('dashui.owner')} withMe allowClear placeholder={tr('dashui.ownerAny')} value={applied.owner} onChange={(v) => set({ owner: v })} width={200} />
      ) : null}
      {offers.has('department') ? (
        <PrincipalSelect
          kind="department"
          ariaLabel={tr('dashui.department')}
          placeholder={tr('dashui.departmentAny')}
          value={applied.department}
          onChange={(v) => set({ department: v })}
          width={180}
        />
      ) : null}
      {offers.has('role') ? (
        <PrincipalSelect kind="role" ariaLabel={tr('principals.team')} placeholder={tr('principals.teamAny')} value={applied.role} onChange={(v) => set({ role: v })} width={180} />
      ) : null}
      {hasFilters(filters) ? (
        <Button type="link" onClick={() => onChange({})}>
          {tr('dashui.clearFilters')}
        </Button>
      ) : null}
    </div>
  );
}
