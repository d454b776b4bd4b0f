/**
 * The condition evaluator as the browser runs it: the server's own parse.ts and evaluate.ts, applied
 * to fields as the API describes them (platform/api/describe.ts) and values as the API returns them.
 * Forms use it for visible-if, required-if and read-only-if while the user types, and the server
 * checks the same rules with the same code on save, so both always agree. It imports nothing
 * server-only: tests/integration/data/conditions.parity.test.ts bundles it for the browser and runs
 * it without Node, next to in-memory evaluation and SQL.
 */
import type { FieldDef, FieldTypeName, ReturnTypeName } from '../../fields/types';
import { evaluateCondition } from './evaluate';
import { parseCondition, type ConditionFields } from './parse';
import type { ConditionNode } from './types';

/** A field as the API describes it: a lookup to users (owner, created_by...) has type "user". */
export interface DescribedField {
  name: string;
  type: string;
  returnType?: string;
}

/** Who is asking in the browser: `$me` is this user (null while the session is unknown); relative dates use the workspace's today, zone and fiscal year start when given. */
export interface ClientConditionContext {
  userId?: string | null;
  today?: string;
  timeZone?: string;
  fiscalYearStartMonth?: number;
}

interface Parsed {
  fields: ConditionFields;
  /** Parsed trees by the condition object metadata holds; null when the browser cannot parse one. */
  trees: WeakMap<object, ConditionNode | null>;
}

// Forms evaluate every rule on each keystroke; parsing once per field list and condition is enough
// (both come from the meta query's cached data, so their identities are stable between renders).
const cache = new WeakMap<readonly DescribedField[], Parsed>();

/** Rebuild the parts of field definitions a condition reads: the type, a computed field's return type, a user target. */
export function describedFields(fields: readonly DescribedField[]): ConditionFields {
  const fieldMap = new Map<string, FieldDef>();
  for (const f of fields) {
    const user = f.type === 'user';
    const def = {
      name: f.name,
      type: (user ? 'lookup' : f.type) as FieldTypeName,
      label: { en: f.name, zh: f.name },
      ...(user ? { systemTarget: 'user' as const } : {}),
      ...(f.returnType ? { returnType: f.returnType as ReturnTypeName } : {}),
    };
    // Only what a condition reads of a field: enough for parse and evaluate, not a full definition.
    fieldMap.set(f.name, def as FieldDef);
  }
  return { fieldMap };
}

function parsedOf(fields: readonly DescribedField[]): Parsed {
  let entry = cache.get(fields);
  if (!entry) cache.set(fields, (entry = { fields: describedFields(fields), trees: new WeakMap() }));
  return entry;
}

/**
 * Whether a condition tree as metadata stores it holds for `values`. A condition the browser cannot
 * parse (metadata checks every condition on save, so only a field missing from `fields`) counts as
 * holding, as a form rule with no condition would: the server decides on save anyway.
 */
export function conditionHolds(condition: unknown, fields: readonly DescribedField[], values: Record<string, unknown>, ctx: ClientConditionContext = {}): boolean {
  const entry = parsedOf(fields);
  let tree: ConditionNode | null | undefined;
  if (typeof condition === 'object' && condition !== null) {
    tree = entry.trees.get(condition);
    if (tree === undefined) entry.trees.set(condition, (tree = parseCondition(condition, entry.fields).condition ?? null));
  }
  return tree ? evaluateCondition(tree, values, { ...ctx, userId: ctx.userId ?? null }) : true;
}
