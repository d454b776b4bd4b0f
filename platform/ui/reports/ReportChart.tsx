'use client';
/**
 * A report's chart on Apache ECharts (only the charts and components used are registered, SVG
 * renderer), or its number card or empty state. Clicking a bar, slice or funnel step opens the
 * records behind it. The chart is an image with a spoken summary; a hidden table carries the same
 * figures for screen readers.
 */
import { Empty } from 'antd';
import { BarChart, FunnelChart, GaugeChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef } from 'react';
import type { ReportChart as ReportChartOptions, ReportDefinition, ReportResult } from '../../reports/types';
import { useT } from '../i18n';
import { chartMeasure, chartOption, type ChartPoint } from './chartOption';
import { drillHref } from './drill';
import { measureFormat, type FieldTypeInfo } from './measureFormat';
import styles from './reports.module.css';

echarts.use([BarChart, LineChart, PieChart, FunnelChart, GaugeChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export interface ReportChartProps {
  result: ReportResult;
  /** The report's definition (its groupings, aggregates and formulas label and format the figures); a dashboard may pass only `chart`. */
  definition?: ReportDefinition;
  /** The chart to draw, when not the definition's own (a dashboard component's). */
  chart?: ReportChartOptions;
  /** Field types of the report's object (from `reports.fields`), so amounts read as currency. */
  fields?: Record<string, FieldTypeInfo>;
  height?: number;
  /** Instead of opening the list (a dashboard may want its own drill-down). */
  onDrill?: (point: ChartPoint) => void;
  /** Say "no records" when the result is empty (off where the tables beside already say so). */
  emptyState?: boolean;
}

/** The chart of a report result, clickable down to its records. */
export function ReportChart({ definition: given, chart, result, fields, height = 320, onDrill, emptyState = true }: ReportChartProps) {
  const { tr, locale } = useT();
  const router = useRouter();
  const ref = useRef<HTMLDivElement>(null);
  const definition = useMemo<ReportDefinition>(
    () => ({ object: result.object, format: result.format, ...given, chart: chart ?? given?.chart ?? { type: 'bar' } }),
    [given, chart, result.object, result.format],
  );
  const format = useMemo(() => measureFormat(definition, result, locale, fields), [definition, result, locale, fields]);
  const spec = useMemo(() => {
    const fieldLabels = Object.fromEntries(Object.entries(fields ?? {}).map(([path, f]) => [path, f.label ?? path]));
    return chartOption(definition, result, { locale, format, fieldLabels, height });
  }, [definition, result, locale, format, fields, height]);
  const drillRef = useRef<(point: ChartPoint) => void>(() => {});
  // The chart is built once per option; its click handler reads the latest drill target.
  useEffect(() => {
    drillRef.current = (point: ChartPoint) => {
      if (onDrill) return onDrill(point);
      const href = drillHref(result.object, point.drill);
      if (href) router.push(href);
    };
  }, [onDrill, result.object, router]);

  useEffect(() => {
    if (spec.kind !== 'echarts' || !ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg', locale: locale === 'zh-CN' ? 'ZH' : 'EN' });
    // Short entry animation, none for those who ask for less motion.
    const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    chart.setOption({ animation: !still, animationDuration: 400, ...spec.option });
    chart.on('click', (params) => {
      const data = params.data as { drill?: unknown } | undefined;
      if (data?.drill)
        drillRef.current({ label: String(params.name ?? ''), series: params.seriesName, value: typeof params.value === 'number' ? params.value : null, drill: data.drill });
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(ref.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [spec, locale]);

  if (spec.kind === 'table') return null;
  if (spec.kind === 'empty') return emptyState ? <Empty description={tr('rui.empty')} /> : null;
  if (spec.kind === 'number')
    return (
      <div className={styles.numberCard} role="img" aria-label={spec.summary}>
        <div className={styles.numberValue}>{spec.text}</div>
        <div className={styles.numberLabel}>{spec.label}</div>
      </div>
    );
  const measure = chartMeasure(definition, result);
  return (
    <figure className={styles.chartFigure}>
      <div ref={ref} role="img" aria-label={spec.summary} style={{ height, width: '100%' }} data-testid="report-chart" />
      {/* A table is never narrower than its content: hidden inside a 1px box, so a long Chinese summary cannot widen the page. */}
      <div className="sr-only">
        <table>
          <caption>{spec.summary.split(/\. |。/)[0]}</caption>
          <tbody>
            {spec.points
              .filter((p) => p.value !== null)
              .map((p, i) => (
                <tr key={i}>
                  <th scope="row">{p.series ? `${p.label}, ${p.series}` : p.label}</th>
                  <td>{format.full(measure, p.value)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
