import { describe, expect, it } from 'vitest';
import { funnelLayout } from '@/platform/ui/reports/chartOption';
import { PALETTE, seriesColours } from '@/platform/ui/reports/chartColours';

/** WCAG relative luminance contrast of a colour against white. */
function contrast(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

describe('chart colours', () => {
  it('twelve distinct colours, each readable on the white card (3:1)', () => {
    expect(new Set(PALETTE).size).toBe(12);
    for (const c of PALETTE) expect(contrast(c)).toBeGreaterThanOrEqual(3);
  });

  it('no two neighbours share a colour, however many series; on a ring the last differs from the first', () => {
    for (let n = 2; n <= 40; n++) {
      const line = seriesColours(n);
      for (let i = 1; i < n; i++) expect(line[i]).not.toBe(line[i - 1]);
      const ring = seriesColours(n, true);
      for (let i = 0; i < n; i++) expect(ring[i]).not.toBe(ring[(i + 1) % n]);
    }
    // Ten series (one more than ECharts' own nine): ten different colours.
    expect(new Set(seriesColours(10)).size).toBe(10);
  });
});

describe('funnel labels by the room there is', () => {
  const data = ['Prospecting', 'Qualification', 'Needs analysis', 'Proposal', 'Negotiation', 'Closed won', 'Closed lost'].map((name, i) => ({
    name,
    value: 1000 - i * 140,
    drill: null,
    itemStyle: { color: PALETTE[i] },
  }));
  const short = (v: number) => String(v);

  it('a full-size chart: two lines inside wide steps, narrow steps labelled outside', () => {
    const { series, legend } = funnelLayout(data, 320, short);
    const s = series as { label: { show: boolean; formatter: (p: { name: string; value: number }) => string }; data: { label?: { position: string } }[]; width: string };
    expect(legend).toBe(false);
    expect(s.label.formatter({ name: 'Proposal', value: 580 })).toBe('Proposal\n580');
    // Steps under half the widest (420, 300, 160 of 1,000) carry their label on the right.
    expect(s.data.map((d) => d.label?.position ?? 'inside')).toEqual(['inside', 'inside', 'inside', 'inside', 'right', 'right', 'right']);
    expect(s.width).toBe('58%');
  });

  it('a dashboard card: one line per step; too short for a label per step: a legend instead', () => {
    const card = funnelLayout(data, 192, short).series as { label: { show: boolean; formatter: (p: { name: string; value: number }) => string } };
    expect(card.label.show).toBe(true);
    expect(card.label.formatter({ name: 'Proposal', value: 580 })).toBe('Proposal 580');
    const many = Array.from({ length: 20 }, (_, i) => ({ ...data[0], name: `Stage ${i}` }));
    const tiny = funnelLayout(many, 192, short);
    expect(tiny.legend).toBe(true);
    expect((tiny.series as { label: { show: boolean } }).label.show).toBe(false);
  });
});
