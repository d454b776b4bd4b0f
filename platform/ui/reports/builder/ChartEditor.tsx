'use client';
/** The report's chart: its type, the measure it shows, a gauge's target. */
import { InputNumber, Select, Space, Typography } from 'antd';
import type { ChartType, ReportChart, ReportDefinition, ReportResult } from '../../../reports/types';
import { useT } from '../../i18n';
import { measureLabel } from '../chartOption';
import { measureKeys } from '../reportTables';
import styles from './builder.module.css';

const TYPES: ChartType[] = ['bar', 'bar_stacked', 'bar_horizontal', 'line', 'pie', 'donut', 'funnel', 'gauge', 'number', 'table'];

export function ChartEditor({ def, result, onChange }: { def: ReportDefinition; result?: ReportResult; onChange(chart: ReportChart): void }) {
  const { tr, locale } = useT();
  const chart = def.chart ?? { type: 'table' };
  const measures = measureKeys(def, result ?? { columns: [], totals: {} });
  return (
    <section className={styles.section} aria-label={tr('rui.builder.chart')}>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {tr('rui.builder.chart')}
      </Typography.Title>
      <Space wrap>
        <Select
          aria-label={tr('rui.builder.chartType')}
          style={{ width: 180 }}
          value={chart.type}
          options={TYPES.map((t) => ({ value: t, label: tr(`rui.chart.${t}`) }))}
          onChange={(type) => onChange({ ...chart, type })}
        />
        {chart.type !== 'table' && measures.length > 0 && (
          <Select
            aria-label={tr('rui.builder.measure')}
            style={{ width: 200 }}
            value={chart.measure ?? measures[0]}
            options={measures.map((m) => ({ value: m, label: result ? measureLabel(def, result, m, locale) : m }))}
            onChange={(measure) => onChange({ ...chart, measure })}
          />
        )}
        {chart.type === 'gauge' && (
          <InputNumber
            aria-label={tr('rui.builder.target')}
            placeholder={tr('rui.builder.target')}
            min={0}
            style={{ width: 160 }}
            value={chart.target}
            onChange={(target) => onChange({ ...chart, target: target ?? undefined })}
          />
        )}
      </Space>
    </section>
  );
}
