'use client';
/**
 * The condition builder: rows of field / operator / value combined with "all" or "any". Produces a
 * condition tree in the one condition language (ARCHITECTURE.md), validated again by the server.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, InputNumber, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import type { Label, MessageKey } from '../core/i18n';
import { typeOf } from './format';
import { useT } from './i18n';
import { LookupSelect } from './LookupSelect';
import { PeriodInput } from './list/PeriodInput';
import { UserSelect } from './list/UserSelect';
import type { ProcessesInfo } from './process/types';
import { LIST_OPS, NO_VALUE, RELATED_OPS, type FilterRow, type FilterState } from './list/filterState';
import type { FieldInfo } from './types';

export { toCondition, type FilterRow, type FilterState } from './list/filterState';

type Options = { value?: string; label: string; title?: string; options?: { value: string; label: string }[] }[];

/**
 * The stages a filter may pick: only those of the processes the filter already selects (a row on
 * the process field), else every process's stages grouped under its name.
 */
function stageOptions(processes: ProcessesInfo, rows: FilterRow[], label: (l: Label) => string): Options {
  const chosen = new Set(
    rows.filter((r) => r.field === processes.field && (r.op === 'eq' || r.op === 'in')).flatMap((r) => (Array.isArray(r.value) ? r.value : [r.value]).map(String)),
  );
  const procs = processes.processes.filter((p) => !chosen.size || chosen.has(p.name));
  const opts = (p: ProcessesInfo['processes'][number]) => p.stages.map((s) => ({ value: s.value, label: label(s.label) }));
  if (procs.length === 1) return opts(procs[0]);
  return procs.map((p) => ({ label: label(p.label), title: label(p.label), options: opts(p) }));
}

function ValueInput({ field, row, index, options, onChange }: { field: FieldInfo; row: FilterRow; index: number; options?: Options; onChange(v: unknown): void }) {
  const { tr, label } = useT();
  const aria = `${tr('ui.filter.value')} ${index + 1}`;
  if (NO_VALUE.has(row.op)) return null;
  if (row.op === 'during') return <PeriodInput ariaLabel={aria} value={row.value as string | undefined} onChange={onChange} />;
  const many = LIST_OPS.has(row.op);
  // A user lookup (owner, created_by...), described as 'user': filtered by "me".
  if (field.type === 'user' && !many) return <UserSelect ariaLabel={aria} withMe value={row.value as string} onChange={onChange} />;
  if (field.type === 'user')
    return <Select aria-label={aria} style={{ width: 200 }} value={row.value as string} options={[{ value: '$me', label: tr('ui.me') }]} onChange={onChange} />;
  const input = typeOf(field).filterInput;
  if (input === 'options' && field.options) {
    return (
      <Select
        aria-label={aria}
        style={{ width: 240 }}
        mode={many ? 'multiple' : undefined}
        value={row.value as string}
        options={options ?? field.options.map((o) => ({ value: o.value, label: label(o.label) }))}
        onChange={onChange}
      />
    );
  }
  if (input === 'lookup' && field.target && !many) {
    return (
      <div style={{ width: 240 }}>
        <LookupSelect ariaLabel={aria} object={field.target} value={row.value as string} onChange={(v) => onChange(v)} />
      </div>
    );
  }
  if (input === 'boolean') {
    return (
      <Select
        aria-label={aria}
        style={{ width: 120 }}
        value={row.value as boolean}
        options={[
          { value: true, label: tr('ui.yes') },
          { value: false, label: tr('ui.no') },
        ]}
        onChange={onChange}
      />
    );
  }
  if (row.op === 'between') {
    const pair = (Array.isArray(row.value) ? row.value : [undefined, undefined]) as unknown[];
    if (input === 'date') {
      return (
        <DatePicker.RangePicker
          aria-label={aria}
          value={pair[0] ? [dayjs(String(pair[0])), dayjs(String(pair[1]))] : null}
          onChange={(d) => onChange(d && d[0] && d[1] ? [d[0].format('YYYY-MM-DD'), d[1].format('YYYY-MM-DD')] : undefined)}
        />
      );
    }
    return (
      <Space.Compact>
        <InputNumber aria-label={`${aria} (min)`} value={pair[0] as number} onChange={(v) => onChange([v, pair[1]])} />
        <InputNumber aria-label={`${aria} (max)`} value={pair[1] as number} onChange={(v) => onChange([pair[0], v])} />
      </Space.Compact>
    );
  }
  if (input === 'number') return <InputNumber aria-label={aria} style={{ width: 180 }} value={row.value as number} onChange={(v) => onChange(v ?? undefined)} />;
  if (input === 'date')
    return <DatePicker aria-label={aria} value={row.value ? dayjs(String(row.value)) : null} onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)} />;
  if (input === 'datetime')
    return <DatePicker showTime aria-label={aria} value={row.value ? dayjs(String(row.value)) : null} onChange={(d) => onChange(d ? d.toISOString() : undefined)} />;
  if (many) return <Select aria-label={aria} mode="tags" style={{ width: 240 }} value={(row.value as string[]) ?? []} onChange={onChange} />;
  return <Input aria-label={aria} style={{ width: 220 }} value={(row.value as string) ?? ''} onChange={(e) => onChange(e.target.value)} />;
}

/** Whether a row's value still fits after its operator changes (a list stays a list, a date a date). */
function keepsValue(from: string, to: string): boolean {
  const special = (op: string) => op === 'between' || op === 'during';
  return LIST_OPS.has(from) === LIST_OPS.has(to) && !special(from) && !special(to);
}

/** A child object whose lookup points at the filtered object (a related list): rows "has / has no <children>". */
export interface RelatedChoice {
  object: string;
  field: string;
  label: Label;
}

export function FilterBuilder({
  fields,
  initial,
  processes,
  related = [],
  live = false,
  onApply,
}: {
  fields: FieldInfo[];
  initial: FilterState;
  /** Related lists offered as "with / without related records" rows. */
  related?: RelatedChoice[];
  /** The object's sales processes, so the stage list follows the processes the filter allows. */
  processes?: ProcessesInfo | null;
  /** Apply every change as it is made (a report builder: a condition chosen must not wait for a button to count). */
  live?: boolean;
  onApply(state: FilterState): void;
}) {
  const { tr, label } = useT();
  const [state, setState] = useState<FilterState>(initial);
  const applied = useRef(state);
  useEffect(() => {
    if (!live || applied.current === state) return;
    applied.current = state;
    onApply(state);
  }, [live, state, onApply]);
  const filterable = fields.filter((f) => f.filterOperators.length > 0 && f.name !== 'id');
  const setRow = (i: number, row: FilterRow) => setState((s) => ({ ...s, rows: s.rows.map((r, j) => (j === i ? row : r)) }));
  return (
    <div role="group" aria-label={tr('ui.filter')}>
      <Space style={{ marginBottom: 12 }}>
        <span>{tr('ui.filter.match')}</span>
        <Select
          aria-label={tr('ui.filter.match')}
          value={state.match}
          style={{ width: 160 }}
          options={[
            { value: 'all', label: tr('ui.filter.all') },
            { value: 'any', label: tr('ui.filter.any') },
          ]}
          onChange={(match) => setState((s) => ({ ...s, match }))}
        />
      </Space>
      {state.rows.map((row, i) => {
        const field = filterable.find((f) => f.name === row.field);
        const relatedRow = RELATED_OPS.has(row.op);
        const fieldOptions = filterable.map((f) => ({ value: f.name, label: label(f.label) }));
        const relatedOptions = related.map((r) => ({ value: `${r.object}.${r.field}`, label: label(r.label) }));
        return (
          <Space key={i} wrap style={{ display: 'flex', marginBottom: 8 }}>
            <Select
              aria-label={`${tr('ui.filter.field')} ${i + 1}`}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 200 }}
              value={row.field || undefined}
              options={
                (related.length
                  ? [
                      { label: tr('ui.filter.fields'), title: tr('ui.filter.fields'), options: fieldOptions },
                      { label: tr('ui.filter.related'), title: tr('ui.filter.related'), options: relatedOptions },
                    ]
                  : fieldOptions) as Options
              }
              onChange={(name: string) => {
                const f = filterable.find((x) => x.name === name);
                setRow(i, f ? { field: name, op: f.filterOperators[0] } : { field: name, op: 'with' });
              }}
            />
            <Select
              aria-label={`${tr('ui.filter.operator')} ${i + 1}`}
              style={{ width: 160 }}
              value={row.op || undefined}
              disabled={!field && !relatedRow}
              options={(relatedRow ? ['with', 'without'] : (field?.filterOperators ?? [])).map((op) => ({ value: op, label: tr(`ui.op.${op}` as MessageKey) }))}
              onChange={(op) => setRow(i, { ...row, op, value: relatedRow || keepsValue(row.op, op) ? row.value : op === 'during' ? 'this_month' : undefined })}
            />
            {/* A related row's condition on the children comes from the address (a drill-down); it is kept as it is. */}
            {relatedRow && row.value !== undefined && <Typography.Text type="secondary">{tr('ui.filter.relatedWhere')}</Typography.Text>}
            {field && (
              <ValueInput
                field={field}
                row={row}
                index={i}
                options={processes && field.name === processes.stageField ? stageOptions(processes, state.rows, label) : undefined}
                onChange={(value) => setRow(i, { ...row, value })}
              />
            )}
            <Button
              aria-label={`${tr('ui.filter.remove')} ${i + 1}`}
              icon={<DeleteOutlined />}
              onClick={() => setState((s) => ({ ...s, rows: s.rows.filter((_, j) => j !== i) }))}
            />
          </Space>
        );
      })}
      <Space style={{ marginTop: 8 }}>
        <Button icon={<PlusOutlined />} onClick={() => setState((s) => ({ ...s, rows: [...s.rows, { field: '', op: '' }] }))}>
          {tr('ui.filter.add')}
        </Button>
        <Button
          onClick={() => {
            setState({ match: 'all', rows: [] });
            onApply({ match: 'all', rows: [] });
          }}
        >
          {tr('ui.filter.clear')}
        </Button>
        {!live && (
          <Button type="primary" onClick={() => onApply(state)}>
            {tr('ui.filter.apply')}
          </Button>
        )}
      </Space>
    </div>
  );
}
