/**
 * Form rules (visibleIf, requiredIf, readOnlyIf) evaluated in the browser over form values, so a
 * field shows, hides or turns required while the user types. It mirrors the server's evaluator
 * (platform/rules/conditions/evaluate.ts) for the operators forms use: empty values match only ne,
 * not_in, not_contains and is_empty; text matching ignores case. The server decides anyway: it
 * checks the same rules on every save.
 */

/** Who is asking: `$me` in a condition is this user. */
export interface ClientConditionContext {
  userId?: string | null;
}

type Values = Record<string, unknown>;

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function scalar(v: unknown, ctx: ClientConditionContext): unknown {
  if (v === '$me') return (ctx.userId ?? '').toLowerCase();
  return typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(v) ? v.toLowerCase() : v;
}

/** -1, 0 or 1; numbers compare as numbers, everything else as text (ISO dates sort as text). */
function compare(a: unknown, b: unknown, ctx: ClientConditionContext): number {
  const x = scalar(a, ctx);
  const y = scalar(b, ctx);
  if (typeof x === 'boolean' || typeof y === 'boolean') return (x === true) === (y === true) ? 0 : x === true ? 1 : -1;
  const nx = typeof x === 'number' ? x : Number.NaN;
  const ny = typeof y === 'number' ? y : typeof y === 'string' && y.trim() !== '' ? Number(y) : Number.NaN;
  if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx < ny ? -1 : nx > ny ? 1 : 0;
  const sx = String(x);
  const sy = String(y);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

function leaf(node: { field: string; op: string; value?: unknown }, values: Values, ctx: ClientConditionContext): boolean {
  const value = values[node.field];
  const list = Array.isArray(node.value) ? node.value : [];
  const empty = isEmpty(value);
  const text = (v: unknown) => String(v).toLowerCase();
  switch (node.op) {
    case 'is_empty': return empty;
    case 'is_not_empty': return !empty;
    case 'ne': return empty || compare(value, node.value, ctx) !== 0;
    case 'not_in': return empty || !list.some((x) => compare(value, x, ctx) === 0);
    case 'not_contains': return empty || !text(value).includes(text(node.value));
    case 'includes_any': return !empty && Array.isArray(value) && list.some((x) => value.includes(x));
    case 'includes_all': return !empty && Array.isArray(value) && list.every((x) => value.includes(x));
    case 'excludes_all': return empty || (Array.isArray(value) && !list.some((x) => value.includes(x)));
  }
  if (empty) return false;
  switch (node.op) {
    case 'eq': return compare(value, node.value, ctx) === 0;
    case 'gt': return compare(value, node.value, ctx) > 0;
    case 'gte': return compare(value, node.value, ctx) >= 0;
    case 'lt': return compare(value, node.value, ctx) < 0;
    case 'lte': return compare(value, node.value, ctx) <= 0;
    case 'between': return compare(value, list[0], ctx) >= 0 && compare(value, list[1], ctx) <= 0;
    case 'in': return list.some((x) => compare(value, x, ctx) === 0);
    case 'contains': return text(value).includes(text(node.value));
    case 'starts_with': return text(value).startsWith(text(node.value));
    case 'ends_with': return text(value).endsWith(text(node.value));
    default: return false;
  }
}

/** Whether a condition tree (`{field, op, value}`, `{all}`, `{any}`, `{not}`) holds for `values`. */
export function conditionHolds(condition: unknown, values: Values, ctx: ClientConditionContext = {}): boolean {
  if (typeof condition !== 'object' || condition === null) return true;
  const c = condition as Record<string, unknown>;
  if (Array.isArray(c.all)) return c.all.every((x) => conditionHolds(x, values, ctx));
  if (Array.isArray(c.any)) return c.any.some((x) => conditionHolds(x, values, ctx));
  if ('not' in c) return !conditionHolds(c.not, values, ctx);
  if (typeof c.field === 'string' && typeof c.op === 'string') return leaf(c as { field: string; op: string; value?: unknown }, values, ctx);
  return true;
}
