'use client';
/** The aggregates (function, field, an optional condition) and the formula columns over them. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Select } from 'antd';
import type { MessageKey } from '../../../core/i18n';
import type { AggregateFn, ReportAggregate, ReportDefinition, ReportFormula } from '../../../reports/types';
import { FilterBuilder, toCondition } from '../../FilterBuilder';
import { useT } from '../../i18n';
import { fromCondition } from '../../list/listUrl';
import type { FieldInfo } from '../../types';
import type { ReportField } from '../api';
import styles from './builder.module.css';

const FNS: AggregateFn[] = ['count', 'sum', 'avg', 'min', 'max', 'count_distinct'];

export function AggregatesEditor({
  def,
  fields,
  filterFields,
  invalid,
  onChange,
}: {
  def: ReportDefinition;
  fields: ReportField[];
  filterFields: FieldInfo[];
  invalid: (place: string) => boolean;
  onChange(aggregates: ReportAggregate[]): void;
}) {
  const { tr } = useT();
  const aggregates = def.aggregates ?? [];
  const set = (i: number, a: ReportAggregate) => onChange(aggregates.map((x, j) => (j === i ? a : x)));
  const fieldsFor = (fn: AggregateFn) => fields.filter((f) => f.aggregates.includes(fn));
  return (
    <div>
      {aggregates.map((a, i) => (
        <div key={i} className={styles.row} style={{ outline: invalid(`aggregates.${i}`) ? '1px solid #ff4d4f' : undefined }}>
          <Select
            aria-label={tr('rui.builder.aggFn', { n: i + 1 })}
            style={{ width: 140 }}
            value={a.fn}
            options={FNS.map((fn) => ({ value: fn, label: tr(`rui.agg.${fn}` as MessageKey) }))}
            onChange={(fn) => set(i, { ...a, fn, field: fn === 'count' ? undefined : a.field })}
          />
          {a.fn !== 'count' && (
            <Select
              aria-label={tr('rui.builder.aggField', { n: i + 1 })}
              style={{ width: 200 }}
              showSearch={{ optionFilterProp: 'label' }}
              value={a.field}
              status={invalid(`aggregates.${i}`) ? 'error' : undefined}
              options={fieldsFor(a.fn).map((f) => ({ value: f.path, label: f.label }))}
              onChange={(field) => set(i, { ...a, field })}
            />
          )}
          <Checkbox checked={a.filter !== undefined} onChange={(e) => set(i, { ...a, filter: e.target.checked ? { all: [] } : undefined })}>
            {tr('rui.builder.aggFilter')}
          </Checkbox>
          <Button
            aria-label={tr('rui.builder.remove', { label: `${i + 1}` })}
            icon={<DeleteOutlined aria-hidden />}
            onClick={() => onChange(aggregates.filter((_, j) => j !== i))}
          />
          {a.filter !== undefined && (
            <div style={{ flexBasis: '100%' }}>
              <FilterBuilder
                fields={filterFields}
                initial={fromCondition(a.filter, filterFields) ?? { match: 'all', rows: [] }}
                live
                onApply={(s) => set(i, { ...a, filter: toCondition(s) ?? { all: [] } })}
              />
            </div>
          )}
        </div>
      ))}
      <Button icon={<PlusOutlined aria-hidden />} onClick={() => onChange([...aggregates, { fn: 'sum' }])}>
        {tr('rui.builder.addAggregate')}
      </Button>
    </div>
  );
}

export function FormulasEditor({ def, invalid, onChange }: { def: ReportDefinition; invalid: (place: string) => boolean; onChange(formulas: ReportFormula[]): void }) {
  const { tr } = useT();
  const formulas = def.formulas ?? [];
  const set = (i: number, f: ReportFormula) => onChange(formulas.map((x, j) => (j === i ? f : x)));
  return (
    <div>
      {formulas.map((f, i) => (
        <div key={i} className={styles.row}>
          <Input
            aria-label={`${tr('rui.builder.formulaName')} ${i + 1}`}
            placeholder="win_rate"
            style={{ width: 130 }}
            value={f.name}
            onChange={(e) => set(i, { ...f, name: e.target.value })}
          />
          <Input
            aria-label={`${tr('rui.builder.formulaLabel')} ${i + 1}`}
            placeholder="Win rate"
            style={{ width: 150 }}
            value={f.label.en}
            onChange={(e) => set(i, { ...f, label: { ...f.label, en: e.target.value } })}
          />
          <Input
            aria-label={`${tr('rui.builder.formulaLabelZh')} ${i + 1}`}
            placeholder="赢单率"
            style={{ width: 130 }}
            value={f.label.zh ?? ''}
            onChange={(e) => set(i, { ...f, label: { en: f.label.en, ...(e.target.value ? { zh: e.target.value } : {}) } })}
          />
          <Input
            aria-label={`${tr('rui.builder.formulaExpression')} ${i + 1}`}
            placeholder="won_count / count"
            style={{ width: 220 }}
            status={invalid(`formulas.${i}`) ? 'error' : undefined}
            value={f.expression}
            onChange={(e) => set(i, { ...f, expression: e.target.value })}
          />
          <Select
            aria-label={`${tr('rui.builder.formulaFormat')} ${i + 1}`}
            style={{ width: 120 }}
            value={f.format ?? 'number'}
            options={(['number', 'percent', 'currency'] as const).map((v) => ({ value: v, label: tr(`rui.formulaFormat.${v}`) }))}
            onChange={(format) => set(i, { ...f, format })}
          />
          <Button
            aria-label={tr('rui.builder.remove', { label: f.name || `${i + 1}` })}
            icon={<DeleteOutlined aria-hidden />}
            onClick={() => onChange(formulas.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <Button icon={<PlusOutlined aria-hidden />} onClick={() => onChange([...formulas, { name: '', label: { en: '' }, expression: '', format: 'number' }])}>
        {tr('rui.builder.addFormula')}
      </Button>
    </div>
  );
}
