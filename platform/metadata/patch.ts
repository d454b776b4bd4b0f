/**
 * JSON merge patches (RFC 7386): how a layer changes an item of the layer below. Objects merge
 * property by property, `null` removes a property, arrays and scalars replace. `diffPatch` gives
 * the smallest patch from one value to another, so a delta holds only what an admin changed.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Apply a merge patch to a value (neither is modified). */
export function applyPatch(target: unknown, patch: unknown): Json {
  if (!isObject(patch)) return clone(patch as Json);
  const out: JsonObject = isObject(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyPatch(out[k], v);
  }
  return out;
}

/** The smallest merge patch turning `from` into `to` (both objects). Empty object: no change. */
export function diffPatch(from: unknown, to: unknown): JsonObject {
  const a = isObject(from) ? from : {};
  const b = isObject(to) ? to : {};
  const patch: JsonObject = {};
  for (const k of Object.keys(a)) if (a[k] !== undefined && (b[k] === undefined)) patch[k] = null;
  for (const [k, v] of Object.entries(b)) {
    if (v === undefined || deepEqual(a[k], v)) continue;
    if (isObject(v) && isObject(a[k])) {
      const inner = diffPatch(a[k], v);
      // An object value that itself holds nulls cannot be told apart from removals: replace it whole.
      patch[k] = Object.keys(inner).length ? inner : clone(v);
    } else patch[k] = clone(v);
  }
  return patch;
}

/** Paths (arrays of property names) a merge patch changes, down to the leaves it sets or removes. */
export function patchPaths(patch: unknown, prefix: string[] = []): string[][] {
  if (!isObject(patch)) return [prefix];
  const out: string[][] = [];
  for (const [k, v] of Object.entries(patch)) {
    if (isObject(v)) out.push(...patchPaths(v, [...prefix, k]));
    else out.push([...prefix, k]);
  }
  return out;
}

export function getPath(value: unknown, path: string[]): unknown {
  let v: unknown = value;
  for (const k of path) {
    if (!isObject(v)) return undefined;
    v = v[k];
  }
  return v;
}

/** Remove the given paths from a merge patch (pruning emptied objects). */
export function withoutPaths(patch: JsonObject, paths: string[][]): JsonObject {
  const out = clone(patch);
  for (const path of paths) {
    const stack: JsonObject[] = [out];
    let node: JsonObject = out;
    for (const k of path.slice(0, -1)) {
      const next = node[k];
      if (!isObject(next)) { node = {}; break; }
      node = next;
      stack.push(node);
    }
    delete node[path[path.length - 1]];
    for (let i = stack.length - 1; i > 0; i--) {
      if (Object.keys(stack[i]).length === 0) delete stack[i - 1][path[i - 1]];
    }
  }
  return out;
}
