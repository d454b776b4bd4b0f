'use client';
/**
 * A formula editor for the designer: a text area whose content the server checks as you type
 * (designer.checkFormula, debounced) against the object's fields. Problems are listed with their
 * position (a button selects the text at fault); a valid formula shows the type it gives.
 */
import { CheckCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import type { MessageKey } from '../../core/i18n';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';

export type FormulaExpect = 'number' | 'text' | 'boolean' | 'date' | 'datetime';

const DEBOUNCE_MS = 300;

export function FormulaInput({
  object,
  mode,
  expect,
  id,
  value,
  onChange,
  placeholder,
  'aria-describedby': describedBy,
  'aria-invalid': invalid,
}: {
  object: string;
  mode: 'field' | 'rule';
  expect?: FormulaExpect;
  id?: string;
  value?: string;
  onChange?(value: string): void;
  placeholder?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
}) {
  const trpc = useTRPC();
  const { tr } = useT();
  const ownId = useId();
  const inputId = id ?? ownId;
  const statusId = `${inputId}-check`;
  const text = value ?? '';
  const [checked, setChecked] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setChecked(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const blank = checked.trim() === '';
  const check = useQuery({
    ...trpc.designer.checkFormula.queryOptions({ object, formula: checked, mode, expect }),
    enabled: !blank,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const pending = text !== checked || check.isFetching || check.isPlaceholderData;
  // While a newer text is checked, the last result stays on screen, dimmed.
  const result = blank ? undefined : check.data;
  const errors = result?.errors ?? [];
  const select = (position: number, length: number) => {
    const el = document.getElementById(inputId) as HTMLTextAreaElement | null;
    if (!el) return;
    el.focus();
    el.setSelectionRange(position, Math.min(text.length, position + Math.max(length, 1)));
  };

  return (
    <div>
      <Input.TextArea
        id={inputId}
        value={text}
        maxLength={4000}
        spellCheck={false}
        autoSize={{ minRows: 2, maxRows: 10 }}
        placeholder={placeholder}
        aria-describedby={[describedBy, statusId].filter(Boolean).join(' ')}
        aria-invalid={invalid === true || invalid === 'true' || errors.length > 0}
        status={errors.length > 0 && !pending ? 'error' : undefined}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
        onChange={(e) => onChange?.(e.target.value)}
      />
      <div id={statusId} role="status" aria-live="polite" aria-busy={pending} style={{ marginTop: 6, fontSize: 13, opacity: pending && result ? 0.6 : 1 }}>
        {blank ? (
          <Typography.Text type="secondary">{tr('designer.formula.hint')}</Typography.Text>
        ) : check.error ? (
          <Typography.Text type="danger">{appErrorOf(check.error)?.message}</Typography.Text>
        ) : pending && !result ? (
          <Typography.Text type="secondary">{tr('designer.formula.checking')}</Typography.Text>
        ) : errors.length > 0 ? (
          <div>
            <Typography.Text type="danger">{tr('designer.formula.problems', { count: errors.length })}</Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
              {errors.map((e, i) => (
                <li key={`${e.code}-${e.position}-${i}`}>
                  <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => select(e.position, e.length)}>
                    {tr('designer.formula.position', { pos: e.position + 1 })}
                  </Button>{' '}
                  <Typography.Text type="danger">{e.message}</Typography.Text>
                </li>
              ))}
            </ul>
          </div>
        ) : result?.type ? (
          <Typography.Text type="success">
            <CheckCircleOutlined aria-hidden /> {tr('designer.formula.ok', { type: tr(`formula.type.${result.type}` as MessageKey) })}
          </Typography.Text>
        ) : null}
      </div>
    </div>
  );
}
