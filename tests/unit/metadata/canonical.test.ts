/**
 * The canonical JSON writer: keys in the order of the kind's schema (through $defs, references to
 * other kinds' schemas and the oneOf branch the value fits), sets sorted, keys no schema names
 * last in code-unit order, and the same text whatever order the input came in.
 */
import { describe, expect, it } from 'vitest';
import { canonicalDocument, canonicalJson, canonicalValue } from '../../../platform/metadata/canonical';
import { metaSchema, validateMetadata } from '../../../platform/metadata/schemas';

/** Same content, properties in reverse order at every level. */
function reversed<T>(v: T): T {
  if (Array.isArray(v)) return v.map(reversed) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) as T;
  return v;
}
const keys = (text: string, at: (doc: never) => object = (d) => d) => Object.keys(at(JSON.parse(text) as never));

describe('the canonical writer', () => {
  const view = {
    object: 'opportunity', name: 'big', label: { en: 'Big deals', zh: '大单' }, columns: ['name', 'amount'],
    filter: { all: [{ field: 'amount', op: 'gte', value: 100000 }, { not: { field: 'stage', op: 'in', value: ['lost', 'won'] } }] },
    sort: [{ field: 'amount', dir: 'desc' }],
  };

  it('writes keys in the order of the schema, however they came in, as JSON.stringify would lay them out', () => {
    const text = canonicalDocument('listview', reversed(view));
    expect(text).toBe(`${JSON.stringify(view, null, 2)}\n`);
    expect(canonicalDocument('listview', view)).toBe(text);
  });

  it('follows $defs and references into other kinds’ schemas, choosing the oneOf branch the value fits', () => {
    const flow = {
      object: 'expense', name: 'big', label: { en: 'Big', zh: '大额' }, entry: { all: [{ field: 'amount', op: 'gt', value: 1 }] },
      steps: [{ name: 'boss', label: { en: 'Boss', zh: '老板' }, approvers: [{ type: 'manager', of: 'owner', levels: 2 }, { type: 'department_head', department: 'finance', levels: 0 }], mode: 'all' }],
      actions: { approve: [{ type: 'email', to: ['owner'], subject: { en: 'S', zh: '主' }, body: { en: 'B', zh: '文' } }, { type: 'update', field: 'status', value: 'approved' }] },
    };
    const text = canonicalDocument('approval', reversed(flow));
    expect(text).toBe(`${JSON.stringify(flow, null, 2)}\n`);
    expect(validateMetadata('approval', JSON.parse(text), 'x.json')).toEqual([]);

    const lookup = { name: 'parent', type: 'lookup', label: { en: 'Parent', zh: '上级' }, required: true, target: 'account', onDelete: 'set_null', relatedLabel: { en: 'Children', zh: '下级' } };
    const object = { name: 'thing', label: { en: 'Thing', zh: '东西' }, pluralLabel: { en: 'Things', zh: '东西' }, fields: [lookup] };
    expect(keys(canonicalDocument('object', reversed(object)), (d: { fields: object[] }) => d.fields[0])).toEqual(Object.keys(lookup));
    const ext = { object: 'account', fields: [reversed(lookup)] };
    expect(keys(canonicalDocument('extension', reversed(ext)), (d: { fields: object[] }) => d.fields[0])).toEqual(Object.keys(lookup));
  });

  it('sorts arrays the schema marks as sets, and keeps the order of the others', () => {
    const rule = { object: 'opportunity', name: 'r', label: { en: 'R', zh: '规' }, errorWhen: 'amount < 0', message: { en: 'M', zh: '信' }, on: ['update', 'create'] };
    expect(JSON.parse(canonicalDocument('rule', rule)).on).toEqual(['create', 'update']);
    expect(validateMetadata('rule', rule, 'r.json')).toEqual([]); // ajv knows the marker
    const schema = { type: 'object', properties: { tags: { type: 'array', 'x-unordered': true, items: { type: 'object', properties: { b: {}, a: {} } } }, steps: { type: 'array' } } };
    const a = canonicalJson(schema, { tags: [{ b: 2, a: 1 }, { a: 0, b: 9 }], steps: [3, 1, 2] });
    const b = canonicalJson(schema, { steps: [3, 1, 2], tags: [{ a: 0, b: 9 }, { a: 1, b: 2 }] });
    expect(a).toBe(b);
    expect(a).toBe('{\n  "tags": [\n    {\n      "b": 2,\n      "a": 1\n    },\n    {\n      "b": 9,\n      "a": 0\n    }\n  ],\n  "steps": [\n    3,\n    1,\n    2\n  ]\n}\n');
    expect(canonicalValue(metaSchema('rule'), rule).on).toEqual(['create', 'update']);
  });

  it('writes map keys and keys no schema names in code-unit order, after the named ones', () => {
    const manifest = { name: 'p', version: '1.0.0', label: { en: 'P', zh: '包' }, requires: { packages: { zeta: '*', alpha: '^1.0.0' }, tessera: '>=0.1.0' } };
    expect(keys(canonicalDocument('manifest', manifest), (d: { requires: { packages: object } }) => d.requires.packages)).toEqual(['alpha', 'zeta']);
    expect(keys(canonicalDocument('manifest', manifest), (d: { requires: object }) => d.requires)).toEqual(['tessera', 'packages']);
    const text = canonicalJson({ type: 'object', properties: { name: {} } }, { z: 1, '10': 2, B: 3, name: 'n', '9': 4 });
    expect(text).toBe('{\n  "name": "n",\n  "10": 2,\n  "9": 4,\n  "B": 3,\n  "z": 1\n}\n');
  });

  it('writes free-form values (an approval update’s value) with sorted keys, empty containers inline', () => {
    const schema = { type: 'object', properties: { value: {} } };
    expect(canonicalJson(schema, { value: { b: [], a: {}, c: null } })).toBe('{\n  "value": {\n    "a": {},\n    "b": [],\n    "c": null\n  }\n}\n');
  });
});
