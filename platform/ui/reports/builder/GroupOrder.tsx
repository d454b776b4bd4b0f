'use client';
/** A grouping's order (by its key either way, or by a figure, with an optional top N) and the detail rows' sort. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, InputNumber, Select } from 'antd';
import type { MessageKey } from '../../../core/i18n';
import type { ReportDefinition, ReportGrouping } from '../../../reports/types';
import { useT } from '../../i18n';
import type { ReportField } from '../api';
import { aggregateName } from '../measureFormat';
import styles from './builder.module.css';

const ORDERS = ['key', 'key_desc', 'value_desc', 'value_asc'] as const;

/** The figures a group order may use: each aggregate ("Sum of Amount") and formula, by name. */
export function useMeasureOptions(def: ReportDefinition, fields: ReportField[]): { value: string; label: string }[] {
  const { tr, label } = useT();
  const fieldLabel = (path?: string) => fields.find((f) => f.path === path)?.label ?? path ?? '';
  return [
    ...(def.aggregates ?? [])
      .filter((a) => a.fn === 'count' || a.field)
      .map((a) => ({
        value: aggregateName(a),
        label: a.label ? label({ en: a.label.en, zh: a.label.zh ?? a.label.en }) : `${tr(`rui.agg.${a.fn}` as MessageKey)}${a.field ? ` · ${fieldLabel(a.field)}` : ''}`,
      })),
    ...(def.formulas ?? []).filter((f) => f.name).map((f) => ({ value: f.name, label: label({ en: f.label.en || f.name, zh: f.label.zh || f.label.en || f.name }) })),
  ];
}

export function GroupOrder({
  grouping,
  label,
  measures,
  onChange,
}: {
  grouping: ReportGrouping;
  label: string;
  measures: { value: string; label: string }[];
  onChange(g: ReportGrouping): void;
}) {
  const { tr } = useT();
  const order = grouping.sort ?? 'key';
  const byValue = order === 'value_desc' || order === 'value_asc';
  const set = (patch: Partial<ReportGrouping>) => {
    const next: ReportGrouping = { ...grouping, ...patch };
    for (const k of ['sort', 'sortBy', 'top'] as const) if (next[k] === undefined || next[k] === null || (k === 'sort' && next[k] === 'key')) delete next[k];
    onChange(next);
  };
  return (
    <div className={styles.order}>
      <Select
        aria-label={tr('rui.builder.order', { label })}
        size="small"
        style={{ width: 170 }}
        value={order}
        options={ORDERS.map((o) => ({ value: o, label: tr(`rui.order.${o}`) }))}
        onChange={(sort) => set({ sort, sortBy: sort === 'value_desc' || sort === 'value_asc' ? grouping.sortBy : undefined })}
      />
      {byValue && measures.length > 1 && (
        <Select
          aria-label={tr('rui.builder.orderBy', { label })}
          size="small"
          style={{ width: 170 }}
          value={grouping.sortBy && measures.some((m) => m.value === grouping.sortBy) ? grouping.sortBy : measures[0].value}
          options={measures}
          onChange={(sortBy) => set({ sortBy })}
        />
      )}
      <InputNumber
        aria-label={tr('rui.builder.top', { label })}
        size="small"
        min={1}
        max={1000}
        precision={0}
        prefix={tr('rui.builder.topPrefix')}
        placeholder={tr('rui.builder.topAll')}
        style={{ width: 110 }}
        value={grouping.top ?? null}
        onChange={(top) => set({ top: typeof top === 'number' && top >= 1 ? Math.floor(top) : undefined })}
      />
    </div>
  );
}

/** The detail rows' order: up to five fields, each ascending or descending (`field:asc|desc` in the definition). */
export function RowSortEditor({ def, fields, onChange }: { def: ReportDefinition; fields: ReportField[]; onChange(sort: string[] | undefined): void }) {
  const { tr } = useT();
  const sort = def.sort ?? [];
  const options = fields.filter((f) => f.sortable).map((f) => ({ value: f.path, label: f.label }));
  const set = (next: string[]) => onChange(next.length ? next : undefined);
  return (
    <div>
      {sort.map((s, i) => {
        const [field, dir = 'asc'] = s.split(':');
        return (
          <div key={i} className={styles.row}>
            <Select
              aria-label={tr('rui.builder.sortField', { n: i + 1 })}
              showSearch={{ optionFilterProp: 'label' }}
              size="small"
              style={{ width: 200 }}
              value={field}
              options={options}
              onChange={(f) => set(sort.map((x, j) => (j === i ? `${f}:${dir}` : x)))}
            />
            <Select
              aria-label={tr('rui.builder.sortDir', { n: i + 1 })}
              size="small"
              style={{ width: 110 }}
              value={dir}
              options={(['asc', 'desc'] as const).map((d) => ({ value: d, label: tr(`rui.sort.${d}`) }))}
              onChange={(d) => set(sort.map((x, j) => (j === i ? `${field}:${d}` : x)))}
            />
            <Button
              size="small"
              aria-label={tr('rui.builder.remove', { label: options.find((o) => o.value === field)?.label ?? field })}
              icon={<DeleteOutlined aria-hidden />}
              onClick={() => set(sort.filter((_, j) => j !== i))}
            />
          </div>
        );
      })}
      {sort.length < 5 && options.length > 0 && (
        <Button
          size="small"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => set([...sort, `${options.find((o) => !sort.some((s) => s.startsWith(`${o.value}:`)))?.value ?? options[0].value}:asc`])}
        >
          {tr('rui.builder.addSort')}
        </Button>
      )}
    </div>
  );
}
