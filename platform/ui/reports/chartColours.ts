/**
 * Chart colours: twelve hues, each at least 3:1 against the white card (WCAG non-text contrast),
 * ordered so that similar hues (blue and navy, red and orange, gold and brown) sit far apart.
 * Series cycle through them, so neighbours never share a colour; on a ring (pie, donut) the last
 * slice also touches the first, so it never takes the first one's colour.
 */
export const PALETTE = ['#1668dc', '#d46b08', '#389e0d', '#722ed1', '#08979c', '#c41d7f', '#ad6800', '#10239e', '#5b8c00', '#cf1322', '#595959', '#874d00'] as const;

/** The colours of `count` series or slices in order; `ring` when the last one touches the first. */
export function seriesColours(count: number, ring = false): string[] {
  const out = Array.from({ length: count }, (_, i) => PALETTE[i % PALETTE.length] as string);
  if (ring && count > 2 && out[count - 1] === out[0]) {
    // The slot after the first's colour differs from both neighbours: the first (0) and the one before (PALETTE.length - 1).
    out[count - 1] = PALETTE[1];
  }
  return out;
}
