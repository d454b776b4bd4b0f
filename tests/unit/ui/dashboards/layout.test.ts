/** Arranging a dashboard as data: what the user sees after a drag, a resize, an add and a removal. */
import { describe, expect, it } from 'vitest';
import { addComponent, moveComponent, newComponentId, removeComponent, retitle, updateComponent, widthOf } from '../../../../platform/ui/dashboards/layout';

const list = [
  { id: 'a', report: 'pipeline_by_stage', width: 2 },
  { id: 'b', report: 'won_by_rep_by_month' },
  { id: 'c', report: 'lead_sources', width: 1 },
];

describe('dashboard layout', () => {
  it('moves a component to where it was dropped, forwards and backwards', () => {
    expect(moveComponent(list, 'a', 'c').map((c) => c.id)).toEqual(['b', 'c', 'a']);
    expect(moveComponent(list, 'c', 'a').map((c) => c.id)).toEqual(['c', 'a', 'b']);
    expect(moveComponent(list, 'a', 'zz')).toBe(list);
  });
  it('keeps widths between one and four columns', () => {
    expect(updateComponent(list, 'b', { width: 9 })[1].width).toBe(4);
    expect(updateComponent(list, 'b', { width: 0 })[1].width).toBe(1);
    expect(widthOf({})).toBe(1);
    expect(widthOf({ width: Number.NaN })).toBe(1);
  });
  it('adds a report with an id of its own and removes a component', () => {
    const added = addComponent(addComponent(list, 'pipeline_by_stage'), 'pipeline_by_stage');
    expect(added.slice(3).map((c) => c.id)).toEqual(['pipeline_by_stage', 'pipeline_by_stage_2']);
    expect(added[3].width).toBe(2);
    expect(removeComponent(list, 'b').map((c) => c.id)).toEqual(['a', 'c']);
    expect(newComponentId([{ id: 'won' }, { id: 'won_2' }], 'won')).toBe('won_3');
  });
  it('renames in the language being read and keeps the other', () => {
    expect(retitle({ en: 'Pipeline', zh: '商机储备' }, '销售漏斗', 'zh-CN')).toEqual({ en: 'Pipeline', zh: '销售漏斗' });
    expect(retitle(undefined, 'Won by rep', 'en')).toEqual({ en: 'Won by rep', zh: '' });
    expect(retitle(undefined, '  ', 'en')).toBeUndefined();
  });
});
