'use client';
/** The value of a "during" filter: a relative period (this month, last quarter...), or the last/next N days with N typed in. */
import { InputNumber, Select, Space } from 'antd';
import { FIXED_PERIODS, MAX_PERIOD_DAYS, periodDays } from '../../core/periods';
import type { MessageKey } from '../../core/i18n';
import { useT } from '../i18n';

const DEFAULT_DAYS = 30;

/** The label of a period value in the user's language ("Last 30 days", "本财年"). */
export function periodLabel(value: string, tr: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  const days = periodDays(value);
  if (days) return tr(days.dir === 'last' ? 'ui.period.lastDays' : 'ui.period.nextDays', { n: days.n });
  return tr(`ui.period.${value}` as MessageKey);
}

export function PeriodInput({ value, onChange, ariaLabel }: { value?: string; onChange(v: string | undefined): void; ariaLabel: string }) {
  const { tr } = useT();
  const days = value ? periodDays(value) : null;
  const choice = days ? `${days.dir}_n_days` : value;
  return (
    <Space.Compact>
      <Select
        aria-label={ariaLabel}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 150 }}
        value={choice}
        placeholder={tr('ui.period.period')}
        options={[...FIXED_PERIODS, 'last_n_days', 'next_n_days'].map((p) => ({ value: p, label: tr(`ui.period.${p}` as MessageKey) }))}
        onChange={(p: string) => {
          const n = days?.n ?? DEFAULT_DAYS;
          onChange(p === 'last_n_days' ? `last_${n}_days` : p === 'next_n_days' ? `next_${n}_days` : p);
        }}
      />
      {days && (
        <InputNumber
          aria-label={`${ariaLabel} (${tr('ui.period.days')})`}
          style={{ width: 80 }}
          min={1}
          max={MAX_PERIOD_DAYS}
          precision={0}
          value={days.n}
          onChange={(n) => {
            if (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_PERIOD_DAYS) onChange(`${days.dir}_${n}_days`);
          }}
        />
      )}
    </Space.Compact>
  );
}
