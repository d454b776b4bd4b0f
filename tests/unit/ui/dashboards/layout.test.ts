/** Arranging a dashboard as data: what the user sees after a drag, a resize, an add, a rename and a removal. */
import { describe, expect, it } from 'vitest';
import { dashboardName } from '../../../../platform/ui/dashboards/AddToDashboardButton';
import {
  addComponent,
  gridSpan,
  inOrder,
  moveComponent,
  newComponentId,
  numbered,
  quartersOf,
  removeComponent,
  resizeComponent,
  retitle,
  retitleComponent,
} from '../../../../platform/ui/dashboards/layout';
import type { DashboardComponent } from '../../../../platform/ui/dashboards/types';

const list: DashboardComponent[] = [
  { id: 'a', report: 'pipeline_by_stage', width: 6, order: 20 },
  { id: 'b', report: 'won_by_rep_by_month', order: 10 },
  { id: 'c', type: 'approvals', width: 12 },
];

describe('dashboard layout', () => {
  it('shows components by their order, unnumbered ones last, and saves them numbered as shown', () => {
    expect(inOrder(list).map((c) => c.id)).toEqual(['b', 'a', 'c']);
    expect(numbered(inOrder(list)).map((c) => c.order)).toEqual([10, 20, 30]);
  });
  it('moves a component to where it was dropped, forwards and backwards', () => {
    expect(moveComponent(list, 'a', 'c').map((c) => c.id)).toEqual(['b', 'c', 'a']);
    expect(moveComponent(list, 'c', 'a').map((c) => c.id)).toEqual(['c', 'a', 'b']);
    expect(moveComponent(list, 'a', 'zz')).toBe(list);
  });
  it('offers quarters of the row and stores twelfths', () => {
    expect(list.map(quartersOf)).toEqual([2, 2, 4]);
    expect(quartersOf({ width: 4 })).toBe(2);
    expect(resizeComponent(list, 'b', 1)[1].width).toBe(3);
    expect(resizeComponent(list, 'b', 9)[1].width).toBe(12);
    expect(gridSpan({ width: 3 })).toEqual({ '--span': 3, '--span-md': 6 });
    expect(gridSpan({ width: 9 })).toEqual({ '--span': 9, '--span-md': 12 });
  });
  it('adds a report at the end with an id of its own, and removes a component', () => {
    const added = addComponent(addComponent(list, 'pipeline_by_stage'), 'pipeline_by_stage');
    expect(added.map((c) => c.id)).toEqual(['b', 'a', 'c', 'pipeline_by_stage', 'pipeline_by_stage_2']);
    expect(added[4]).toMatchObject({ type: 'report', report: 'pipeline_by_stage', width: 6, order: 50 });
    expect(removeComponent(list, 'b').map((c) => c.id)).toEqual(['a', 'c']);
    expect(newComponentId([{ id: 'won' }, { id: 'won_2' }], 'won')).toBe('won_3');
  });
  it('renames in the language being read and keeps the other; an empty title falls back to the report label', () => {
    expect(retitle({ en: 'Pipeline', zh: '商机储备' }, '销售漏斗', 'zh-CN')).toEqual({ en: 'Pipeline', zh: '销售漏斗' });
    expect(retitle(undefined, 'Won by rep', 'en')).toEqual({ en: 'Won by rep', zh: 'Won by rep' });
    expect(retitle(undefined, '  ', 'en')).toBeUndefined();
    const titled = retitleComponent(list, 'a', { en: 'Funnel', zh: '漏斗' });
    expect(titled[0].title).toEqual({ en: 'Funnel', zh: '漏斗' });
    expect('title' in retitleComponent(titled, 'a', undefined)[0]).toBe(false);
  });
  it('names a new dashboard from its label, in any language, without clashing', () => {
    expect(dashboardName('Won by rep!', new Set())).toBe('won_by_rep');
    expect(dashboardName('Won by rep', new Set(['won_by_rep']))).toBe('won_by_rep_2');
    expect(dashboardName('我的仪表板', new Set())).toMatch(/^dashboard_[a-z0-9]+$/);
  });
});
