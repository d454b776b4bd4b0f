/**
 * Metadata layers. Effective metadata = stock files → installed packages (in install order) →
 * workspace customisations. Every layer speaks in *items* keyed by stable ids:
 *
 *   object:<object>            the object's own properties (everything but its fields)
 *   field:<object>.<field>     one field
 *   <kind>:<object>.<name>     one document of a kind in the kind registry (kinds/registry.ts):
 *                              layout, view, rule, process, approval...
 *
 * A layer entry either sets an item (adds it, or replaces the one below) or patches it (a JSON
 * merge patch of the value below). Workspace deltas are patches computed against the value below
 * at the time of the change, and remember that value (`base`), so an upgrade of a lower layer that
 * touches the same property to something else is reported as a conflict instead of silently lost.
 */
import type { ErrorDetail } from '../core/errors';
import { problem } from '../core/problems';
import { documentsOf, emptyDocuments, type MetadataDocuments } from './build';
import { documentKind, documentKinds } from './kinds/registry';
import type { NamedDocument } from './kinds/types';
import type { ObjectDefinition } from './model';
import { applyPatch, clone, deepEqual, diffPatch, getPath, isObject, patchPaths, type Json } from './patch';

/** `object`, `field`, or the name of a document kind in the registry. */
export type ItemKind = 'object' | 'field' | 'layout' | 'view' | 'rule' | 'process' | 'approval' | (string & {});
export type Items = Map<string, Json>;

export interface LayerEntry {
  key: string;
  mode: 'set' | 'patch';
  value: Json;
}

export interface Layer {
  /** `stock`, `package:<name>` or `workspace`. */
  source: string;
  entries: LayerEntry[];
}

/** A workspace customisation of one item. */
export interface Delta {
  key: string;
  /** The item did not exist below when the admin created it: `patch` is the whole item. */
  added: boolean;
  /** Merge patch of the item below (or the whole item when added). */
  patch: Json;
  /** The value below when the delta was last written (null when added). */
  base: Json | null;
}

export interface Conflict {
  key: string;
  /** Property path inside the item, e.g. ["label", "en"]. */
  path: string[];
  /** What the lower layer had when the admin changed it. */
  was: unknown;
  /** What the lower layer has now. */
  now: unknown;
  /** What the admin set. */
  mine: unknown;
}

export const itemKey = {
  object: (o: string) => `object:${o}`,
  field: (o: string, f: string) => `field:${o}.${f}`,
  layout: (o: string, n: string) => `layout:${o}.${n}`,
  view: (o: string, n: string) => `view:${o}.${n}`,
  rule: (o: string, n: string) => `rule:${o}.${n}`,
  process: (o: string, n: string) => `process:${o}.${n}`,
  approval: (o: string, n: string) => `approval:${o}.${n}`,
};

export function parseKey(key: string): { kind: ItemKind; object: string; name?: string } {
  const [kind, rest] = key.split(/:(.*)/s) as [ItemKind, string];
  const [object, name] = rest.split('.');
  return { kind, object, name };
}

const strip = <T extends object>(doc: T): Json => {
  const { $schema: _s, ...rest } = doc as T & { $schema?: string };
  return clone(rest) as Json;
};

/**
 * Split documents into items (objects lose their fields to field items): `objects`, then each
 * document kind's documents under its folder name (`layouts`, `views`...), in registry order.
 */
export function toEntries(docs: { objects?: ObjectDefinition[] } & { [folder: string]: readonly unknown[] | undefined }): LayerEntry[] {
  const out: LayerEntry[] = [];
  for (const o of docs.objects ?? []) {
    const { fields, ...own } = o;
    out.push({ key: itemKey.object(o.name), mode: 'set', value: strip(own) });
    for (const f of fields) out.push({ key: itemKey.field(o.name, f.name), mode: 'set', value: clone(f) as unknown as Json });
  }
  for (const kind of documentKinds()) {
    for (const d of (docs[kind.folder] ?? []) as NamedDocument[]) out.push({ key: kind.key(d), mode: 'set', value: strip(d) });
  }
  return out;
}

/** Apply layers in order. Patches of items missing below are reported, not applied. */
export function composeLayers(layers: Layer[]): { items: Items; errors: ErrorDetail[] } {
  const items: Items = new Map();
  const errors: ErrorDetail[] = [];
  for (const layer of layers) {
    for (const e of layer.entries) {
      if (e.mode === 'set') {
        items.set(e.key, clone(e.value));
      } else if (!items.has(e.key)) {
        // A workspace delta of an item a package no longer has: kept, and reported as a conflict.
        if (layer.source === 'workspace') continue;
        errors.push(problem('layer.missing', { source: layer.source, item: e.key }, { file: layer.source, pointer: '/' }));
      } else {
        items.set(e.key, applyPatch(items.get(e.key), e.value));
      }
    }
  }
  return { items, errors };
}

/** The workspace layer as entries. */
export function deltaLayer(deltas: Iterable<Delta>): Layer {
  return { source: 'workspace', entries: [...deltas].map((d) => ({ key: d.key, mode: d.added ? 'set' : 'patch', value: d.patch })) };
}

/**
 * Items back into the documents the model builder takes. Items marked `$removed` are left out;
 * fields of an object no layer defines are reported.
 */
export function toDocuments(items: Items): { docs: MetadataDocuments; errors: ErrorDetail[] } {
  const docs = emptyDocuments();
  const errors: ErrorDetail[] = [];
  const fieldsOf = new Map<string, Json[]>();
  for (const [key, value] of items) {
    if (isObject(value) && value.$removed) continue;
    const { kind, object } = parseKey(key);
    if (kind === 'field') fieldsOf.set(object, [...(fieldsOf.get(object) ?? []), value]);
  }
  for (const [key, value] of items) {
    if (isObject(value) && value.$removed) continue;
    const { kind, object, name } = parseKey(key);
    if (kind === 'object') {
      docs.objects.push({ file: `objects/${object}.json`, def: { ...(value as object), fields: fieldsOf.get(object) ?? [] } as unknown as ObjectDefinition });
      continue;
    }
    const doc = documentKind(kind);
    if (doc) documentsOf(docs, doc.folder).push({ file: `${doc.folder}/${object}.${name}.json`, def: value });
  }
  for (const object of fieldsOf.keys()) {
    if (!items.has(itemKey.object(object))) {
      const file = `extensions/${object}.json`;
      errors.push(problem('extension.object', { object }, { file, pointer: '/object' }));
    }
  }
  return { docs, errors };
}

/** The delta that turns `below` into `value` (null: no delta needed). */
export function makeDelta(key: string, below: Json | undefined, value: Json): Delta | null {
  if (below === undefined) return { key, added: true, patch: clone(value), base: null };
  if (deepEqual(below, value)) return null;
  return { key, added: false, patch: diffPatch(below, value), base: clone(below) };
}

/**
 * Conflicts between workspace deltas and the layers below as they are now: a property the admin
 * changed that the lower layer has since changed too, to a different value.
 */
export function findConflicts(lower: Items, deltas: Iterable<Delta>): Conflict[] {
  const out: Conflict[] = [];
  for (const d of deltas) {
    const now = lower.get(d.key);
    if (d.added) {
      if (now !== undefined && !deepEqual(now, d.patch)) out.push({ key: d.key, path: [], was: undefined, now, mine: d.patch });
      continue;
    }
    if (now === undefined) { out.push({ key: d.key, path: [], was: d.base, now: undefined, mine: d.patch }); continue; }
    for (const path of patchPaths(d.patch)) {
      const was = getPath(d.base, path);
      const lowerNow = getPath(now, path);
      const mine = getPath(applyPatch(now, d.patch), path);
      if (!deepEqual(was, lowerNow) && !deepEqual(lowerNow, mine)) out.push({ key: d.key, path, was, now: lowerNow, mine });
    }
  }
  return out;
}
