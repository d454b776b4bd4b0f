'use client';
/**
 * A field's form rules in the designer: shown only while, required while, read-only while — each a
 * condition over the record, built with the same condition builder as list views. The form applies
 * them as the user types; the server enforces them on every channel.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Collapse, Typography } from 'antd';
import { FilterBuilder, toCondition } from '../FilterBuilder';
import { builderState } from '../admin/conditionText';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import type { ObjectInfo } from '../types';
import { useConditionText } from './ViewsTab';

export const FORM_RULE_KEYS = ['visibleIf', 'requiredIf', 'readOnlyIf'] as const;
export type FormRuleKey = (typeof FORM_RULE_KEYS)[number];
export type FormRuleValues = Partial<Record<FormRuleKey, unknown>>;

const TITLES = { visibleIf: 'designer.formRules.visibleIf', requiredIf: 'designer.formRules.requiredIf', readOnlyIf: 'designer.formRules.readOnlyIf' } as const;

export function FormRulesEditor({ object, field, value, onChange }: { object: string; field?: string; value: FormRuleValues; onChange(next: FormRuleValues): void }) {
  const trpc = useTRPC();
  const { tr } = useT();
  const meta = useQuery(trpc.meta.object.queryOptions({ object }));
  const info = meta.data?.object as unknown as ObjectInfo | undefined;
  const fields = (info?.fields ?? []).filter((f) => f.name !== field);
  const text = useConditionText(fields);
  if (!info) return null;
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 24 }}
      items={[
        {
          key: 'rules',
          label: tr('designer.formRules.title'),
          children: (
            <div>
              <Typography.Paragraph type="secondary">{tr('designer.formRules.hint')}</Typography.Paragraph>
              {FORM_RULE_KEYS.map((k) => {
                const current = value[k];
                const id = `form-rule-${k}`;
                return (
                  <section key={k} aria-labelledby={id} style={{ marginBottom: 16 }}>
                    <Typography.Title level={4} id={id} style={{ fontSize: 14, margin: '0 0 4px' }}>
                      {tr(TITLES[k])}
                    </Typography.Title>
                    <Typography.Paragraph aria-live="polite" style={{ marginBottom: 8 }}>
                      {current ? text(current) : tr('designer.formRules.always')}
                    </Typography.Paragraph>
                    {current !== undefined && builderState(current).rows.length === 0 && (
                      <Alert type="info" showIcon title={tr('designer.view.complexFilter')} style={{ marginBottom: 8 }} />
                    )}
                    <FilterBuilder fields={fields} initial={builderState(current)} onApply={(s) => onChange({ ...value, [k]: toCondition(s) })} />
                  </section>
                );
              })}
            </div>
          ),
        },
      ]}
    />
  );
}
