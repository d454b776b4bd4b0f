'use client';
/**
 * One field's value input for a list (inline edit of a cell, mass update), chosen by what the
 * field's type module declares (its input kind and value kind), so every type, stock or custom,
 * gets its own kind of input with the field's label.
 */
import { DatePicker, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { typeOf } from '../format';
import { useT } from '../i18n';
import { LookupSelect } from '../LookupSelect';
import type { FieldInfo } from '../types';
import { UserSelect } from './UserSelect';

export interface FieldInputProps {
  field: FieldInfo;
  value: unknown;
  ariaLabel: string;
  autoFocus?: boolean;
  /** The display name of a lookup's current value. */
  currentName?: string;
  onChange(value: unknown): void;
  /** Enter in a text or number input. */
  onEnter?(): void;
}

export { listEditable } from './editable';

export function FieldInput({ field, value, ariaLabel, autoFocus, currentName, onChange, onEnter }: FieldInputProps) {
  const { tr, label } = useT();
  const type = typeOf(field);
  const keys = { onKeyDown: (e: React.KeyboardEvent) => e.key === 'Enter' && onEnter?.() };
  if (field.type === 'user') return <UserSelect ariaLabel={ariaLabel} value={value as string} onChange={onChange} width="100%" />;
  const input = type.filterInput;
  if (input === 'options' && field.options) {
    return (
      <Select
        aria-label={ariaLabel}
        autoFocus={autoFocus}
        style={{ width: '100%', minWidth: 140 }}
        mode={type.valueKind === 'text_array' ? 'multiple' : undefined}
        allowClear
        value={value as string}
        options={field.options.filter((o) => o.active || o.value === value).map((o) => ({ value: o.value, label: label(o.label) }))}
        onChange={onChange}
      />
    );
  }
  if (input === 'lookup' && field.target) {
    return <LookupSelect ariaLabel={ariaLabel} object={field.target} value={value as string} currentName={currentName} onChange={(v) => onChange(v)} />;
  }
  if (input === 'boolean') {
    return (
      <Select
        aria-label={ariaLabel}
        autoFocus={autoFocus}
        style={{ width: '100%', minWidth: 100 }}
        value={value as boolean}
        options={[
          { value: true, label: tr('ui.yes') },
          { value: false, label: tr('ui.no') },
        ]}
        onChange={onChange}
      />
    );
  }
  if (input === 'number') {
    return (
      <InputNumber aria-label={ariaLabel} autoFocus={autoFocus} style={{ width: '100%', minWidth: 140 }} value={value as number} onChange={(v) => onChange(v ?? null)} {...keys} />
    );
  }
  if (input === 'date' || input === 'datetime') {
    const time = input === 'datetime';
    return (
      <DatePicker
        aria-label={ariaLabel}
        autoFocus={autoFocus}
        showTime={time}
        value={value ? dayjs(String(value)) : null}
        onChange={(d) => onChange(d ? (time ? d.toISOString() : d.format('YYYY-MM-DD')) : null)}
      />
    );
  }
  return <Input aria-label={ariaLabel} autoFocus={autoFocus} style={{ minWidth: 160 }} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value)} {...keys} />;
}
