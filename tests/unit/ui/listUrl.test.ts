/** The list's address: what a bookmark or a shared link holds is read back to the same list, and a bad one is named, not fatal. */
import { describe, expect, it } from 'vitest';
import { toCondition } from '../../../platform/ui/list/filterState';
import { chooseView, listInput, listQueryString, readListUrl, type ViewInfo } from '../../../platform/ui/list/listUrl';
import type { FieldInfo } from '../../../platform/ui/types';

const field = (name: string, sortable: boolean, filterOperators: string[]): FieldInfo =>
  ({ name, type: 'text', label: { en: name, zh: name }, required: false, readOnly: false, system: false, sortable, filterOperators }) as FieldInfo;
const FIELDS = [field('name', true, ['eq', 'contains']), field('stage', true, ['eq', 'in']), field('owner', true, ['eq']), field('notes', false, [])];
const VIEWS: ViewInfo[] = [
  { name: 'all', label: 'All', isDefault: true, columns: ['name'] },
  { name: 'mine', label: 'Mine', columns: ['name'], pageSize: 20 },
];
const read = (qs: string) => {
  const p = new URLSearchParams(qs);
  return readListUrl((k) => p.get(k), FIELDS, VIEWS);
};

describe('list address', () => {
  it('round-trips view, filter, sort and search', () => {
    const state = {
      view: 'mine',
      filter: {
        match: 'any' as const,
        rows: [
          { field: 'stage', op: 'in', value: ['a', 'b'] },
          { field: 'owner', op: 'eq', value: '$me' },
        ],
      },
      sort: [{ field: 'name', dir: 'desc' as const }],
      q: '周杰',
    };
    const qs = listQueryString(state, toCondition(state.filter));
    const back = read(qs.slice(1));
    expect(back.problems).toEqual([]);
    expect(back.state).toEqual(state);
    expect(listInput('lead', chooseView(VIEWS, back.state.view)!, back.state, toCondition(back.state.filter))).toEqual({
      object: 'lead',
      view: 'mine',
      search: '周杰',
      sort: [{ field: 'name', dir: 'desc' }],
      filter: {
        any: [
          { field: 'stage', op: 'in', value: ['a', 'b'] },
          { field: 'owner', op: 'eq', value: '$me' },
        ],
      },
      cursor: null,
      limit: 20,
    });
  });

  it('reads the "View all" link of a related list', () => {
    const { state, problems } = read(`filter=${encodeURIComponent(JSON.stringify({ all: [{ field: 'owner', op: 'eq', value: 'u1' }] }))}`);
    expect(problems).toEqual([]);
    expect(state.filter.rows).toEqual([{ field: 'owner', op: 'eq', value: 'u1' }]);
  });

  it.each([
    ['view=nope', ['view']],
    ['filter=%7Bbroken', ['filter']],
    [`filter=${encodeURIComponent('{"all":[{"field":"secret","op":"eq","value":1}]}')}`, ['filter']],
    [`filter=${encodeURIComponent('{"all":[{"field":"name","op":"gt","value":1}]}')}`, ['filter']],
    [`filter=${encodeURIComponent('{"all":[{"any":[{"field":"name","op":"eq","value":1}]}]}')}`, ['filter']],
    ['sort=notes:asc', ['sort']],
    ['sort=name:sideways', ['sort']],
    ['view=nope&sort=nope', ['view', 'sort']],
  ])('%s is named as a problem and left out', (qs, expected) => {
    const { state, problems } = read(qs);
    expect(problems).toEqual(expected);
    expect(state.view).toBeUndefined();
    expect(state.sort).toBeUndefined();
    expect(state.filter.rows).toEqual([]);
  });
});

describe('relative dates and related records in the address', () => {
  const fields = [...FIELDS, field('close_date', true, ['eq', 'between', 'during'])];
  const readWith = (condition: unknown) => {
    const p = new URLSearchParams({ filter: JSON.stringify(condition) });
    return readListUrl((k) => p.get(k), fields, VIEWS);
  };

  it('a during row and a with row read back to the same condition', () => {
    const condition = {
      all: [
        { field: 'close_date', op: 'during', value: 'last_30_days' },
        { with: { object: 'opportunity', field: 'account', where: { field: 'stage', op: 'eq', value: 'closed_won' } } },
        { without: { object: 'activity', field: 'account' } },
      ],
    };
    const { state, problems } = readWith(condition);
    expect(problems).toEqual([]);
    expect(state.filter.rows.map((r) => [r.field, r.op])).toEqual([
      ['close_date', 'during'],
      ['opportunity.account', 'with'],
      ['activity.account', 'without'],
    ]);
    expect(toCondition(state.filter)).toEqual(condition);
  });

  it('a lone with condition is one row; a malformed one is named as a problem', () => {
    expect(readWith({ with: { object: 'opportunity', field: 'account' } }).state.filter.rows).toEqual([{ field: 'opportunity.account', op: 'with' }]);
    expect(readWith({ with: { object: 'opportunity' } }).problems).toEqual(['filter']);
  });
});
