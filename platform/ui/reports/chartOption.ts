/**
 * ECharts options from a report's definition and result: categories and series from the groups,
 * the measure formatted as the app formats it, each data item carrying its group's drill-down
 * condition, and a one-sentence summary for screen readers. Pure: unit-tested without a browser.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { pickLabel, t, type Locale } from '../../core/i18n';
import type { ChartType, ReportDefinition, ReportGroup, ReportResult } from '../../reports/types';
import { PALETTE, seriesColours } from './chartColours';
import { aggregateName, measureColumn, type MeasureFormat } from './measureFormat';

/** One figure of a chart: what the user clicks, and what the accessible table lists. */
export interface ChartPoint {
  label: string;
  series?: string;
  value: number | null;
  drill: unknown;
}

export type ChartSpec =
  | { kind: 'empty'; summary: string }
  | { kind: 'table'; summary: string }
  | { kind: 'number'; value: number | null; text: string; label: string; summary: string; drill: unknown }
  | { kind: 'echarts'; option: EChartsCoreOption; points: ChartPoint[]; summary: string };

export interface ChartOptions {
  locale: Locale;
  format: MeasureFormat;
  /** Labels of the object's fields by path (from `reports.fields`): the groupings' names. */
  fieldLabels?: Record<string, string>;
  /** The chart's height in pixels (a dashboard card is short): the funnel places its labels by it. */
  height?: number;
}

/** The aggregate or formula a chart shows: the chart's measure, else the first aggregate, else the first formula. */
export function chartMeasure(def: ReportDefinition, result: Pick<ReportResult, 'columns'>): string {
  if (def.chart?.measure) return def.chart.measure;
  const first = def.aggregates?.[0];
  if (first) return aggregateName(first);
  if (def.formulas?.[0]) return def.formulas[0].name;
  return result.columns.find((c) => c.type === 'aggregate' || c.aggregate)?.key ?? 'count';
}

/** The measure's label in the viewer's language. */
export function measureLabel(def: ReportDefinition, result: Pick<ReportResult, 'columns'>, key: string, locale: Locale): string {
  const col = measureColumn(result, key);
  if (col?.label) return col.label;
  const own = def.aggregates?.find((a) => aggregateName(a) === key)?.label ?? def.formulas?.find((f) => f.name === key)?.label;
  return own ? pickLabel({ en: own.en, zh: own.zh ?? '' }, locale) : key;
}

/** A grouping's label: the field's label when known, else its path; a dashboard that has no definition names none. */
function groupingLabel(def: ReportDefinition, result: ReportResult, level: number, fieldLabels: Record<string, string> = {}): string {
  const field = def.groupings?.[level]?.field;
  if (!field) return '';
  return fieldLabels[field] ?? result.columns.find((c) => c.key === field)?.label ?? field;
}

const keyOf = (k: ReportGroup['key']) => JSON.stringify(k ?? null);

/** Series (the second grouping level, or a matrix's column groups) over categories (the first level). */
function seriesOf(result: ReportResult, measure: string, fallbackName: string) {
  const top = result.groups;
  const inner = (g: ReportGroup) => (result.format === 'matrix' ? (g.cells ?? g.groups ?? []) : (g.groups ?? []));
  const nested = top.some((g) => inner(g).length > 0);
  if (!nested) {
    return { categories: top.map((g) => g.label), series: [{ name: fallbackName, data: top.map((g) => ({ value: g.aggregates[measure] ?? null, drill: g.drill })) }] };
  }
  const names = new Map<string, string>();
  for (const c of result.columnTotals ?? result.columnGroups ?? []) names.set(keyOf(c.key), c.label);
  // Each parent lists its children in the grouping's order; a key first seen under a later parent
  // goes right after its predecessor there, so months stay in calendar order across reps.
  const order: string[] = [...names.keys()];
  for (const g of top) {
    let at = -1;
    for (const c of inner(g)) {
      const k = keyOf(c.key);
      const i = order.indexOf(k);
      if (i >= 0) at = i;
      else {
        order.splice(at + 1, 0, k);
        names.set(k, c.label);
        at += 1;
      }
    }
  }
  // Periods and number ranges have an order of their own, whoever comes first.
  const raw = order.map((k) => JSON.parse(k) as ReportGroup['key']);
  const present = raw.filter((k) => k !== null);
  if (present.every((k) => typeof k === 'number') || present.every((k) => typeof k === 'string' && /^\d{4}-\d{2}-\d{2}/.test(k))) {
    order.sort((a, b) => {
      const x = JSON.parse(a) as string | number | null;
      const y = JSON.parse(b) as string | number | null;
      return x === null ? 1 : y === null ? -1 : x < y ? -1 : x > y ? 1 : 0;
    });
  }
  const series = order
    .map((key) => [key, names.get(key)!] as const)
    .map(([key, name]) => ({
      name,
      data: top.map((g) => {
        const cell = inner(g).find((c) => keyOf(c.key) === key);
        return cell ? { value: cell.aggregates[measure] ?? null, drill: cell.drill } : { value: null, drill: null };
      }),
    }));
  return { categories: top.map((g) => g.label), series };
}

const MAX_SPOKEN = 12;

/** The sentence a screen reader hears for the chart, with its first figures. */
function spoken(head: string, points: ChartPoint[], format: MeasureFormat, measure: string): string {
  const figures = points
    .filter((p) => p.value !== null)
    .slice(0, MAX_SPOKEN)
    .map((p) => `${p.series ? `${p.label}, ${p.series}` : p.label}: ${format.full(measure, p.value)}`);
  const more = points.length > MAX_SPOKEN ? '; …' : '';
  return figures.length ? `${head} ${figures.join('; ')}${more}` : head;
}

/** A number a gauge's scale ends on: the target, else a round figure above the value. */
function gaugeMax(value: number, target?: number): number {
  if (target && target > 0) return Math.max(target, value);
  if (value <= 0) return 100;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Math.ceil((value * 1.1) / magnitude) * magnitude;
}

/** The chart for a report, or why there is none (empty result, table-only, tabular format). */
export function chartOption(def: ReportDefinition, result: ReportResult, { locale, format, fieldLabels, height = 320 }: ChartOptions): ChartSpec {
  const type: ChartType = def.chart?.type ?? 'table';
  const measure = chartMeasure(def, result);
  const mLabel = measureLabel(def, result, measure, locale);
  const chartName = t(locale, `rui.chart.${type}` as never);
  const by = groupingLabel(def, result, 0, fieldLabels);
  const head = by ? t(locale, 'rui.chartOf', { chart: chartName, measure: mLabel, by }) : t(locale, 'rui.chartTotal', { chart: chartName, measure: mLabel });
  if (type === 'number' || type === 'gauge') {
    const value = result.totals[measure] ?? null;
    const text = format.full(measure, value);
    const summary = `${t(locale, 'rui.chartTotal', { chart: chartName, measure: mLabel })} ${text}`;
    if (type === 'number') return { kind: 'number', value, text, label: mLabel, summary, drill: def.filter ?? { all: [] } };
    const target = def.chart?.target;
    const max = gaugeMax(value ?? 0, target);
    const targetText = target ? ` ${t(locale, 'rui.target', { value: format.full(measure, target) })}` : '';
    const option: EChartsCoreOption = {
      series: [
        {
          type: 'gauge',
          min: 0,
          max,
          progress: { show: true, width: 14 },
          axisLine: { lineStyle: { width: 14 } },
          axisLabel: { formatter: (v: number) => format.short(measure, v), distance: 20, fontSize: 10 },
          splitNumber: 4,
          pointer: { show: false },
          title: { offsetCenter: [0, '70%'], fontSize: 13 },
          detail: { valueAnimation: false, offsetCenter: [0, '20%'], fontSize: 22, formatter: () => format.short(measure, value) },
          // The figure drills to the records behind it: the report's own filter (a dashboard adds its filters).
          data: [{ value: value ?? 0, name: `${mLabel}${targetText}`, drill: def.filter ?? { all: [] } }],
        },
      ],
    };
    return { kind: 'echarts', option, points: [{ label: mLabel, value, drill: def.filter ?? { all: [] } }], summary: summary + targetText };
  }
  if (type === 'table' || def.format === 'tabular') return { kind: 'table', summary: head };
  if (result.groups.length === 0) return { kind: 'empty', summary: t(locale, 'rui.empty') };

  const tooltip = { valueFormatter: (v: number | null) => format.full(measure, v) };
  if (type === 'pie' || type === 'donut' || type === 'funnel') {
    const colours = seriesColours(result.groups.length, type !== 'funnel');
    const data = result.groups.map((g, i) => ({ name: g.label, value: g.aggregates[measure] ?? null, drill: g.drill, itemStyle: { color: colours[i] } }));
    const points = data.map((d) => ({ label: d.name, value: d.value, drill: d.drill }));
    if (type === 'funnel') {
      const funnel = funnelLayout(data, height, (v) => format.short(measure, v));
      const option: EChartsCoreOption = { tooltip: { trigger: 'item', ...tooltip }, ...(funnel.legend ? { legend: { type: 'scroll', bottom: 0 } } : {}), series: [funnel.series] };
      return { kind: 'echarts', option, points, summary: spoken(head, points, format, measure) };
    }
    const series = { type: 'pie', radius: type === 'donut' ? ['42%', '70%'] : '70%', center: ['50%', '45%'], label: { formatter: '{b}\n{d}%' }, data };
    const option: EChartsCoreOption = { tooltip: { trigger: 'item', ...tooltip }, legend: { type: 'scroll', bottom: 0 }, series: [series] };
    return { kind: 'echarts', option, points, summary: spoken(head, points, format, measure) };
  }

  const { categories, series } = seriesOf(result, measure, mLabel);
  const horizontal = type === 'bar_horizontal';
  const categoryAxis = { type: 'category', data: categories, inverse: horizontal, axisLabel: { hideOverlap: true } };
  const valueAxis = { type: 'value', axisLabel: { formatter: (v: number) => format.short(measure, v), hideOverlap: true } };
  const points: ChartPoint[] = series.flatMap((s) =>
    s.data.map((d, i) => ({ label: categories[i], series: series.length > 1 ? s.name : undefined, value: d.value, drill: d.drill })),
  );
  const option: EChartsCoreOption = {
    color: [...PALETTE],
    // A bar's tooltip names that one bar (what a click opens); a line's names the whole period.
    tooltip: type === 'line' ? { trigger: 'axis', ...tooltip } : { trigger: 'item', ...tooltip },
    legend: series.length > 1 ? { type: 'scroll', bottom: 0 } : undefined,
    grid: { left: 8, right: 16, top: 16, bottom: series.length > 1 ? 40 : 8, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: series.map((s) => ({
      name: s.name,
      type: type === 'line' ? 'line' : 'bar',
      stack: type === 'bar_stacked' ? 'total' : undefined,
      connectNulls: type === 'line' ? true : undefined,
      emphasis: { focus: 'series' },
      data: s.data,
    })),
  };
  return { kind: 'echarts', option, points, summary: spoken(head, points, format, measure) };
}

type FunnelItem = { name: string; value: number | null; drill: unknown; itemStyle: { color: string } };

/**
 * A funnel's labels by the room there is: each step's name and figure inside a wide step and to
 * the right of a narrow one (the funnel moves left to leave room), on one line when steps are
 * short, and none (a legend instead) when a card is too short for a label per step.
 */
export function funnelLayout(data: FunnelItem[], height: number, short: (v: number) => string): { series: Record<string, unknown>; legend: boolean } {
  const step = (height - 16) / Math.max(1, data.length);
  const labelled = step >= 14;
  const twoLines = step >= 34;
  const max = Math.max(0, ...data.map((d) => d.value ?? 0));
  // A step narrower than half the widest holds no text: its label goes outside.
  const outside = (d: FunnelItem) => !max || (d.value ?? 0) / max < 0.5;
  const anyOutside = labelled && data.some(outside);
  const text = (p: { name: string; value: number }) => `${p.name}${twoLines ? '\n' : ' '}${short(p.value)}`;
  const series = {
    type: 'funnel',
    sort: 'none',
    left: anyOutside ? '2%' : '10%',
    width: anyOutside ? '58%' : '80%',
    top: 8,
    bottom: labelled ? 8 : 48,
    minSize: '8%',
    gap: step >= 20 ? 2 : 1,
    label: { show: labelled, position: 'inside', formatter: text, fontSize: twoLines ? 12 : 11, lineHeight: twoLines ? 15 : 13, overflow: 'truncate' },
    labelLine: { show: anyOutside, length: 8 },
    data: data.map((d) => (labelled && outside(d) ? { ...d, label: { position: 'right', color: '#262626', width: 140, overflow: 'truncate' } } : d)),
  };
  return { series, legend: !labelled };
}
