/**
 * The canonical JSON writer of metadata files. The database (jsonb) and the merge-patch layers hand
 * documents back with their keys in whatever order they happened to end up in; a package export
 * must not depend on that, or a consultant's git diff is noise. So every key is written in the order
 * of its kind's JSON Schema (`properties`, through `$ref`/`$defs`, `items`, `allOf` and the
 * `oneOf`/`anyOf` branch the value fits), map keys (`additionalProperties`) and keys no schema
 * names in code-unit order, and arrays in their own order except those the schema marks as sets
 * (`"x-unordered": true`), which are sorted by the canonical text of their items. Output: 2-space
 * indentation and a trailing newline, as JSON.stringify(value, null, 2) would write it.
 */
import { deepEqual, isObject } from './patch';
import { allMetaSchemas, metaSchema, type MetadataKind } from './schemas';

type SchemaNode = Record<string, unknown>;
/** A schema node and the `$id` of the document it sits in (what its relative `$ref`s resolve against). */
interface At { schema: SchemaNode; base: string }
/** A value with its object keys in their final order (a JS object cannot hold "10" after "b"). */
type Ordered = { obj: [string, Ordered][] } | { arr: Ordered[] } | { leaf: unknown };

const ANONYMOUS = 'https://tessera.dev/schema/anonymous.schema.json';
const MAX_DEPTH = 64; // a schema referring to itself at the same level must not hang the writer

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const asNode = (s: unknown): SchemaNode | null => (isObject(s) ? (s as SchemaNode) : null);

class Resolver {
  private readonly docs = new Map<string, SchemaNode>();

  constructor(root: SchemaNode, related: object[]) {
    for (const s of related) if (typeof (s as SchemaNode).$id === 'string') this.docs.set((s as SchemaNode).$id as string, s as SchemaNode);
    this.docs.set(typeof root.$id === 'string' ? root.$id : ANONYMOUS, root);
  }

  /** The node a `$ref` points at (document and JSON pointer), or null when it is not one of ours. */
  resolve(ref: string, base: string): At | null {
    let url: URL;
    try { url = new URL(ref, base); } catch { return null; }
    const id = `${url.origin}${url.pathname}`;
    let node: unknown = this.docs.get(id);
    const pointer = decodeURIComponent(url.hash.replace(/^#/, ''));
    for (const part of pointer.split('/').slice(1)) node = isObject(node) ? (node as SchemaNode)[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    const found = asNode(node);
    return found ? { schema: found, base: id } : null;
  }
}

const sub = (s: unknown, base: string): At | null => { const n = asNode(s); return n ? { schema: n, base } : null; };

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/**
 * Whether a value fits a schema node, as far as telling `oneOf` branches apart needs: type, const,
 * enum, required and closed property sets, and (one level down) the type/const/enum of properties.
 */
function fits(r: Resolver, at: At, value: unknown, deep: boolean, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const s = at.schema;
  if (typeof s.$ref === 'string') {
    const target = r.resolve(s.$ref, at.base);
    if (target && !fits(r, target, value, deep, depth + 1)) return false;
  }
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    const t = jsonType(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) return false;
  }
  if ('const' in s && !deepEqual(s.const, value)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value))) return false;
  if (!deep) return true;
  for (const a of (Array.isArray(s.allOf) ? s.allOf : [])) { const n = sub(a, at.base); if (n && !fits(r, n, value, true, depth + 1)) return false; }
  for (const kw of ['oneOf', 'anyOf'] as const) {
    const branches = Array.isArray(s[kw]) ? (s[kw] as unknown[]) : null;
    if (branches && !branches.some((b) => { const n = sub(b, at.base); return !n || fits(r, n, value, true, depth + 1); })) return false;
  }
  if (isObject(value) && (s.properties || s.required || s.additionalProperties === false)) {
    const props = asNode(s.properties) ?? {};
    if (Array.isArray(s.required) && s.required.some((k) => typeof k === 'string' && !(k in value))) return false;
    for (const [k, v] of Object.entries(value)) {
      if (Object.hasOwn(props, k)) { const n = sub(props[k], at.base); if (n && !fits(r, n, v, false, depth + 1)) return false; }
      else if (s.additionalProperties === false) return false;
    }
  }
  return true;
}

/** The branch of a oneOf/anyOf the value fits (the first), else the one naming most of its keys. */
function pick(r: Resolver, branches: At[], value: unknown, depth: number): At | null {
  const fit = branches.find((b) => fits(r, b, value, true, depth + 1));
  if (fit || !isObject(value)) return fit ?? null;
  const named = (b: At) => {
    const props = asNode(applicable(r, b, value, depth + 1).find((n) => asNode(n.schema.properties))?.schema.properties) ?? {};
    return Object.keys(value).filter((k) => Object.hasOwn(props, k)).length;
  };
  const scored = branches.map((b) => [b, named(b)] as const).filter(([, n]) => n > 0).sort((x, y) => y[1] - x[1]);
  return scored[0]?.[0] ?? null;
}

/** Every schema node that describes this value: the node, what it refers to, allOf parts and the chosen branch. */
function applicable(r: Resolver, at: At | null, value: unknown, depth = 0, out: At[] = []): At[] {
  if (!at || depth > MAX_DEPTH) return out;
  out.push(at);
  const s = at.schema;
  if (typeof s.$ref === 'string') applicable(r, r.resolve(s.$ref, at.base), value, depth + 1, out);
  for (const a of (Array.isArray(s.allOf) ? s.allOf : [])) applicable(r, sub(a, at.base), value, depth + 1, out);
  for (const kw of ['oneOf', 'anyOf'] as const) {
    if (!Array.isArray(s[kw])) continue;
    const branches = (s[kw] as unknown[]).map((b) => sub(b, at.base)).filter((b): b is At => b !== null);
    applicable(r, pick(r, branches, value, depth), value, depth + 1, out);
  }
  return out;
}

function order(r: Resolver, at: At | null, value: unknown): Ordered {
  const nodes = applicable(r, at, value);
  if (Array.isArray(value)) {
    const itemsAt = nodes.map((n) => sub(n.schema.items, n.base)).find((n) => n !== null) ?? null;
    const items = value.map((v) => order(r, itemsAt, v));
    if (!nodes.some((n) => n.schema['x-unordered'] === true)) return { arr: items };
    // A set: sorted by each item's own canonical text, so equal sets are written alike.
    return { arr: items.map((o) => [text(o, '', ''), o] as const).sort((x, y) => byCodeUnit(x[0], y[0])).map(([, o]) => o) };
  }
  if (!isObject(value)) return { leaf: value };
  const known = new Map<string, At | null>();
  for (const n of nodes) {
    for (const [k, s] of Object.entries(asNode(n.schema.properties) ?? {})) if (!known.has(k)) known.set(k, sub(s, n.base));
  }
  const mapAt = nodes.map((n) => sub(n.schema.additionalProperties, n.base)).find((n) => n !== null) ?? null;
  const present = (k: string) => Object.hasOwn(value, k) && value[k] !== undefined;
  const entries: [string, Ordered][] = [...known.keys()].filter(present).map((k) => [k, order(r, known.get(k)!, value[k])]);
  for (const k of Object.keys(value).filter((x) => present(x) && !known.has(x)).sort(byCodeUnit)) entries.push([k, order(r, mapAt, value[k])]);
  return { obj: entries };
}

/** JSON text of an ordered value; `step` '' writes it on one line (the sort key of set items). */
function text(o: Ordered, indent: string, step: string): string {
  const nl = step ? `\n${indent}${step}` : '';
  const end = step ? `\n${indent}` : '';
  if ('arr' in o) {
    if (!o.arr.length) return '[]';
    return `[${nl}${o.arr.map((x) => text(x, indent + step, step)).join(`,${nl}`)}${end}]`;
  }
  if ('obj' in o) {
    if (!o.obj.length) return '{}';
    const sep = step ? ': ' : ':';
    return `{${nl}${o.obj.map(([k, x]) => `${JSON.stringify(k)}${sep}${text(x, indent + step, step)}`).join(`,${nl}`)}${end}}`;
  }
  return JSON.stringify(o.leaf) ?? 'null';
}

function fromOrdered(o: Ordered): unknown {
  if ('arr' in o) return o.arr.map(fromOrdered);
  if ('obj' in o) return Object.fromEntries(o.obj.map(([k, x]) => [k, fromOrdered(x)]));
  return o.leaf;
}

/** The canonical text of a value described by `schema` (references resolve among `related`, by default every metadata kind's schema). */
export function canonicalJson(schema: object, value: unknown, related: object[] = allMetaSchemas()): string {
  const root = schema as SchemaNode;
  const r = new Resolver(root, related);
  return `${text(order(r, { schema: root, base: typeof root.$id === 'string' ? root.$id : ANONYMOUS }, value), '', '  ')}\n`;
}

/** The value with sets sorted and keys in canonical order: equal metadata compares equal however it was stored. */
export function canonicalValue<T>(schema: object, value: T, related: object[] = allMetaSchemas()): T {
  const root = schema as SchemaNode;
  const r = new Resolver(root, related);
  return fromOrdered(order(r, { schema: root, base: typeof root.$id === 'string' ? root.$id : ANONYMOUS }, value)) as T;
}

/** The canonical file text of one metadata document of a kind. */
export function canonicalDocument(kind: MetadataKind, doc: unknown): string {
  return canonicalJson(metaSchema(kind), doc);
}
