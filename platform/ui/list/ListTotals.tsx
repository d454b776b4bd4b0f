'use client';
/** The line under a list: the record count and each amount column's sum per currency (records.totals). */
import { useQuery } from '@tanstack/react-query';
import { Space, Typography } from 'antd';
import type { FieldDef } from '../../fields/types';
import { displayValue, typeOf } from '../format';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import type { FieldInfo } from '../types';

export function ListTotals({ input, fields }: { input: { object: string; view: string; search?: string; filter?: unknown }; fields: FieldInfo[] }) {
  const trpc = useTRPC();
  const { tr, label, locale } = useT();
  const totals = useQuery({ ...trpc.records.totals.queryOptions(input), placeholderData: (prev) => prev });
  if (!totals.data) return null;
  const { count, capped, sums } = totals.data;
  const countText = capped ? tr('list.countCapped', { count: count.toLocaleString(locale) }) : tr('list.count', { count: count.toLocaleString(locale) });
  return (
    <Space wrap size={[16, 4]} role="status" aria-live="polite" data-testid="list-totals">
      <Typography.Text strong>{countText}</Typography.Text>
      {sums.map((s) => {
        const f = fields.find((x) => x.name === s.field);
        if (!f || !s.byCurrency.length) return null;
        // The sum shown as the field shows an amount: through the type's own columns and formatter.
        const [amountCol, codeCol] = typeOf(f)
          .columns(f as unknown as FieldDef)
          .map((c) => c.name);
        const parts = s.byCurrency.map((c) => displayValue(f, { [amountCol]: c.sum, [codeCol]: c.currency }, locale));
        return (
          <Typography.Text key={s.field}>
            {tr('list.sum', { label: label(f.label) })}:{' '}
            {parts.map((p, i) => (
              <span key={i}>
                {i > 0 && ' · '}
                {p}
              </span>
            ))}
          </Typography.Text>
        );
      })}
    </Space>
  );
}
