import { describe, expect, it } from 'vitest';
import { pageStateOf, tabsOf } from '../../../../platform/ui/designer/LayoutPageSection';

describe("the designer's record page settings", () => {
  it('a layout with no tabs stays without tabs when nothing moves', () => {
    const state = pageStateOf({ highlights: ['amount'] });
    expect(state).toEqual({ highlights: ['amount'], shown: ['details', 'related', 'activity', 'history'], sectionTab: {} });
    expect(tabsOf(state, ['main', 'more'], undefined)).toBeUndefined();
  });
  it('a hidden tab or a section moved writes the tabs, keeping labels and related lists', () => {
    const saved = [{ id: 'details' as const, relatedLists: ['quote.opportunity'] }, { id: 'related' as const }, { id: 'activity' as const }, { id: 'history' as const }];
    const state = { ...pageStateOf({ tabs: saved }), shown: ['details', 'related', 'history'] as const, sectionTab: { more: 'history' as const } };
    expect(tabsOf({ ...state, shown: [...state.shown] }, ['main', 'more'], saved)).toEqual([
      { id: 'details', relatedLists: ['quote.opportunity'], sections: ['main'] },
      { id: 'related', sections: undefined },
      { id: 'history', sections: ['more'] },
    ]);
  });
});
