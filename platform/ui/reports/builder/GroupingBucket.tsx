'use client';
/** A grouping's bucket: dates by period, numbers by ranges, picklists by a reusable bucket definition. */
import { Input, Select } from 'antd';
import { useState } from 'react';
import type { ReportGrouping } from '../../../reports/types';
import { useT } from '../../i18n';
import type { ReportField } from '../api';
import { BucketGaps } from '../BucketGaps';

const DATE_BUCKETS = ['day', 'week', 'month', 'quarter', 'year', 'fiscal_quarter', 'fiscal_year'] as const;
const NUMBER_TYPES = new Set(['currency', 'amount', 'decimal', 'integer', 'percent']);

/** "0, 100000, 1000000" as ascending lower bounds, or null when it is not that. */
export function parseRanges(text: string): number[] | null {
  const parts = text.split(/[,，\s]+/).filter(Boolean);
  const nums = parts.map(Number);
  if (!parts.length || nums.some((n) => !Number.isFinite(n))) return null;
  return nums.every((n, i) => i === 0 || n > nums[i - 1]) ? nums : null;
}

/** The grouping with another bucket (none: by value), keeping its order and top; ranges go with the range bucket only. */
function withBucket(g: ReportGrouping, bucket: string | undefined, ranges?: number[]): ReportGrouping {
  const { bucket: _b, ranges: _r, ...rest } = g;
  return { ...rest, ...(bucket ? { bucket } : {}), ...(ranges ? { ranges } : {}) };
}

export function GroupingBucket({ grouping, field, label, onChange }: { grouping: ReportGrouping; field?: ReportField; label: string; onChange(g: ReportGrouping): void }) {
  const { tr } = useT();
  const [rangesText, setRangesText] = useState((grouping.ranges ?? []).join(', '));
  const type = field?.type ?? '';
  const aria = tr('rui.builder.bucket', { label });
  const none = { value: '', label: tr('rui.bucket.none') };
  if (type === 'date' || type === 'datetime') {
    return (
      <Select
        aria-label={aria}
        size="small"
        style={{ width: 130 }}
        value={grouping.bucket ?? ''}
        options={[none, ...DATE_BUCKETS.map((b) => ({ value: b, label: tr(`rui.bucket.${b}`) }))]}
        onChange={(b) => onChange(withBucket(grouping, b))}
      />
    );
  }
  if (NUMBER_TYPES.has(type)) {
    const ranged = grouping.bucket === 'range';
    return (
      <>
        <Select
          aria-label={aria}
          size="small"
          style={{ width: 130 }}
          value={ranged ? 'range' : ''}
          options={[none, { value: 'range', label: tr('rui.bucket.range') }]}
          onChange={(b) => onChange(b ? withBucket(grouping, 'range', parseRanges(rangesText) ?? [0, 100000, 1000000]) : withBucket(grouping, undefined))}
        />
        {ranged && (
          <Input
            aria-label={tr('rui.builder.ranges', { label })}
            size="small"
            style={{ width: 180 }}
            placeholder="0, 100000, 1000000"
            value={rangesText || (grouping.ranges ?? []).join(', ')}
            status={rangesText && !parseRanges(rangesText) ? 'error' : undefined}
            onChange={(e) => {
              setRangesText(e.target.value);
              const ranges = parseRanges(e.target.value);
              if (ranges) onChange({ ...grouping, ranges });
            }}
          />
        )}
      </>
    );
  }
  if (field?.options && field.buckets.length) {
    const gaps = grouping.bucket ? (field.unbucketed?.[grouping.bucket] ?? []) : [];
    const optionLabel = (v: string) => field.options?.find((o) => o.value === v)?.label ?? v;
    return (
      <>
        <Select
          aria-label={aria}
          size="small"
          style={{ width: 160 }}
          value={grouping.bucket ?? ''}
          options={[none, ...field.buckets.map((b) => ({ value: b, label: b }))]}
          onChange={(b) => onChange(withBucket(grouping, b))}
        />
        {gaps.length > 0 && (
          <div style={{ flexBasis: '100%' }}>
            <BucketGaps gaps={[{ name: grouping.bucket!, values: gaps.map(optionLabel) }]} />
          </div>
        )}
      </>
    );
  }
  return null;
}
