/**
 * What an admin does in the designer, as metadata changes: objects and fields created, edited,
 * archived, restored and purged; documents of every registered kind saved and removed (through
 * the kind's own verbs, kinds/<kind>.ts); revisions reverted; conflicts resolved. Every
 * operation edits effective values; the workspace keeps only the smallest delta against the
 * layers below (stock and packages), so upgrades of those layers keep the admin's changes.
 */
import type { MessageParams } from '../core/errors';
import type { MessageKey } from '../core/i18n';
import { keyedError, problem } from '../core/problems';
import type { FieldDef } from '../fields/types';
import { commitChange, type ChangeActor, type CommitResult, type RevisionChange } from './changes';
import { effectiveItem, fieldNamed, notFound, objectNamed, setItems } from './documents';
import { approvalKind } from './kinds/approval';
import { layoutKind } from './kinds/layout';
import { listviewKind } from './kinds/listview';
import { processKind } from './kinds/process';
import { documentKind } from './kinds/registry';
import { ruleKind } from './kinds/rule';
import type { DocumentKind, NamedDocument } from './kinds/types';
import { itemKey, makeDelta, parseKey, type Delta } from './layers';
import type { ApprovalFlowDefinition, LayoutDefinition, ListViewDefinition, SalesProcessDefinition, ValidationRuleDefinition } from './model';
import { applyPatch, clone, getPath, isObject, withoutPaths, type Json } from './patch';
import { stockLayer, type PackageRow } from './registry';

/** 400 with one detail (code `designer.bad`) worded from the catalog's `key`. */
const badRequest = (key: MessageKey, params: MessageParams, pointer: string) => keyedError('BAD_REQUEST', key, params, [problem(key, params, { pointer, code: 'designer.bad' })]);

const item = effectiveItem;

export interface NewObjectInput {
  name: string;
  label: { en: string; zh: string };
  pluralLabel: { en: string; zh: string };
  description?: string;
  icon?: string;
  /** Label of the name field. */
  nameLabel?: { en: string; zh: string };
  /** Make the record name an auto number with this pattern (e.g. `VO-{YYYY}-{0000}`). */
  autoNumber?: string;
  sharing?: { default?: 'private' | 'read' | 'read_write'; hierarchy?: boolean };
}

export function createObject(actor: ChangeActor, input: NewObjectInput): Promise<CommitResult> {
  return commitChange(actor, `Created object ${input.name}`, (state) => {
    const key = itemKey.object(input.name);
    if (state.effective.items.has(key)) throw keyedError('CONFLICT', 'designer.exists', { name: input.name }, [problem('designer.exists', { name: input.name }, { field: 'name', pointer: '/name' })]);
    const { nameLabel, autoNumber, ...own } = input;
    const nameField: Json = autoNumber
      ? { name: 'name', type: 'auto_number', label: nameLabel ?? { en: 'Number', zh: '编号' }, pattern: autoNumber }
      : { name: 'name', type: 'text', label: nameLabel ?? { en: 'Name', zh: '名称' }, required: true, maxLength: 200 };
    const layout: Json = {
      object: input.name, name: 'default', label: { en: 'Default layout', zh: '默认布局' },
      sections: [{ id: 'main', label: { en: 'Information', zh: '基本信息' }, columns: 2, fields: autoNumber ? [] : ['name'] }],
    };
    const view: Json = { object: input.name, name: 'all', label: { en: `All ${input.pluralLabel.en.toLowerCase()}`, zh: `全部${input.pluralLabel.zh}` }, isDefault: true, columns: ['name', 'owner', 'created_at'], sort: [{ field: 'created_at', dir: 'desc' }] };
    return {
      deltas: setItems(state, new Map<string, Json>([
        [key, clone(own) as Json],
        [itemKey.field(input.name, 'name'), nameField],
        [itemKey.layout(input.name, 'default'), layout],
        [itemKey.view(input.name, 'all'), view],
      ])),
    };
  });
}

/** Edit an object's own properties (labels, description, icon, sharing, search fields). */
export function updateObject(actor: ChangeActor, name: string, props: Record<string, Json>): Promise<CommitResult> {
  return commitChange(actor, `Changed object ${name}`, (state) => {
    const key = itemKey.object(name);
    const current = item(state, key);
    if (!current) throw notFound(objectNamed(name));
    const { fields: _f, name: _n, ...rest } = props;
    return { deltas: setItems(state, new Map([[key, applyPatch(current, rest)]])) };
  });
}

export function saveField(actor: ChangeActor, object: string, field: FieldDef, mode: 'create' | 'update'): Promise<CommitResult> {
  return commitChange(actor, `${mode === 'create' ? 'Added' : 'Changed'} field ${object}.${field.name}`, (state) => {
    if (!item(state, itemKey.object(object))) throw notFound(objectNamed(object));
    const key = itemKey.field(object, field.name);
    const current = item(state, key);
    if (mode === 'create' && current) {
      const archived = isObject(current) && current.archived;
      const params = { field: field.name, object };
      const key = archived ? 'designer.exists.archived' : 'designer.exists.field';
      throw keyedError('CONFLICT', key, params, [problem(key, params, { field: 'name', pointer: '/name', code: 'designer.exists' })]);
    }
    if (mode === 'update' && !current) throw notFound(fieldNamed(object, field.name));
    const value = clone(field) as unknown as Json;
    if (mode === 'update' && isObject(current) && current.archived && isObject(value)) value.archived = true;
    return { deltas: setItems(state, new Map([[key, value]])) };
  });
}

function setArchived(actor: ChangeActor, key: string, archived: boolean, object: string, field?: string): Promise<CommitResult> {
  const what = field ? `field ${object}.${field}` : `object ${object}`;
  return commitChange(actor, `${archived ? 'Archived' : 'Restored'} ${what}`, (state) => {
    const current = item(state, key);
    if (!isObject(current)) throw notFound(field ? fieldNamed(object, field) : objectNamed(object));
    const next = { ...current } as Record<string, Json>;
    if (archived) next.archived = true; else delete next.archived;
    return { deltas: setItems(state, new Map([[key, next as Json]])) };
  });
}

export const archiveField = (actor: ChangeActor, object: string, field: string) => setArchived(actor, itemKey.field(object, field), true, object, field);
export const restoreField = (actor: ChangeActor, object: string, field: string) => setArchived(actor, itemKey.field(object, field), false, object, field);
export const archiveObject = (actor: ChangeActor, object: string) => setArchived(actor, itemKey.object(object), true, object);
export const restoreObject = (actor: ChangeActor, object: string) => setArchived(actor, itemKey.object(object), false, object);

/**
 * Drop an archived field or object and its data for good. Only what the workspace (or a package
 * since uninstalled) added can be purged; stock definitions stay archived.
 */
export function purge(actor: ChangeActor, object: string, field?: string): Promise<CommitResult> {
  const what = field ? `field ${object}.${field}` : `object ${object}`;
  return commitChange(actor, `Purged ${what}`, (state) => {
    const key = field ? itemKey.field(object, field) : itemKey.object(object);
    const current = item(state, key);
    const named = field ? fieldNamed(object, field) : objectNamed(object);
    if (!isObject(current)) throw notFound(named);
    if (!current.archived) throw badRequest('designer.purge.notArchived', { what: named }, '/archived');
    const keys = field ? [key] : [...state.effective.items.keys()].filter((k) => parseKey(k).object === object);
    const packages: PackageRow[] = state.packages.map((p) => p.status === 'uninstalled' ? { ...p, entries: p.entries.filter((e) => !keys.includes(e.key)) } : p);
    const stock = new Set(stockLayer().entries.map((e) => e.key));
    const stillBelow = keys.filter((k) => stock.has(k) || packages.some((p) => p.status === 'installed' && p.entries.some((e) => e.key === k && e.mode === 'set')));
    if (stillBelow.length) throw badRequest('designer.purge.below', { what: named }, '/');
    return {
      deltas: state.deltas.filter((d) => !keys.includes(d.key)),
      packages,
      purge: [{ object, field }],
    };
  });
}

/** A kind of the registry by name (404 when no such kind is registered). */
function kindOf(name: string): DocumentKind {
  const kind = documentKind(name);
  if (!kind) throw notFound({ key: 'what.kind', params: { kind: name } });
  return kind;
}

/** Create or replace a document of any registered kind, with the kind's own checks and side effects. */
export function saveItem(actor: ChangeActor, kind: string, doc: NamedDocument, mode?: 'create' | 'update'): Promise<CommitResult> {
  return kindOf(kind).verbs.save(actor, doc, mode);
}

/** Remove a document of any registered kind; a kind that cannot be removed (layouts) is a BAD_REQUEST. */
export function removeItem(actor: ChangeActor, kind: string, object: string, name: string): Promise<CommitResult> {
  const k = kindOf(kind);
  if (!k.verbs.remove) throw badRequest('designer.notRemovable', { kind: k.label }, '/');
  return k.verbs.remove(actor, object, name);
}

// The stock kinds' verbs under their long-standing names (screens, tests and scripts call them).
export const saveLayout = (actor: ChangeActor, layout: LayoutDefinition) => layoutKind.verbs.save(actor, layout);
export const saveView = (actor: ChangeActor, view: ListViewDefinition) => listviewKind.verbs.save(actor, view);
export const deleteView = (actor: ChangeActor, object: string, name: string) => listviewKind.verbs.remove!(actor, object, name);
export const saveRule = (actor: ChangeActor, rule: ValidationRuleDefinition, mode?: 'create' | 'update') => ruleKind.verbs.save(actor, rule, mode);
export const deleteRule = (actor: ChangeActor, object: string, name: string) => ruleKind.verbs.remove!(actor, object, name);
export const saveProcess = (actor: ChangeActor, process: SalesProcessDefinition, mode?: 'create' | 'update') => processKind.verbs.save(actor, process, mode);
export const deleteProcess = (actor: ChangeActor, object: string, name: string) => processKind.verbs.remove!(actor, object, name);
export const saveApproval = (actor: ChangeActor, flow: ApprovalFlowDefinition, mode?: 'create' | 'update') => approvalKind.verbs.save(actor, flow, mode);
export const deleteApproval = (actor: ChangeActor, object: string, name: string) => approvalKind.verbs.remove!(actor, object, name);

/**
 * Bring the workspace's customisations back to what they were after revision `target`. Objects
 * and fields added since are archived (their data kept), not dropped. Package installs are not
 * undone here: uninstall a package to remove it.
 */
export function revertTo(actor: ChangeActor, target: number): Promise<CommitResult> {
  return commitChange(actor, `Reverted to revision ${target}`, async (state, client) => {
    if (target < 0 || target > state.revision) throw notFound({ key: 'what.revision', params: { revision: target } });
    const later = await client.query<{ number: number; changes: RevisionChange[] }>(
      'SELECT number, changes FROM metadata_revisions WHERE workspace_id = $1 AND number > $2 ORDER BY number DESC',
      [actor.workspace.id, target],
    );
    const deltas = new Map(state.deltas.map((d) => [d.key, d]));
    for (const r of later.rows) {
      for (const c of r.changes) {
        if (c.deltaBefore === undefined || (c.deltaBefore === null && c.deltaAfter === null)) continue;
        if (c.deltaBefore === null) deltas.delete(c.key);
        else deltas.set(c.key, c.deltaBefore);
      }
    }
    // Keep objects and fields that would vanish, archived: their columns hold data.
    for (const [key, value] of state.effective.items) {
      const { kind } = parseKey(key);
      if ((kind === 'field' || kind === 'object') && !deltas.has(key) && !state.effective.lower.has(key)) {
        deltas.set(key, { key, added: true, patch: { ...(value as object), archived: true } as Json, base: null });
      }
    }
    return { deltas: [...deltas.values()] };
  });
}

/** Settle a conflict: keep the admin's value (and accept the new lower value as the base), or take the lower layer's. */
export function resolveConflict(actor: ChangeActor, key: string, path: string[], take: 'mine' | 'theirs'): Promise<CommitResult> {
  return commitChange(actor, `Resolved conflict on ${key} (${path.join('.') || 'whole item'}: ${take === 'mine' ? 'kept the workspace value' : 'took the new definition'})`, (state) => {
    const d = state.deltas.find((x) => x.key === key);
    if (!d) throw notFound({ key: 'what.customisation', params: { item: key } });
    const lower = state.effective.lower.get(key) ?? null;
    let next: Delta | null;
    if (take === 'mine') {
      if (d.added) next = lower === null ? d : makeDelta(key, lower, d.patch);
      else {
        // Re-base the delta on the lower value as it is now, keeping the admin's values.
        const base = clone(d.base) as Json;
        const rebased = path.length ? setPath(base, path, getPath(lower, path) as Json) : lower;
        next = { ...d, base: rebased };
      }
    } else {
      next = d.added || !path.length ? null : { ...d, patch: withoutPaths(d.patch as Record<string, Json>, [path]) };
      if (next && isObject(next.patch) && !Object.keys(next.patch).length) next = null;
    }
    return { deltas: state.deltas.flatMap((x) => (x.key === key ? (next ? [next] : []) : [x])) };
  });
}

function setPath(value: Json, path: string[], v: Json): Json {
  const out = (isObject(value) ? clone(value) : {}) as Record<string, Json>;
  let node = out;
  path.slice(0, -1).forEach((k) => {
    if (!isObject(node[k])) node[k] = {};
    node = node[k] as Record<string, Json>;
  });
  if (v === undefined) delete node[path[path.length - 1]];
  else node[path[path.length - 1]] = v;
  return out;
}

export { setItems };
