/**
 * How a report's figures read: counts as integers, amounts as the app formats currency (Intl, the
 * field's currency, CNY by default), percent formulas as percents; axis labels in the short form
 * (1.2M, 120万, 3.4亿). Pure, so the chart builders and the tables format alike.
 */
import type { Locale } from '../../core/i18n';
import type { ReportDefinition, ReportResult, ReportResultColumn } from '../../reports/types';

/** What the screens know about a field of the report's object (from `reports.fields`). */
export interface FieldTypeInfo {
  type: string;
  currency?: string;
  scale?: number;
  label?: string;
  /** Picklist options and the like, which the field type's formatter reads. */
  [param: string]: unknown;
}

export type MeasureKind = 'count' | 'currency' | 'percent' | 'number';

export interface MeasureFormat {
  /** The figure as a table shows it: "¥1,234,567.00", "12", "45.0%". */
  full: (key: string, value: number | null | undefined) => string;
  /** The figure on an axis or a small label: "¥1.2M", "¥123万". */
  short: (key: string, value: number | null | undefined) => string;
  kind: (key: string) => MeasureKind;
}

/** The column of an aggregate or formula, by name. */
export function measureColumn(result: Pick<ReportResult, 'columns'>, key: string): ReportResultColumn | undefined {
  return result.columns.find((c) => c.key === key);
}

/** The kind of figure a measure is: from its column, the definition's aggregate/formula, and the field types. */
function kindOf(
  def: ReportDefinition,
  result: Pick<ReportResult, 'columns'>,
  key: string,
  fields: Record<string, FieldTypeInfo>,
): { kind: MeasureKind; currency?: string; scale?: number } {
  const col = measureColumn(result, key);
  // The result says how a formula reads (a dashboard may have no definition); the definition's own word comes first.
  const formula = def.formulas?.find((f) => f.name === key) ?? (col?.type === 'formula' ? col : undefined);
  if (formula) return { kind: formula.format === 'percent' ? 'percent' : formula.format === 'currency' ? 'currency' : 'number' };
  const agg = col?.aggregate ?? def.aggregates?.find((a) => aggregateName(a) === key);
  if (agg && (agg.fn === 'count' || agg.fn === 'count_distinct')) return { kind: 'count' };
  const fieldName = agg?.field ?? key;
  const field = fields[fieldName] ?? (result.columns.some((c) => c.key === fieldName) ? { type: measureColumn(result, fieldName)!.type } : undefined);
  if (field?.type === 'currency' || field?.type === 'amount') return { kind: 'currency', currency: field.currency, scale: field.scale };
  if (field?.type === 'percent') return { kind: 'percent' };
  if (field?.type === 'integer') return { kind: 'count' };
  return { kind: 'number', scale: field?.scale };
}

/** The stable name of an aggregate, as the engine names it. */
export function aggregateName(a: { fn: string; field?: string; name?: string }): string {
  return a.name ?? (a.field ? `${a.fn}_${a.field.replace(/\./g, '_')}` : a.fn);
}

/** A formatter for this report's measures in the viewer's language. */
export function measureFormat(def: ReportDefinition, result: Pick<ReportResult, 'columns'>, locale: Locale, fields: Record<string, FieldTypeInfo> = {}): MeasureFormat {
  const cache = new Map<string, ReturnType<typeof kindOf>>();
  const info = (key: string) => {
    if (!cache.has(key)) cache.set(key, kindOf(def, result, key, fields));
    return cache.get(key)!;
  };
  const fmt = (key: string, value: number | null | undefined, short: boolean): string => {
    if (value === null || value === undefined || !Number.isFinite(value)) return '—';
    const { kind, currency, scale } = info(key);
    const compact = short && Math.abs(value) >= 10000 ? ({ notation: 'compact', maximumFractionDigits: 1 } as const) : {};
    try {
      if (kind === 'currency') {
        const digits = short
          ? { minimumFractionDigits: 0, maximumFractionDigits: Math.abs(value) >= 10000 ? 1 : 0 }
          : { minimumFractionDigits: scale ?? 2, maximumFractionDigits: scale ?? 2 };
        return new Intl.NumberFormat(locale, { style: 'currency', currency: currency ?? 'CNY', ...digits, ...compact }).format(value);
      }
      if (kind === 'percent') {
        // A percent field stores 45 for 45 %; a percent formula yields the ratio 0.45.
        const ratio = def.formulas?.some((f) => f.name === key) || measureColumn(result, key)?.type === 'formula' ? value : value / 100;
        return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
      }
      if (kind === 'count') return new Intl.NumberFormat(locale, { maximumFractionDigits: 0, ...compact }).format(value);
      return new Intl.NumberFormat(locale, { maximumFractionDigits: scale ?? 2, ...compact }).format(value);
    } catch {
      return String(value);
    }
  };
  return { full: (k, v) => fmt(k, v, false), short: (k, v) => fmt(k, v, true), kind: (k) => info(k).kind };
}
