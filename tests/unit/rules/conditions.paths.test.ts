/**
 * Lookup paths (`account.industry`) in condition leaves: resolved only by a caller's hook (the
 * report engine joins the parent), compiled against the hook's alias, refused in memory; and
 * related-record conditions refused where no caller compiles them.
 */
import { describe, expect, it } from 'vitest';
import { Params } from '../../../platform/core/sql';
import { stockMetadata } from '../../../platform/metadata/registry';
import { compileCondition } from '../../../platform/rules/conditions/compile';
import { evaluateCondition } from '../../../platform/rules/conditions/evaluate';
import { parseCondition, type ResolvePath } from '../../../platform/rules/conditions/parse';

const meta = stockMetadata();
const opportunity = meta.objects.get('opportunity')!;
const account = meta.objects.get('account')!;
const asked: string[] = [];
const resolvePath: ResolvePath = (path, pointer) => {
  asked.push(`${path}@${pointer}`);
  const [lookup, field] = path.split('.');
  if (lookup !== 'account') return null;
  const f = account.fieldMap.get(field);
  return f ? { field: f, alias: 'p_account' } : null;
};

describe('lookup paths', () => {
  it('without the hook a dotted name is an error naming its pointer', () => {
    const r = parseCondition({ all: [{ field: 'account.industry', op: 'eq', value: 'it' }] }, opportunity, { pointer: '/filter' });
    expect(r.errors).toMatchObject([{ pointer: '/filter/all/0/field', code: 'filter.path', field: 'account.industry' }]);
  });

  it('with the hook the leaf compiles against the joined alias, next to the own fields', () => {
    const r = parseCondition(
      {
        all: [
          { field: 'account.industry', op: 'in', value: ['it', 'finance'] },
          { field: 'amount', op: 'gt', value: 10 },
        ],
      },
      opportunity,
      { resolvePath, pointer: '/filter' },
    );
    expect(r.errors).toEqual([]);
    expect(asked).toContain('account.industry@/filter/all/0/field');
    const params = new Params();
    const sql = compileCondition(r.condition!, params, { userId: null }, 't');
    expect(sql).toContain('"p_account"."industry" = ANY($1::text[])');
    expect(sql).toContain('"t"."amount" > $2');
  });

  it('a path the hook does not know, or that is deeper than one lookup, is an unknown field', () => {
    expect(parseCondition({ field: 'owner.department', op: 'is_empty' }, opportunity, { resolvePath }).errors[0]).toMatchObject({ pointer: '/field', code: 'filter.unknownField' });
    expect(parseCondition({ field: 'account.parent.name', op: 'is_empty' }, opportunity, { resolvePath }).errors[0]).toMatchObject({ code: 'filter.unknownField' });
  });

  it('evaluating a path leaf in memory is a typed error, not a silent false', () => {
    const leaf = parseCondition({ field: 'account.industry', op: 'eq', value: 'it' }, opportunity, { resolvePath }).condition!;
    expect(() => evaluateCondition(leaf, { industry: 'it' }, { userId: null })).toThrow(expect.objectContaining({ code: 'INVALID_FILTER' }));
  });
});

describe('related-record conditions', () => {
  it('are refused where the caller offers no objects (conditions checked in memory)', () => {
    const r = parseCondition({ any: [{ with: { object: 'opportunity', field: 'account' } }] }, account, { pointer: '/visibleIf' });
    expect(r.errors).toMatchObject([{ pointer: '/visibleIf/any/0/with', code: 'filter.relatedNotHere' }]);
  });

  it('compile to EXISTS over the child with its access, live rows only, the where on the child alias', () => {
    const r = parseCondition({ without: { object: 'opportunity', field: 'account', where: { field: 'stage', op: 'eq', value: 'closed_won' } } }, account, {
      objects: meta.objects,
    });
    expect(r.errors).toEqual([]);
    const params = new Params();
    const sql = compileCondition(
      r.condition!,
      params,
      { userId: null, related: (object, alias) => ({ source: `"ws"."${object}" AS "${alias}"`, access: `"${alias}"."owner" = 'x'` }) },
      't',
    );
    expect(sql).toBe(
      `(NOT EXISTS (SELECT 1 FROM "ws"."opportunity" AS "t_r" WHERE "t_r"."account" = "t"."id" AND "t_r"."deleted_at" IS NULL AND "t_r"."owner" = 'x' AND ("t_r"."stage" IS NOT NULL AND "t_r"."stage" = $1::text)))`,
    );
    expect(() => compileCondition(r.condition!, new Params(), { userId: null }, 't')).toThrow(expect.objectContaining({ code: 'INVALID_FILTER' }));
  });
});
