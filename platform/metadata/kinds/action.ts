/**
 * Actions (`action:<object>.<name>`, metadata/actions, schema action.schema.json): the buttons of
 * the record page's action bar. Stock ones (edit, clone, change owner, delete, submit for approval,
 * follow) belong to object `all`; a package adds its own: `url` (a handlebars link over the
 * record's readable fields) and `update` (field values set through the record service).
 */
import Handlebars from 'handlebars';
import actionSchema from '../../../metadata/schema/action.schema.json' with { type: 'json' };
import { isWritable } from '../../fields/registry';
import { documentNamed, removeDocument, saveDocument } from '../documents';
import type { ActionDefinition } from '../generated/action';
import type { BuildContext, DocumentKind, KindDoc } from './types';

/** The object name under which actions for every object are stored. */
export const ALL_OBJECTS = 'all';

function checkTemplate(source: string): string | null {
  try {
    Handlebars.parse(source);
    return null;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  }
}

function build(docs: KindDoc<ActionDefinition>[], { objects, isGone, err }: BuildContext): Map<string, ActionDefinition[]> {
  const actions = new Map<string, ActionDefinition[]>();
  for (const { file, def } of docs) {
    const every = def.object === ALL_OBJECTS && !objects.has(ALL_OBJECTS);
    const obj = every ? undefined : objects.get(def.object);
    if (!every && !obj) {
      if (!isGone(def.object)) err(file, '/object', 'action.object', { object: def.object });
      continue;
    }
    if (def.objects && !every) err(file, '/objects', 'action.objects', {}, 'action.objects');
    (def.objects ?? []).forEach((o, i) => {
      if (!objects.has(o) && !isGone(o)) err(file, `/objects/${i}`, 'action.object', { object: o });
    });
    if (def.type === 'url' ? !def.url : def.url !== undefined) err(file, '/url', def.type === 'url' ? 'action.url.missing' : 'action.url.unused', {}, 'action.url');
    if (def.url) {
      const problem = checkTemplate(def.url);
      if (problem) err(file, '/url', 'action.url.template', { problem }, 'action.url');
    }
    if (def.type === 'update' ? !def.values : def.values !== undefined) err(file, '/values', def.type === 'update' ? 'action.values.missing' : 'action.values.unused', {}, 'action.values');
    if (def.values) {
      // Field values need one object to name its fields: an update action belongs to one object.
      if (!obj) err(file, '/values', 'action.values.object', {}, 'action.values');
      else
        for (const name of Object.keys(def.values)) {
          const f = obj.fieldMap.get(name);
          if (!f) err(file, `/values/${name}`, 'action.values.field', { field: name, object: obj.name }, 'action.values');
          else if (!isWritable(f)) err(file, `/values/${name}`, 'action.values.readOnly', { field: name }, 'action.values');
        }
    }
    actions.set(def.object, [...(actions.get(def.object) ?? []), def]);
  }
  for (const list of actions.values()) list.sort((a, b) => (a.order ?? 1000) - (b.order ?? 1000) || a.name.localeCompare(b.name));
  return actions;
}

export const actionKind: DocumentKind<ActionDefinition> = {
  name: 'action',
  folder: 'actions',
  schemaName: 'action',
  schema: actionSchema,
  label: { en: 'action', zh: '操作' },
  key: (d) => `action:${d.object}.${d.name}`,
  buildOrder: 70,
  build,
  verbs: {
    save: (actor, action, mode) => saveDocument(actor, actionKind.key(action), action, `Saved action ${action.object}.${action.name}`, mode),
    remove: (actor, object, name) => removeDocument(actor, `action:${object}.${name}`, `Deleted action ${object}.${name}`, documentNamed(actionKind.label, object, name)),
  },
};
