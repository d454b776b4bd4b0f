'use client';
/**
 * The form input of integer, decimal, currency and percent fields: a text box that reads what
 * people type (grouping, 万/亿/千, full-width digits, see fields/amount.ts), shows what it read
 * ("= 120,000") before saving, and refuses what it cannot read with a message under the field.
 * An unreadable text stays in the form data as a string, so the form can refuse to save it
 * instead of saving part of it.
 */
import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { parseAmount, type AmountResult } from '../../fields/amount';
import { formatNumber } from '../../fields/common';
import { useT } from '../i18n';

/** What the field's type asks of its input (set by the type modules' `widget`). */
export interface AmountOptions {
  integer?: boolean;
  percent?: boolean;
  addonAfter?: string;
  /** Show the example of what may be typed (amounts: grouping and 万). */
  hint?: boolean;
  /** A currency amount: the form property holding its code, chosen in the input's own select. */
  currency?: { field: string; codes: string[]; default: string; label: string };
}

/** What the form gives its widgets to read and set a property other than their own (an amount's code). */
export interface FormValuesContext {
  values: Record<string, unknown>;
  setValue(property: string, value: unknown): void;
}

/** The problem of a typed text as a message in the user's language, or undefined when it reads. */
export function amountProblem(result: AmountResult, text: string, tr: ReturnType<typeof useT>['tr']): string | undefined {
  return result.ok ? undefined : tr(`input.number.${result.problem}`, { text: text.trim() });
}

/** Whether the typed text already shows the number (grouping aside): no unit or full-width digits worth echoing. */
function isPlain(text: string, value: number): boolean {
  return text.replace(/[\s,]/g, '') === String(value);
}

export function AmountWidget(props: WidgetProps) {
  const { tr, locale } = useT();
  const opts = props.options as AmountOptions;
  const parseOpts = { integer: opts.integer, percent: opts.percent };
  const value = props.value as number | string | undefined | null;
  const [text, setText] = useState(() => (typeof value === 'number' ? String(value) : (value ?? '')));
  // The form may change the value itself (a reset, a stage's default): follow it unless it is what we typed.
  const typed = parseAmount(text, parseOpts);
  const follows = typeof value === 'string' ? value === text : typed.ok && typed.value === (value ?? null);
  const shown = follows ? text : typeof value === 'number' ? String(value) : (value ?? '');
  const result = shown === text ? typed : parseAmount(shown, parseOpts);
  const problem = amountProblem(result, shown, tr);
  const messageId = `${props.id}__amount`;
  const read = result.ok && result.value !== null && !isPlain(shown, result.value) ? formatNumber(result.value, locale) : undefined;
  const describedBy = [ariaDescribedByIds(props.id), problem || read ? messageId : ''].filter(Boolean).join(' ');
  const input = (
    <Input
      id={props.id}
      name={props.id}
      inputMode="decimal"
      autoComplete="off"
      value={shown}
      disabled={props.disabled || props.readonly}
      status={problem ? 'error' : undefined}
      aria-invalid={problem ? true : undefined}
      aria-describedby={describedBy}
      placeholder={props.placeholder || (opts.hint ? tr('input.number.hint') : undefined)}
      suffix={opts.addonAfter}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const r = parseAmount(next, parseOpts);
        props.onChange(r.ok ? (r.value ?? undefined) : next);
      }}
      onBlur={() => props.onBlur(props.id, shown)}
      onFocus={() => props.onFocus(props.id, shown)}
    />
  );
  return (
    <div>
      {opts.currency ? (
        <CurrencyAmount currency={opts.currency} ctx={props.registry.formContext as FormValuesContext | undefined} disabled={props.disabled || props.readonly} id={props.id}>
          {input}
        </CurrencyAmount>
      ) : (
        input
      )}
      {problem ? (
        <div id={messageId} role="alert" style={{ fontSize: 13, color: '#c41d1d' }}>
          {problem}
        </div>
      ) : read ? (
        <Typography.Text id={messageId} style={{ fontSize: 13, color: '#595959' }}>
          {tr('input.number.parsed', { value: read })}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/** The amount's input with its currency select fixed to its end, as one control ("1,000 | USD"). */
function CurrencyAmount({
  currency,
  ctx,
  disabled,
  id,
  children,
}: {
  currency: NonNullable<AmountOptions['currency']>;
  ctx: FormValuesContext | undefined;
  disabled?: boolean;
  id: string;
  children: React.ReactNode;
}) {
  const code = (ctx?.values[currency.field] as string | undefined) ?? currency.default;
  return (
    <Space.Compact block>
      {children}
      <Select
        id={`${id}__currency`}
        aria-label={currency.label}
        value={code}
        disabled={disabled || !ctx}
        options={currency.codes.map((c) => ({ value: c, label: c }))}
        onChange={(next: string) => ctx?.setValue(currency.field, next)}
        popupMatchSelectWidth={false}
        style={{ width: 92, flex: 'none' }}
      />
    </Space.Compact>
  );
}
