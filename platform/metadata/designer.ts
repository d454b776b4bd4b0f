/**
 * What an admin does in the designer, as metadata changes: objects, fields, layouts and views
 * created, edited, archived, restored and purged; revisions reverted; conflicts resolved. Every
 * operation edits effective values; the workspace keeps only the smallest delta against the
 * layers below (stock and packages), so upgrades of those layers keep the admin's changes.
 */
import { AppError } from '../core/errors';
import type { FieldDef } from '../fields/types';
import { commitChange, type ChangeActor, type CommitResult, type CurrentState, type RevisionChange } from './changes';
import { itemKey, makeDelta, parseKey, type Delta } from './layers';
import type { ApprovalFlowDefinition, LayoutDefinition, ListViewDefinition, SalesProcessDefinition, ValidationRuleDefinition } from './model';
import { applyPatch, clone, getPath, isObject, withoutPaths, type Json } from './patch';
import { stockLayer, type PackageRow } from './registry';

const notFound = (what: string) => new AppError('NOT_FOUND', `${what} does not exist`);
const badRequest = (message: string, pointer: string, field?: string) => new AppError('BAD_REQUEST', message, [{ code: 'designer.bad', message, pointer, field }]);

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

const item = (state: CurrentState, key: string) => state.effective.items.get(key);

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
    if (state.effective.items.has(key)) throw new AppError('CONFLICT', `An object named "${input.name}" already exists`, [{ code: 'designer.exists', field: 'name', message: `An object named "${input.name}" already exists`, pointer: '/name' }]);
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
    if (!current) throw notFound(`Object "${name}"`);
    const { fields: _f, name: _n, ...rest } = props;
    return { deltas: setItems(state, new Map([[key, applyPatch(current, rest)]])) };
  });
}

export function saveField(actor: ChangeActor, object: string, field: FieldDef, mode: 'create' | 'update'): Promise<CommitResult> {
  return commitChange(actor, `${mode === 'create' ? 'Added' : 'Changed'} field ${object}.${field.name}`, (state) => {
    if (!item(state, itemKey.object(object))) throw notFound(`Object "${object}"`);
    const key = itemKey.field(object, field.name);
    const current = item(state, key);
    if (mode === 'create' && current) {
      const archived = isObject(current) && current.archived;
      throw new AppError('CONFLICT', archived ? `Field "${field.name}" exists and is archived: restore it instead` : `Field "${field.name}" already exists on ${object}`, [{ code: 'designer.exists', field: 'name', pointer: '/name', message: `Field "${field.name}" already exists` }]);
    }
    if (mode === 'update' && !current) throw notFound(`Field "${object}.${field.name}"`);
    const value = clone(field) as unknown as Json;
    if (mode === 'update' && isObject(current) && current.archived && isObject(value)) value.archived = true;
    return { deltas: setItems(state, new Map([[key, value]])) };
  });
}

function setArchived(actor: ChangeActor, key: string, archived: boolean, what: string): Promise<CommitResult> {
  return commitChange(actor, `${archived ? 'Archived' : 'Restored'} ${what}`, (state) => {
    const current = item(state, key);
    if (!isObject(current)) throw notFound(what);
    const next = { ...current } as Record<string, Json>;
    if (archived) next.archived = true; else delete next.archived;
    return { deltas: setItems(state, new Map([[key, next as Json]])) };
  });
}

export const archiveField = (actor: ChangeActor, object: string, field: string) => setArchived(actor, itemKey.field(object, field), true, `field ${object}.${field}`);
export const restoreField = (actor: ChangeActor, object: string, field: string) => setArchived(actor, itemKey.field(object, field), false, `field ${object}.${field}`);
export const archiveObject = (actor: ChangeActor, object: string) => setArchived(actor, itemKey.object(object), true, `object ${object}`);
export const restoreObject = (actor: ChangeActor, object: string) => setArchived(actor, itemKey.object(object), false, `object ${object}`);

/**
 * Drop an archived field or object and its data for good. Only what the workspace (or a package
 * since uninstalled) added can be purged; stock definitions stay archived.
 */
export function purge(actor: ChangeActor, object: string, field?: string): Promise<CommitResult> {
  const what = field ? `field ${object}.${field}` : `object ${object}`;
  return commitChange(actor, `Purged ${what}`, (state) => {
    const key = field ? itemKey.field(object, field) : itemKey.object(object);
    const current = item(state, key);
    if (!isObject(current)) throw notFound(what);
    if (!current.archived) throw badRequest(`${what} must be archived before it is purged`, '/archived');
    const keys = field ? [key] : [...state.effective.items.keys()].filter((k) => parseKey(k).object === object);
    const packages: PackageRow[] = state.packages.map((p) => p.status === 'uninstalled' ? { ...p, entries: p.entries.filter((e) => !keys.includes(e.key)) } : p);
    const stock = new Set(stockLayer().entries.map((e) => e.key));
    const stillBelow = keys.filter((k) => stock.has(k) || packages.some((p) => p.status === 'installed' && p.entries.some((e) => e.key === k && e.mode === 'set')));
    if (stillBelow.length) throw badRequest(`${what} is part of the stock definitions or an installed package: it can be archived, not purged`, '/');
    return {
      deltas: state.deltas.filter((d) => !keys.includes(d.key)),
      packages,
      purge: [{ object, field }],
    };
  });
}

export function saveLayout(actor: ChangeActor, layout: LayoutDefinition): Promise<CommitResult> {
  return commitChange(actor, `Changed layout ${layout.object}.${layout.name}`, (state) => {
    if (!item(state, itemKey.object(layout.object))) throw notFound(`Object "${layout.object}"`);
    const { $schema: _s, ...rest } = layout as LayoutDefinition & { $schema?: string };
    return { deltas: setItems(state, new Map([[itemKey.layout(layout.object, layout.name), clone(rest) as unknown as Json]])) };
  });
}

export function saveView(actor: ChangeActor, view: ListViewDefinition): Promise<CommitResult> {
  return commitChange(actor, `Saved list view ${view.object}.${view.name}`, (state) => {
    if (!item(state, itemKey.object(view.object))) throw notFound(`Object "${view.object}"`);
    const { $schema: _s, ...rest } = view as ListViewDefinition & { $schema?: string };
    const values = new Map<string, Json>([[itemKey.view(view.object, view.name), clone(rest) as unknown as Json]]);
    // One shared default view per object: making this one the default unsets the others.
    if (view.isDefault && !view.owner) {
      for (const [key, v] of state.effective.items) {
        if (key === itemKey.view(view.object, view.name) || !key.startsWith(`view:${view.object}.`) || !isObject(v) || !v.isDefault || v.owner) continue;
        const { isDefault: _d, ...others } = v;
        values.set(key, others as Json);
      }
    }
    return { deltas: setItems(state, values) };
  });
}

export function deleteView(actor: ChangeActor, object: string, name: string): Promise<CommitResult> {
  return removeDocument(actor, itemKey.view(object, name), `Deleted list view ${object}.${name}`, `List view "${object}.${name}"`);
}

/** Create or replace a validation rule. */
export function saveRule(actor: ChangeActor, rule: ValidationRuleDefinition, mode?: 'create' | 'update'): Promise<CommitResult> {
  return saveDocument(actor, itemKey.rule(rule.object, rule.name), rule, `Saved validation rule ${rule.object}.${rule.name}`, mode);
}

export function deleteRule(actor: ChangeActor, object: string, name: string): Promise<CommitResult> {
  return removeDocument(actor, itemKey.rule(object, name), `Deleted validation rule ${object}.${name}`, `Validation rule "${object}.${name}"`);
}

/**
 * Create or replace a sales process. Stages in use stay: removing one that records are in is
 * refused like any picklist value in use (make it inactive instead). Records keep the probability
 * they were given; new probabilities apply from their next stage change.
 */
export function saveProcess(actor: ChangeActor, process: SalesProcessDefinition, mode?: 'create' | 'update'): Promise<CommitResult> {
  return saveDocument(actor, itemKey.process(process.object, process.name), process, `Saved sales process ${process.object}.${process.name}`, mode, (state, values) => {
    // One default process per object: making this one the default unsets the others.
    if (!process.isDefault) return;
    for (const [key, v] of state.effective.items) {
      if (key === itemKey.process(process.object, process.name) || !key.startsWith(`process:${process.object}.`) || !isObject(v) || !v.isDefault) continue;
      const { isDefault: _d, ...others } = v;
      values.set(key, others as Json);
    }
  });
}

export function deleteProcess(actor: ChangeActor, object: string, name: string): Promise<CommitResult> {
  return removeDocument(actor, itemKey.process(object, name), `Deleted sales process ${object}.${name}`, `Sales process "${object}.${name}"`);
}

/**
 * Create or replace an approval flow. Requests already submitted keep the version of the flow they
 * were submitted under (the engine stores it); the change applies to the next submissions.
 */
export function saveApproval(actor: ChangeActor, flow: ApprovalFlowDefinition, mode?: 'create' | 'update'): Promise<CommitResult> {
  return saveDocument(actor, itemKey.approval(flow.object, flow.name), flow, `Saved approval flow ${flow.object}.${flow.name}`, mode);
}

export function deleteApproval(actor: ChangeActor, object: string, name: string): Promise<CommitResult> {
  return removeDocument(actor, itemKey.approval(object, name), `Deleted approval flow ${object}.${name}`, `Approval flow "${object}.${name}"`);
}

/** Create or replace one document item; `mode` 'create' refuses an existing one (no silent overwrite), 'update' a missing one. */
function saveDocument(actor: ChangeActor, key: string, doc: { object: string; name?: string }, summary: string, mode?: 'create' | 'update', more?: (state: CurrentState, values: Map<string, Json | undefined>) => void): Promise<CommitResult> {
  return commitChange(actor, summary, (state) => {
    if (!item(state, itemKey.object(doc.object))) throw notFound(`Object "${doc.object}"`);
    const current = item(state, key);
    const exists = current !== undefined && !(isObject(current) && current.$removed);
    if (mode === 'create' && exists) {
      const message = `"${doc.name}" already exists on ${doc.object}: choose another API name`;
      throw new AppError('CONFLICT', message, [{ code: 'designer.exists', field: 'name', pointer: '/name', message }]);
    }
    if (mode === 'update' && !exists) throw notFound(`"${doc.object}.${doc.name}"`);
    const { $schema: _s, ...rest } = doc as { object: string; $schema?: string };
    const values = new Map<string, Json | undefined>([[key, clone(rest) as unknown as Json]]);
    more?.(state, values);
    return { deltas: setItems(state, values) };
  });
}

function removeDocument(actor: ChangeActor, key: string, summary: string, what: string): Promise<CommitResult> {
  return commitChange(actor, summary, (state) => {
    const current = item(state, key);
    if (!current || (isObject(current) && current.$removed)) throw notFound(what);
    const below = state.effective.lower.get(key);
    return { deltas: setItems(state, new Map([[key, below === undefined ? undefined : ({ ...(below as object), $removed: true } as Json)]])) };
  });
}

/**
 * Bring the workspace's customisations back to what they were after revision `target`. Objects
 * and fields added since are archived (their data kept), not dropped. Package installs are not
 * undone here: uninstall a package to remove it.
 */
export function revertTo(actor: ChangeActor, target: number): Promise<CommitResult> {
  return commitChange(actor, `Reverted to revision ${target}`, async (state, client) => {
    if (target < 0 || target > state.revision) throw notFound(`Revision ${target}`);
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
    if (!d) throw notFound(`Customisation of ${key}`);
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
