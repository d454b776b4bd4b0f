'use client';
/**
 * The parameters of computed fields in the field form: a formula field's expression (checked as
 * you type), result type, decimal places and currency; a roll-up's child object, the lookup that
 * links it, the function, the summarised field and an optional filter (a JSON condition); for both,
 * whether it is safe to show to users who cannot read its inputs. Form rules (visible / required /
 * read-only if) are kept as written but not edited here.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { Checkbox, Form, Input, InputNumber, Select, Space } from 'antd';
import { useEffect } from 'react';
import { anyField, lookupTarget } from '../../../fields/guards';
import type { MessageKey } from '../../../core/i18n';
import { useT } from '../../i18n';
import { useTRPC } from '../../trpc';
import type { DesignerField } from '../common';
import { FormulaInput, type FormulaExpect } from '../FormulaInput';

const RETURN_TYPES = ['number', 'currency', 'percent', 'text', 'date', 'datetime', 'boolean'] as const;
export type ReturnType = (typeof RETURN_TYPES)[number];
type Fn = 'count' | 'sum' | 'min' | 'max';

/** Form values of the computed-field items. */
export interface ComputedValues {
  formula?: string;
  returnType?: ReturnType;
  currency?: string;
  summaryObject?: string;
  summaryVia?: string;
  summaryFn?: Fn;
  summaryField?: string;
  summaryFilter?: string;
  safeToShow?: boolean;
}

export const COMPUTED_ITEMS = ['formula', 'returnType', 'currency', 'summaryObject', 'summaryVia', 'summaryFn', 'summaryField', 'summaryFilter', 'safeToShow'] as const;

const NUMERIC_RESULTS: ReturnType[] = ['number', 'currency', 'percent'];
const NUMERIC_FIELDS = ['integer', 'decimal', 'currency', 'percent', 'rollup'];

/** The form item a server error under /summary is about. */
export function summaryItemOf(segments: string[]): string | null {
  const at = segments.indexOf('summary');
  if (at < 0) return null;
  const key = segments[at + 1];
  if (key === 'object' || key === 'via' || key === 'fn' || key === 'field' || key === 'filter') return `summary${key[0].toUpperCase()}${key.slice(1)}`;
  return 'summaryObject';
}

export function computedInitialValues(field: DesignerField | null): ComputedValues {
  const f = field ? anyField(field) : null;
  const s = f?.summary;
  return {
    formula: f?.formula ?? '',
    returnType: f?.returnType,
    currency: f?.currency ?? undefined,
    summaryObject: s?.object,
    summaryVia: s?.via,
    summaryFn: s?.fn,
    summaryField: s?.field,
    summaryFilter: s?.filter === undefined ? '' : JSON.stringify(s.filter, null, 2),
    safeToShow: Boolean(f?.safeToShow),
  };
}

/** The computed-field properties of a definition from the form (undefined: not set). */
export function computedProps(type: string, v: ComputedValues): Record<string, unknown> {
  // Written only when ticked, so an untouched stock field stays as stock wrote it.
  const safeToShow = v.safeToShow ? true : undefined;
  if (type === 'formula') {
    const numeric = NUMERIC_RESULTS.includes(v.returnType ?? 'number');
    return {
      formula: v.formula?.trim(),
      returnType: v.returnType,
      currency: v.returnType === 'currency' ? v.currency?.trim() || undefined : undefined,
      ...(numeric ? {} : { scale: undefined }),
      safeToShow,
    };
  }
  if (type === 'rollup') {
    const filterText = v.summaryFilter?.trim();
    const summary = {
      object: v.summaryObject,
      via: v.summaryVia,
      fn: v.summaryFn,
      ...(v.summaryFn && v.summaryFn !== 'count' && v.summaryField ? { field: v.summaryField } : {}),
      ...(filterText ? { filter: JSON.parse(filterText) as unknown } : {}),
    };
    return { summary, returnType: undefined, currency: undefined, safeToShow };
  }
  return {};
}

/** Whether the value may be shown to users who cannot read what it is worked out from. */
function SafeToShowItem() {
  const { tr } = useT();
  return (
    <Form.Item name="safeToShow" valuePropName="checked" extra={tr('designer.computed.safeToShowHint')}>
      <Checkbox>{tr('designer.computed.safeToShow')}</Checkbox>
    </Form.Item>
  );
}

const expectOf = (rt: ReturnType | undefined): FormulaExpect | undefined => (rt === 'currency' || rt === 'percent' ? 'number' : rt);

function FormulaItems({ object }: { object: string }) {
  const { tr } = useT();
  const returnType = Form.useWatch<ReturnType | undefined>('returnType');
  return (
    <>
      <Form.Item label={tr('designer.computed.returnType')} name="returnType" rules={[{ required: true, message: tr('admin.required') }]} style={{ maxWidth: 320 }}>
        <Select options={RETURN_TYPES.map((r) => ({ value: r, label: tr(`designer.computed.rt.${r}` as MessageKey) }))} />
      </Form.Item>
      <Form.Item
        label={tr('designer.computed.formula')}
        name="formula"
        extra={tr('designer.computed.formulaHint')}
        rules={[{ required: true, whitespace: true, message: tr('admin.required') }]}
      >
        <FormulaInput object={object} mode="field" expect={expectOf(returnType)} placeholder="amount * probability / 100" />
      </Form.Item>
      <Space size="large" wrap>
        {NUMERIC_RESULTS.includes(returnType ?? 'number') && (
          <Form.Item label={tr('designer.field.scale')} name="scale">
            <InputNumber min={0} max={10} precision={0} style={{ width: 200 }} />
          </Form.Item>
        )}
        {returnType === 'currency' && (
          <Form.Item
            label={tr('designer.computed.currency')}
            name="currency"
            extra={tr('designer.computed.currencyHint')}
            rules={[{ pattern: /^[A-Z]{3}$/, message: tr('designer.computed.currencyHint') }]}
          >
            <Input autoComplete="off" maxLength={3} style={{ width: 120 }} />
          </Form.Item>
        )}
      </Space>
      <SafeToShowItem />
    </>
  );
}

function RollupItems({ object }: { object: string }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const form = Form.useFormInstance();
  const child = Form.useWatch<string | undefined>('summaryObject');
  const via = Form.useWatch<string | undefined>('summaryVia');
  const fn = Form.useWatch<Fn | undefined>('summaryFn');
  const summarised = Form.useWatch<string | undefined>('summaryField');
  const objects = useQuery(trpc.designer.objects.queryOptions());
  const live = (objects.data ?? []).filter((o) => !o.archived);
  // Which objects look up to this one: read each object's fields (cached with the designer's queries).
  const details = useQueries({ queries: live.map((o) => trpc.designer.object.queryOptions({ name: o.name })) });
  const lookupsOf = (name: string | undefined) => {
    const i = live.findIndex((o) => o.name === name);
    return (details[i]?.data?.fields ?? []).filter((f) => lookupTarget(f) === object && !f.archived);
  };
  const children = live.filter((o) => lookupsOf(o.name).length > 0);
  const vias = lookupsOf(child);
  const childFields = details[live.findIndex((o) => o.name === child)]?.data?.fields ?? [];
  const summarisable = childFields.filter((f) => !f.archived && (NUMERIC_FIELDS.includes(f.type) || (fn !== 'sum' && (f.type === 'date' || f.type === 'datetime'))));
  const loading = objects.isLoading || details.some((d) => d.isLoading);
  const viaNames = vias.map((f) => f.name).join(',');
  const summarisableNames = summarisable.map((f) => f.name).join(',');
  // Keep the lookup and summarised field consistent with the chosen child and function.
  useEffect(() => {
    if (loading || !child) return;
    const names = viaNames ? viaNames.split(',') : [];
    if (!via || !names.includes(via)) form.setFieldValue('summaryVia', names.length === 1 ? names[0] : undefined);
    if (summarised && !summarisableNames.split(',').includes(summarised)) form.setFieldValue('summaryField', undefined);
  }, [loading, child, via, viaNames, summarised, summarisableNames, form]);

  return (
    <>
      <Space size="large" wrap align="start">
        <Form.Item
          label={tr('designer.rollup.object')}
          name="summaryObject"
          rules={[{ required: true, message: tr('admin.required') }]}
          style={{ width: 300 }}
          extra={!loading && children.length === 0 ? tr('designer.rollup.noChildren') : undefined}
        >
          <Select loading={loading} showSearch={{ optionFilterProp: 'label' }} options={children.map((o) => ({ value: o.name, label: `${label(o.label)} (${o.name})` }))} />
        </Form.Item>
        <Form.Item label={tr('designer.rollup.via')} name="summaryVia" rules={[{ required: true, message: tr('admin.required') }]} style={{ width: 300 }}>
          <Select disabled={!child} options={vias.map((f) => ({ value: f.name, label: `${label(f.label)} (${f.name})` }))} />
        </Form.Item>
      </Space>
      <Space size="large" wrap align="start">
        <Form.Item label={tr('designer.rollup.fn')} name="summaryFn" rules={[{ required: true, message: tr('admin.required') }]} style={{ width: 300 }}>
          <Select options={(['count', 'sum', 'min', 'max'] as const).map((f) => ({ value: f, label: tr(`designer.rollup.fn.${f}` as MessageKey) }))} />
        </Form.Item>
        {fn && fn !== 'count' && (
          <Form.Item label={tr('designer.rollup.field')} name="summaryField" rules={[{ required: true, message: tr('admin.required') }]} style={{ width: 300 }}>
            <Select disabled={!child} showSearch={{ optionFilterProp: 'label' }} options={summarisable.map((f) => ({ value: f.name, label: label(f.label) }))} />
          </Form.Item>
        )}
      </Space>
      <Form.Item
        label={tr('designer.rollup.filter')}
        name="summaryFilter"
        extra={tr('designer.rollup.filterHint')}
        rules={[
          {
            validator: async (_r, text: string | undefined) => {
              if (!text?.trim()) return;
              let parsed: unknown;
              try {
                parsed = JSON.parse(text);
              } catch {
                throw new Error(tr('designer.rollup.filterJson'));
              }
              if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(tr('designer.rollup.filterJson'));
            },
          },
        ]}
      >
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 8 }}
          spellCheck={false}
          placeholder='{"field": "stage", "op": "eq", "value": "closed_won"}'
          style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
        />
      </Form.Item>
      <Form.Item label={tr('designer.field.scale')} name="scale">
        <InputNumber min={0} max={10} precision={0} style={{ width: 200 }} />
      </Form.Item>
      <SafeToShowItem />
    </>
  );
}

/** The items of a formula or roll-up field (nothing for other types). */
export function ComputedFieldItems({ object, type }: { object: string; type: string }) {
  if (type === 'formula') return <FormulaItems object={object} />;
  if (type === 'rollup') return <RollupItems object={object} />;
  return null;
}
