'use client';
/**
 * A flow's entry condition or a step's criteria: a formula checked as you type, or a condition
 * built with the condition builder (applied with its Apply button, and read back as a sentence).
 * Empty means always. A condition tree the builder cannot show is kept unless replaced.
 */
import { Alert, Button, Radio, Typography } from 'antd';
import { useId, useState } from 'react';
import { FilterBuilder, toCondition } from '../../FilterBuilder';
import { builderState } from '../../admin/conditionText';
import { useT } from '../../i18n';
import type { FieldInfo } from '../../types';
import { compactJson } from '../common';
import { FormulaInput } from '../FormulaInput';
import { useConditionText } from '../ViewsTab';
import type { Test } from './flow';

export function TestInput({
  object,
  fields,
  value,
  onChange,
  id,
  label,
  emptyText,
}: {
  object: string;
  fields: FieldInfo[];
  value?: Test;
  onChange?(value: Test): void;
  id?: string;
  /** The condition's name: the group's label, and the formula's ("… (formula)"). */
  label: string;
  /** What an empty condition means ("Every record", "Always"). */
  emptyText: string;
}) {
  const { tr } = useT();
  const ownId = useId();
  const inputId = id ?? ownId;
  const [mode, setMode] = useState<'formula' | 'condition'>(value !== undefined && typeof value !== 'string' ? 'condition' : 'formula');
  const text = useConditionText(fields);
  const tree = typeof value === 'object' ? value : undefined;
  const flat = tree === undefined || builderState(tree).rows.length > 0;
  const switchTo = (next: 'formula' | 'condition') => {
    setMode(next);
    onChange?.(undefined);
  };

  return (
    <div role="group" aria-label={label}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
        {label}
      </Typography.Text>
      <Radio.Group
        value={mode}
        optionType="button"
        size="small"
        style={{ marginBottom: 8 }}
        onChange={(e) => switchTo(e.target.value)}
        options={[
          { value: 'formula', label: tr('designer.approval.asFormula') },
          { value: 'condition', label: tr('designer.approval.asCondition') },
        ]}
      />
      {mode === 'formula' ? (
        <div>
          <label htmlFor={inputId} style={{ display: 'block', marginBottom: 4 }}>
            {tr('designer.approval.formulaOf', { name: label })}
          </label>
          <FormulaInput
            id={inputId}
            object={object}
            mode="field"
            expect="boolean"
            value={typeof value === 'string' ? value : ''}
            placeholder={tr('designer.approval.formulaPlaceholder')}
            onChange={(v) => onChange?.(v)}
          />
        </div>
      ) : (
        <div>
          <Typography.Paragraph aria-live="polite" style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{tr('designer.approval.currentCondition')} </Typography.Text>
            {tree ? text(tree) || compactJson(tree) : emptyText}
          </Typography.Paragraph>
          {flat ? (
            <FilterBuilder fields={fields} initial={builderState(tree)} onApply={(s) => onChange?.(toCondition(s) as Test)} />
          ) : (
            <Alert
              type="info"
              showIcon
              title={tr('designer.view.complexFilter')}
              description={<code style={{ wordBreak: 'break-all' }}>{compactJson(tree)}</code>}
              action={
                <Button size="small" onClick={() => onChange?.(undefined)}>
                  {tr('designer.approval.clearCondition')}
                </Button>
              }
            />
          )}
        </div>
      )}
    </div>
  );
}
