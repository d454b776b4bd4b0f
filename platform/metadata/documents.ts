/**
 * The generic designer verbs of document kinds (a layout, a list view, a rule...): create or
 * replace one item, remove one, and the delta bookkeeping under them. Kind modules build their
 * verbs from these; every change goes through changes.ts's one commit path.
 */
import type { MessageParam } from '../core/errors';
import { keyedError, problem } from '../core/problems';
import { commitChange, type ChangeActor, type CommitResult, type CurrentState } from './changes';
import { itemKey, makeDelta, type Delta } from './layers';
import { clone, isObject, type Json } from './patch';

/** 404 naming what does not exist (a `what.*` message, worded in the caller's language). */
export const notFound = (what: MessageParam) => keyedError('NOT_FOUND', 'metadata.notFound', { what });

/** "Object "deal"" as a message value. */
export const objectNamed = (object: string): MessageParam => ({ key: 'what.object', params: { object } });

/** "Field "deal.amount"" as a message value. */
export const fieldNamed = (object: string, field: string): MessageParam => ({ key: 'what.field', params: { object, field } });

/** "list view "deal.open"" as a message value: the kind's label and the document's name. */
export const documentNamed = (kind: { en: string; zh: string }, object: string, name: string): MessageParam => ({ key: 'what.named', params: { kind, name: `${object}.${name}` } });

/** New deltas after setting the effective value of some items (undefined: back to the layers below). */
export function setItems(state: CurrentState, values: Map<string, Json | undefined>): Delta[] {
  const out: Delta[] = [];
  for (const d of state.deltas) {
    if (!values.has(d.key)) { out.push(d); continue; }
    const v = values.get(d.key);
    if (v === undefined) continue;
    const nd = makeDelta(d.key, state.effective.lower.get(d.key), v);
    if (nd) out.push(nd);
  }
  for (const [key, v] of values) {
    if (v === undefined || state.deltas.some((d) => d.key === key)) continue;
    const nd = makeDelta(key, state.effective.lower.get(key), v);
    if (nd) out.push(nd);
  }
  return out;
}

/** The effective value of an item. */
export const effectiveItem = (state: CurrentState, key: string) => state.effective.items.get(key);

/** A document without its `$schema` line, as stored in a layer. */
export function stripSchema(doc: object): Json {
  const { $schema: _s, ...rest } = doc as { $schema?: string };
  return clone(rest) as unknown as Json;
}

/**
 * Create or replace one document item; `mode` 'create' refuses an existing one (no silent overwrite), 'update' a missing one.
 * `workspaceLevel`: the kind's documents hang on the workspace (apps), not on an object that must exist.
 */
export function saveDocument(
  actor: ChangeActor,
  key: string,
  doc: { object: string; name?: string },
  summary: string,
  mode?: 'create' | 'update',
  more?: (state: CurrentState, values: Map<string, Json | undefined>) => void,
  { workspaceLevel = false } = {},
): Promise<CommitResult> {
  return commitChange(actor, summary, (state) => {
    if (!workspaceLevel && !effectiveItem(state, itemKey.object(doc.object))) throw notFound(objectNamed(doc.object));
    const current = effectiveItem(state, key);
    const exists = current !== undefined && !(isObject(current) && current.$removed);
    if (mode === 'create' && exists) {
      const detail = problem('designer.exists.document', { name: doc.name ?? '', object: doc.object }, { field: 'name', pointer: '/name', code: 'designer.exists' });
      throw keyedError('CONFLICT', 'designer.exists.document', detail.params, [detail]);
    }
    if (mode === 'update' && !exists) throw notFound({ key: 'what.document', params: { object: doc.object, name: doc.name ?? '' } });
    const values = new Map<string, Json | undefined>([[key, stripSchema(doc)]]);
    more?.(state, values);
    return { deltas: setItems(state, values) };
  });
}

/** Remove one document item: a workspace addition goes, an item of a lower layer is marked `$removed`. */
export function removeDocument(actor: ChangeActor, key: string, summary: string, what: MessageParam): Promise<CommitResult> {
  return commitChange(actor, summary, (state) => {
    const current = effectiveItem(state, key);
    if (!current || (isObject(current) && current.$removed)) throw notFound(what);
    const below = state.effective.lower.get(key);
    return { deltas: setItems(state, new Map([[key, below === undefined ? undefined : ({ ...(below as object), $removed: true } as Json)]])) };
  });
}

/**
 * Values that unset `prop` (e.g. `isDefault`) on the other documents of the same kind and object:
 * "one default per object" for list views and sales processes.
 */
export function unsetOnOthers(state: CurrentState, values: Map<string, Json | undefined>, kind: string, object: string, key: string, prop: string, skip?: (v: Record<string, Json>) => boolean): void {
  for (const [k, v] of state.effective.items) {
    if (k === key || !k.startsWith(`${kind}:${object}.`) || !isObject(v) || !v[prop] || skip?.(v as Record<string, Json>)) continue;
    const { [prop]: _d, ...others } = v;
    values.set(k, others as Json);
  }
}
