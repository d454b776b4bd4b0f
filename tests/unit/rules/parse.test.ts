/**
 * parseCondition against stock metadata: accepted conditions and their normalised values, and every
 * rejected shape, field, operator and value reported with the JSON pointer at fault.
 */
import { describe, expect, it } from 'vitest';
import { stockMetadata } from '../../../platform/metadata/registry';
import { parseCondition } from '../../../platform/rules/conditions/parse';
import type { ConditionLeaf } from '../../../platform/rules/conditions/types';

const meta = stockMetadata();
const object = (name: string) => meta.objects.get(name)!;
const opportunity = object('opportunity');
const ID = '3F2504E0-4F89-41D3-9A0C-0305E82C3301';

/** Nest a leaf `depth` levels deep in alternating not/all groups. */
function nested(depth: number, leaf: unknown): unknown {
  let node = leaf;
  for (let i = 0; i < depth; i++) node = i % 2 ? { all: [node] } : { not: node };
  return node;
}

describe('accepted conditions', () => {
  const ok: [string, string, unknown][] = [
    ['empty all', 'opportunity', { all: [] }],
    ['empty any', 'opportunity', { any: [] }],
    ['a leaf on its own', 'opportunity', { field: 'amount', op: 'gte', value: 10000 }],
    [
      'nested groups',
      'opportunity',
      {
        all: [
          { field: 'stage', op: 'in', value: ['proposal', 'negotiation'] },
          { any: [{ not: { field: 'account', op: 'is_empty' } }, { field: 'name', op: 'contains', value: '华为' }] },
        ],
      },
    ],
    ['is_empty with a null value', 'opportunity', { field: 'close_date', op: 'is_empty', value: null }],
    ['between numbers', 'opportunity', { field: 'probability', op: 'between', value: [10, 90.5] }],
    ['between dates', 'opportunity', { field: 'close_date', op: 'between', value: ['2026-01-01', '2026-12-31'] }],
    ['$me on owner', 'account', { field: 'owner', op: 'eq', value: '$me' }],
    ['$me in a list on owner', 'account', { field: 'owner', op: 'in', value: ['$me', ID] }],
    ['$me on created_by', 'lead', { field: 'created_by', op: 'ne', value: '$me' }],
    [
      'system fields',
      'contract',
      {
        all: [
          { field: 'version', op: 'gt', value: 1 },
          { field: 'created_at', op: 'lt', value: '2026-03-05T00:00:00Z' },
          { field: 'id', op: 'eq', value: ID },
        ],
      },
    ],
    ['the system name of an object named by another field', 'activity', { field: 'name', op: 'starts_with', value: 'Call' }],
    ['auto number text operators', 'contract', { field: 'number', op: 'starts_with', value: 'HT-2026' }],
    ['the deepest allowed nesting', 'opportunity', nested(12, { field: 'amount', op: 'is_empty' })],
    ['200 comparisons', 'opportunity', { any: Array.from({ length: 200 }, (_, i) => ({ field: 'amount', op: 'eq', value: i })) }],
  ];
  it.each(ok)('%s', (_, obj, input) => {
    const r = parseCondition(input, object(obj));
    expect(r.errors).toEqual([]);
    expect(r.condition).toBeDefined();
  });

  it.each([
    ['close_date', 'eq', '2026/3/5', '2026-03-05'],
    ['account', 'eq', ID, ID.toLowerCase()],
    ['created_at', 'gte', '2026-03-05T14:30:00+08:00', '2026-03-05T06:30:00.000Z'],
    ['amount', 'eq', 0, 0],
    ['name', 'eq', ' 华为 ', ' 华为 '],
  ])('normalises %s %s %j to %j', (field, op, value, expected) => {
    const leaf = parseCondition({ field, op, value }, opportunity).condition as ConditionLeaf;
    expect(leaf).toMatchObject({ kind: 'leaf', op, value: expected });
    expect(leaf.field.name).toBe(field);
  });

  it('keeps $me symbolic, to be resolved for whoever runs the query', () => {
    const leaf = parseCondition({ field: 'owner', op: 'in', value: ['$me', ID] }, opportunity).condition as ConditionLeaf;
    expect(leaf.value).toEqual(['$me', ID.toLowerCase()]);
  });
});

interface Rejected {
  name: string;
  input: unknown;
  pointer: string;
  code: string;
  field?: string;
  object?: string;
}

const leaf = (field: unknown, op: unknown, value?: unknown) => (value === undefined ? { field, op } : { field, op, value });

const REJECTED: Rejected[] = [
  // shapes
  { name: 'null', input: null, pointer: '/', code: 'filter.shape' },
  { name: 'an array', input: [leaf('amount', 'eq', 1)], pointer: '/', code: 'filter.shape' },
  { name: 'a string', input: 'amount > 5', pointer: '/', code: 'filter.shape' },
  { name: 'an empty object', input: {}, pointer: '/field', code: 'filter.shape' },
  { name: 'all that is not a list', input: { all: leaf('amount', 'eq', 1) }, pointer: '/all', code: 'filter.shape' },
  { name: 'all with another key', input: { all: [], any: [] }, pointer: '/', code: 'filter.shape' },
  { name: 'not with another key', input: { not: leaf('amount', 'eq', 1), field: 'amount' }, pointer: '/', code: 'filter.shape' },
  { name: 'a leaf with an unknown key', input: { field: 'amount', op: 'eq', value: 1, values: [2] }, pointer: '/', code: 'filter.shape' },
  { name: 'a non-string field', input: leaf(7, 'eq', 1), pointer: '/field', code: 'filter.shape' },
  { name: 'a bad item deep inside', input: { all: [leaf('amount', 'eq', 1), { any: [{ not: 'x' }] }] }, pointer: '/all/1/any/0/not', code: 'filter.shape' },
  { name: 'too deep', input: nested(13, leaf('amount', 'is_empty')), pointer: '/not/all/0/not/all/0/not/all/0/not/all/0/not/all/0/not/all/0/not', code: 'filter.tooDeep' },
  { name: 'too many comparisons', input: { any: Array.from({ length: 201 }, (_, i) => leaf('amount', 'eq', i)) }, pointer: '/any/200', code: 'filter.shape' },
  // fields
  { name: 'an unknown field', input: { all: [leaf('amount', 'gt', 1), leaf('revenue', 'gt', 1)] }, pointer: '/all/1/field', code: 'filter.unknownField', field: 'revenue' },
  { name: 'the currency code column (not a field)', input: leaf('amount_currency', 'eq', 'USD'), pointer: '/field', code: 'filter.unknownField', field: 'amount_currency' },
  { name: 'a field of another object', input: leaf('industry', 'eq', 'it'), pointer: '/field', code: 'filter.unknownField', field: 'industry' },
  { name: 'the recycle-bin column', input: leaf('deleted_at', 'is_empty'), pointer: '/field', code: 'filter.unknownField', field: 'deleted_at' },
  // operators
  { name: 'contains on a number', input: leaf('amount', 'contains', '1'), pointer: '/op', code: 'filter.operator', field: 'amount' },
  { name: 'gt on text', input: leaf('name', 'gt', 'a'), pointer: '/op', code: 'filter.operator', field: 'name' },
  { name: 'gt on a picklist', input: leaf('stage', 'gt', 'proposal'), pointer: '/op', code: 'filter.operator', field: 'stage' },
  { name: 'contains on a lookup', input: leaf('account', 'contains', 'a'), pointer: '/op', code: 'filter.operator', field: 'account' },
  { name: 'eq on long text', input: leaf('description', 'eq', 'x'), pointer: '/op', code: 'filter.operator', field: 'description' },
  { name: 'in on a date', input: leaf('close_date', 'in', ['2026-01-01']), pointer: '/op', code: 'filter.operator', field: 'close_date' },
  { name: 'includes_any on a picklist', input: leaf('stage', 'includes_any', ['proposal']), pointer: '/op', code: 'filter.operator', field: 'stage' },
  { name: 'an unknown operator', input: leaf('amount', 'greater', 1), pointer: '/op', code: 'filter.operator', field: 'amount' },
  { name: 'a missing operator', input: { field: 'amount', value: 1 }, pointer: '/op', code: 'filter.operator', field: 'amount' },
  // values
  { name: 'a number as a string', input: leaf('amount', 'gt', '10000'), pointer: '/value', code: 'filter.value', field: 'amount' },
  { name: 'a missing value', input: leaf('amount', 'eq'), pointer: '/value', code: 'filter.value', field: 'amount' },
  { name: 'a null value', input: leaf('amount', 'eq', null), pointer: '/value', code: 'filter.value', field: 'amount' },
  { name: 'a value for is_empty', input: leaf('amount', 'is_empty', 0), pointer: '/value', code: 'filter.value', field: 'amount' },
  { name: 'a fraction for an integer', input: leaf('version', 'eq', 1.5), pointer: '/value', code: 'filter.value', field: 'version' },
  { name: 'an impossible date', input: leaf('close_date', 'eq', '2026-02-30'), pointer: '/value', code: 'filter.value', field: 'close_date' },
  { name: 'a date as a number', input: leaf('close_date', 'gt', 20260305), pointer: '/value', code: 'filter.value', field: 'close_date' },
  { name: 'a datetime in words', input: leaf('created_at', 'gt', 'yesterday'), pointer: '/value', code: 'filter.value', field: 'created_at' },
  { name: 'a bare number as a datetime', input: leaf('created_at', 'gt', '1'), pointer: '/value', code: 'filter.value', field: 'created_at' },
  { name: 'a malformed record id', input: leaf('account', 'eq', 'acme'), pointer: '/value', code: 'filter.value', field: 'account' },
  { name: 'an empty text', input: leaf('name', 'eq', ''), pointer: '/value', code: 'filter.value', field: 'name' },
  { name: 'an over-long text', input: leaf('name', 'contains', 'x'.repeat(1001)), pointer: '/value', code: 'filter.value', field: 'name' },
  { name: 'a list for eq', input: leaf('stage', 'eq', ['proposal']), pointer: '/value', code: 'filter.value', field: 'stage' },
  { name: 'a scalar for in', input: leaf('stage', 'in', 'proposal'), pointer: '/value', code: 'filter.value', field: 'stage' },
  { name: 'an empty list for in', input: leaf('stage', 'in', []), pointer: '/value', code: 'filter.value', field: 'stage' },
  { name: 'a bad item in a list', input: leaf('amount', 'not_in', [1, 'two']), pointer: '/value', code: 'filter.value', field: 'amount' },
  {
    name: 'a list over 1000 items',
    input: leaf(
      'amount',
      'in',
      Array.from({ length: 1001 }, (_, i) => i),
    ),
    pointer: '/value',
    code: 'filter.value',
    field: 'amount',
  },
  { name: 'between with one bound', input: leaf('amount', 'between', [1]), pointer: '/value', code: 'filter.value', field: 'amount' },
  { name: 'between with three bounds', input: leaf('amount', 'between', [1, 2, 3]), pointer: '/value', code: 'filter.value', field: 'amount' },
  { name: 'a boolean for text', input: leaf('name', 'eq', true), pointer: '/value', code: 'filter.value', field: 'name' },
  { name: 'a non-finite number', input: leaf('amount', 'lt', Number.POSITIVE_INFINITY), pointer: '/value', code: 'filter.value', field: 'amount' },
  // $me
  { name: '$me on a lookup to an account', input: leaf('account', 'eq', '$me'), pointer: '/value', code: 'filter.value', field: 'account' },
  { name: '$me on the record id', input: leaf('id', 'eq', '$me'), pointer: '/value', code: 'filter.value', field: 'id' },
  { name: '$me in a list on a lookup to an account', input: leaf('parent', 'in', ['$me']), pointer: '/value', code: 'filter.value', field: 'parent', object: 'account' },
];

describe('rejected conditions', () => {
  it.each(REJECTED.map((r) => [r.name, r] as const))('%s', (_, r) => {
    const result = parseCondition(r.input, object(r.object ?? 'opportunity'));
    expect(result.condition).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ pointer: r.pointer, code: r.code });
    expect(result.errors[0].field).toBe(r.field);
    expect(result.errors[0].message.length).toBeGreaterThan(0);
  });

  it('prefixes pointers, so a view file or request parameter points at the right place', () => {
    const r = parseCondition({ all: [leaf('amount', 'contains', 'x')] }, opportunity, { pointer: '/filter' });
    expect(r.errors.map((e) => e.pointer)).toEqual(['/filter/all/0/op']);
    expect(parseCondition('x', opportunity, { pointer: '/filter' }).errors[0].pointer).toBe('/filter');
  });

  it('reports every problem at once, in document order', () => {
    const r = parseCondition(
      {
        all: [leaf('nope', 'eq', 1), leaf('amount', 'contains', 'x'), { any: [leaf('close_date', 'eq', 'soon'), 'junk'] }, leaf('account', 'eq', '$me')],
      },
      opportunity,
    );
    expect(r.errors.map((e) => [e.pointer, e.code])).toEqual([
      ['/all/0/field', 'filter.unknownField'],
      ['/all/1/op', 'filter.operator'],
      ['/all/2/any/0/value', 'filter.value'],
      ['/all/2/any/1', 'filter.shape'],
      ['/all/3/value', 'filter.value'],
    ]);
  });

  it.each([
    ['en', leaf('revenue', 'gt', 1), 'Unknown field "revenue" in filter'],
    ['zh-CN', leaf('revenue', 'gt', 1), '筛选条件中的字段"revenue"不存在'],
    ['en', leaf('amount', 'contains', '1'), 'Operator "contains" cannot be used with field "amount"'],
    ['zh-CN', leaf('amount', 'contains', '1'), '字段"amount"不支持运算符"contains"'],
    ['en', leaf('amount', 'gt', 'x'), 'Invalid value for "amount" with operator "gt"'],
    ['zh-CN', leaf('amount', 'gt', 'x'), '字段"amount"使用运算符"gt"时的值无效'],
    ['en', { all: 5 }, 'Invalid condition: expected an array'],
    ['zh-CN', { all: 5 }, '条件无效：应为数组'],
    ['en', nested(13, leaf('amount', 'is_empty')), 'The filter is nested too deeply'],
    ['zh-CN', nested(13, leaf('amount', 'is_empty')), '筛选条件嵌套层级过深'],
  ] as const)('%s message for %j', (locale, input, message) => {
    expect(parseCondition(input, opportunity, { locale }).errors[0].message).toBe(message);
  });
});

describe('stock list-view filters', () => {
  it('all parse against their objects', () => {
    for (const [objectName, views] of meta.views) {
      for (const view of views) {
        if (view.filter === undefined) continue;
        expect(parseCondition(view.filter, object(objectName)).errors, `${objectName}.${view.name}`).toEqual([]);
      }
    }
  });
});
