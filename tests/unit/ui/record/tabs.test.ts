import { describe, expect, it } from 'vitest';
import { pageTabs } from '../../../../platform/ui/record/tabs';

describe('record page tabs', () => {
  it('a layout that names none gets Details, Related, Activity, History with everything in place', () => {
    expect(pageTabs(null, ['main', 'more'], ['quote.opportunity'])).toEqual([
      { id: 'details', label: undefined, sections: ['main', 'more'], relatedLists: [] },
      { id: 'related', label: undefined, sections: [], relatedLists: ['quote.opportunity'] },
      { id: 'activity', label: undefined, sections: [], relatedLists: [] },
      { id: 'history', label: undefined, sections: [], relatedLists: [] },
    ]);
  });
  it('what the layout places stays there; the rest goes to Details and Related', () => {
    const tabs = pageTabs(
      [
        { id: 'details', relatedLists: ['quote.opportunity'] },
        { id: 'related', sections: ['more'] },
      ],
      ['main', 'more'],
      ['quote.opportunity', 'expense.opportunity'],
    );
    expect(tabs.map((t) => [t.id, t.sections, t.relatedLists])).toEqual([
      ['details', ['main'], ['quote.opportunity']],
      ['related', ['more'], ['expense.opportunity']],
    ]);
  });
  it('without a Related tab, related lists land in Details', () => {
    expect(pageTabs([{ id: 'details' }, { id: 'history' }], ['main'], ['quote.opportunity'])[0].relatedLists).toEqual(['quote.opportunity']);
  });
});
