import { describe, expect, it } from 'vitest';
import { chartOption } from '@/platform/ui/reports/chartOption';
import { measureFormat } from '@/platform/ui/reports/measureFormat';
import type { ReportDefinition } from '@/platform/reports/types';
import { emptyResult, wonByRepDef, wonByRepResult, wonMatrixDef, wonMatrixResult } from './fixtures';

const fields = { amount: { type: 'currency' } };
const build = (def: ReportDefinition, result = wonByRepResult, locale: 'en' | 'zh-CN' = 'en') =>
  chartOption(def, result, { locale, format: measureFormat(def, result, locale, fields) });
type Series = { type: string; name: string; stack?: string; data: { value: number | null; drill: unknown }[] };
const optionOf = (spec: ReturnType<typeof build>) => {
  if (spec.kind !== 'echarts') throw new Error(`expected a chart, got ${spec.kind}`);
  return spec.option as { xAxis: { data?: string[]; type: string }; yAxis: { data?: string[]; type: string; axisLabel: { formatter: (v: number) => string } }; series: Series[] };
};

describe('chartOption', () => {
  it('bar: reps are the categories, months the series, each bar carrying the drill of its own group', () => {
    const o = optionOf(build(wonByRepDef));
    expect(o.xAxis.data).toEqual(['Li Lei', 'Han Meimei']);
    expect(o.series.map((s) => s.name)).toEqual(['Oct 2026', 'Nov 2026']);
    expect(o.series[1].data.map((d) => d.value)).toEqual([2000000, 500000]);
    expect(o.series[0].data[1]).toEqual({ value: null, drill: null });
    expect(o.series[1].data[0].drill).toEqual(wonByRepResult.groups[0].groups![1].drill);
    expect(o.series.every((s) => s.type === 'bar' && !s.stack)).toBe(true);
  });

  it('bar with one grouping: one series named by the measure', () => {
    const result = { ...wonByRepResult, groups: wonByRepResult.groups.map((g) => ({ ...g, groups: undefined })) };
    const o = optionOf(build({ ...wonByRepDef, groupings: [{ field: 'owner' }] }, result));
    expect(o.series).toHaveLength(1);
    expect(o.series[0].name).toBe('Sum of Amount');
    expect(o.series[0].data.map((d) => d.value)).toEqual([3000000, 500000]);
  });

  it('stacked bars stack; horizontal bars put the categories on the y axis, first on top', () => {
    expect(optionOf(build({ ...wonByRepDef, chart: { type: 'bar_stacked' } })).series.every((s) => s.stack === 'total')).toBe(true);
    const h = optionOf(build({ ...wonByRepDef, chart: { type: 'bar_horizontal' } }));
    expect(h.yAxis.data).toEqual(['Li Lei', 'Han Meimei']);
    expect(h.xAxis.type).toBe('value');
    expect((h.yAxis as unknown as { inverse: boolean }).inverse).toBe(true);
  });

  it('matrix: column groups are the series in their own order', () => {
    const cellsOnly = { ...wonMatrixResult, groups: wonMatrixResult.groups.map((g) => ({ ...g, cells: g.groups, groups: undefined })) };
    const o = optionOf(build({ ...wonMatrixDef, chart: { type: 'line' } }, cellsOnly));
    expect(o.series.map((s) => [s.name, s.type])).toEqual([
      ['Oct 2026', 'line'],
      ['Nov 2026', 'line'],
    ]);
  });

  it('amount axis labels are short currency figures; Chinese uses 万', () => {
    expect(optionOf(build(wonByRepDef)).yAxis.axisLabel.formatter(2000000)).toBe('CN¥2M');
    expect(optionOf(build(wonByRepDef, wonByRepResult, 'zh-CN')).yAxis.axisLabel.formatter(2000000)).toBe('¥200万');
  });

  it('pie, donut and funnel: one slice per top group with its drill, funnel keeps the group order', () => {
    for (const type of ['pie', 'donut', 'funnel'] as const) {
      const spec = build({ ...wonByRepDef, chart: { type } });
      const s = optionOf(spec).series[0] as unknown as { type: string; sort?: string; radius: unknown; data: { name: string; value: number; drill: unknown }[] };
      expect(s.data.map((d) => [d.name, d.value])).toEqual([
        ['Li Lei', 3000000],
        ['Han Meimei', 500000],
      ]);
      expect(s.data[1].drill).toEqual(wonByRepResult.groups[1].drill);
      if (type === 'funnel') expect(s.sort).toBe('none');
      if (type === 'donut') expect(s.radius).toEqual(['42%', '70%']);
    }
  });

  it('number card: the formatted total and its label', () => {
    const spec = build({ ...wonByRepDef, chart: { type: 'number' } });
    expect(spec).toMatchObject({ kind: 'number', value: 3500000, text: 'CN¥3,500,000.00', label: 'Sum of Amount', drill: wonByRepDef.filter ?? { all: [] } });
    const zh = build({ ...wonByRepDef, chart: { type: 'number', measure: 'count' } }, wonByRepResult, 'zh-CN');
    expect(zh).toMatchObject({ kind: 'number', text: '4' });
  });

  it('gauge: scale ends on the target, which the title names', () => {
    const spec = build({ ...wonByRepDef, chart: { type: 'gauge', target: 5000000 } });
    const g = optionOf(spec).series[0] as unknown as { max: number; data: { value: number; name: string }[] };
    expect(g.max).toBe(5000000);
    // Clicking the gauge opens the records behind the figure: the report's filter.
    expect(g.data[0]).toEqual({ value: 3500000, name: 'Sum of Amount Target CN¥5,000,000.00', drill: wonByRepDef.filter ?? { all: [] } });
    const noTarget = optionOf(build({ ...wonByRepDef, chart: { type: 'gauge' } })).series[0] as unknown as { max: number };
    expect(noTarget.max).toBeGreaterThan(3500000);
  });

  it('an empty result is an honest empty state, not an empty chart', () => {
    expect(build(wonByRepDef, emptyResult)).toEqual({ kind: 'empty', summary: 'No records match this report.' });
    expect(build(wonByRepDef, emptyResult, 'zh-CN').summary).toBe('没有符合此报表条件的记录。');
  });

  it('table type and tabular reports draw no chart', () => {
    expect(build({ ...wonByRepDef, chart: { type: 'table' } }).kind).toBe('table');
    expect(build({ ...wonByRepDef, format: 'tabular' }).kind).toBe('table');
  });

  it('the spoken summary names the chart, the measure, the grouping and the figures, in the viewer language', () => {
    expect(build({ ...wonByRepDef, chart: { type: 'pie' } }).summary).toBe('Pie chart: Sum of Amount by Owner. Li Lei: CN¥3,000,000.00; Han Meimei: CN¥500,000.00');
    const zh = build(wonByRepDef, wonByRepResult, 'zh-CN').summary;
    expect(zh.startsWith('柱状图：按Owner统计的Sum of Amount。')).toBe(true);
    expect(zh).toContain('Li Lei, Nov 2026: ¥2,000,000.00');
  });
});

describe('chartOption with only the result and a chart (a dashboard component)', () => {
  it('takes the measure from the result columns and still reads the figures', () => {
    const def: ReportDefinition = { object: 'opportunity', format: 'summary', chart: { type: 'pie' } };
    expect(build(def).summary).toBe('Pie chart: Sum of Amount. Li Lei: CN¥3,000,000.00; Han Meimei: CN¥500,000.00');
  });

  it('names the grouping by the field label the screen knows', () => {
    const spec = chartOption(wonByRepDef, wonByRepResult, {
      locale: 'zh-CN',
      format: measureFormat(wonByRepDef, wonByRepResult, 'zh-CN', fields),
      fieldLabels: { owner: '负责人' },
    });
    expect(spec.summary.startsWith('柱状图：按负责人统计的Sum of Amount。')).toBe(true);
  });
});

describe('series order', () => {
  it('months first seen under a later rep keep calendar order', () => {
    const m = (key: string) => ({ key: `${key}-01`, label: key, aggregates: { sum_amount: 1 }, drill: { key } });
    const result = {
      ...wonByRepResult,
      groups: [
        { key: 'a', label: 'A', aggregates: { sum_amount: 3 }, drill: {}, groups: [m('2026-04'), m('2026-06'), m('2026-07')] },
        { key: 'b', label: 'B', aggregates: { sum_amount: 3 }, drill: {}, groups: [m('2026-02'), m('2026-05'), m('2026-07'), m('2026-12')] },
      ],
    };
    expect(optionOf(build(wonByRepDef, result)).series.map((s) => s.name)).toEqual(['2026-02', '2026-04', '2026-05', '2026-06', '2026-07', '2026-12']);
  });

  it('other keys keep each parent`s order, a newcomer after its predecessor', () => {
    const s = (key: string) => ({ key, label: key, aggregates: { sum_amount: 1 }, drill: {} });
    const result = {
      ...wonByRepResult,
      groups: [
        { key: 'a', label: 'A', aggregates: {}, drill: {}, groups: [s('prospecting'), s('negotiation')] },
        { key: 'b', label: 'B', aggregates: {}, drill: {}, groups: [s('prospecting'), s('proposal'), s('negotiation')] },
      ],
    };
    expect(optionOf(build(wonByRepDef, result)).series.map((x) => x.name)).toEqual(['prospecting', 'proposal', 'negotiation']);
  });
});
