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
  removeComponent,
  resizeComponent,
  retitle,
  retitleComponent,
  widthOf,
} from '../../../../platform/ui/dashboards/layout';
import type { DashboardComponent } from '../../../../platform/ui/dashboards/types';

const list: DashboardComponent[] = [
  { id: 'a', report: 'pipeline_by_stage', width: 1, order: 20 },
  { id: 'b', report: 'won_by_rep_by_month', order: 10 },
  { id: 'c', type: 'approvals', width: 4 },
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
  it('keeps widths between one and four columns (two by default); a tablet shows half or the whole row', () => {
    expect(list.map(widthOf)).toEqual([1, 2, 4]);
    expect(resizeComponent(list, 'b', 3)[1].width).toBe(3);
    expect(resizeComponent(list, 'b', 9)[1].width).toBe(4);
    expect(resizeComponent(list, 'b', 0)[1].width).toBe(1);
    expect(gridSpan({ width: 1 })).toEqual({ '--span': 1, '--span-md': 2 });
    expect(gridSpan({ width: 3 })).toEqual({ '--span': 3, '--span-md': 4 });
  });
  it('adds a report at the end with an id of its own, and removes a component', () => {
    const added = addComponent(addComponent(list, 'pipeline_by_stage'), 'pipeline_by_stage');
    expect(added.map((c) => c.id)).toEqual(['b', 'a', 'c', 'pipeline_by_stage', 'pipeline_by_stage_2']);
    expect(added[4]).toMatchObject({ type: 'report', report: 'pipeline_by_stage', width: 2, order: 50 });
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
