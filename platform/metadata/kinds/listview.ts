/**
 * List views (`view:<object>.<name>`, metadata/views, schema listview.schema.json): columns, sort
 * and filter of a list. Archived fields are left out of columns and sorts (they come back on
 * restore); the filter is checked by the condition parser, which gives precise pointers.
 * A view with an `owner` is that user's personal view (saved through the screens, never exported).
 */
import listviewSchema from '../../../metadata/schema/listview.schema.json' with { type: 'json' };
import { fieldType } from '../../fields/registry';
import { parseCondition } from '../../rules/conditions/parse';
import { documentNamed, removeDocument, saveDocument, unsetOnOthers } from '../documents';
import type { ListViewDefinition } from '../model';
import type { BuildContext, DocumentKind, KindDoc } from './types';

function build(docs: KindDoc<ListViewDefinition>[], { objects, unusable, archived: archivedObjects, err, errors }: BuildContext): Map<string, ListViewDefinition[]> {
  const views = new Map<string, ListViewDefinition[]>();
  for (const { file, def: given } of docs) {
    const obj = objects.get(given.object);
    if (!obj) { if (!unusable.has(given.object) && !archivedObjects.has(given.object)) err(file, '/object', 'view.object', { object: given.object }); continue; }
    const archived = new Set((obj.archivedFields ?? []).map((f) => f.name));
    const def: ListViewDefinition = archived.size
      ? ({ ...given, columns: given.columns.filter((c) => !archived.has(c)), sort: given.sort?.filter((x) => !archived.has(x.field)) } as ListViewDefinition)
      : given;
    def.columns.forEach((c, i) => {
      if (!obj.fieldMap.has(c)) err(file, `/columns/${i}`, 'view.column', { field: c, object: def.object });
    });
    (def.sort ?? []).forEach((s, i) => {
      const f = obj.fieldMap.get(s.field);
      if (!f) err(file, `/sort/${i}/field`, 'view.sort', { field: s.field, object: def.object });
      else if (!fieldType(f).sortable && f.name !== 'id') err(file, `/sort/${i}/field`, 'view.sort.unsortable', { field: s.field }, 'view.sort');
    });
    if (def.filter !== undefined) {
      // A view is a query: related-record conditions compile to SQL there.
      for (const e of parseCondition(def.filter, obj, { pointer: '/filter', objects }).errors) {
        errors.push({ ...e, file });
      }
    }
    if ((views.get(def.object) ?? []).some((v) => v.name === def.name)) err(file, '/name', 'view.duplicate', { view: def.name, object: def.object });
    views.set(def.object, [...(views.get(def.object) ?? []), def]);
  }
  return views;
}

export const listviewKind: DocumentKind<ListViewDefinition> = {
  name: 'view',
  folder: 'views',
  schemaName: 'listview',
  schema: listviewSchema,
  label: { en: 'list view', zh: '列表视图' },
  key: (d) => `view:${d.object}.${d.name}`,
  leaveToCrossCheck: (pointer) => pointer.startsWith('/filter'),
  buildOrder: 20,
  build,
  verbs: {
    save: (actor, view, mode) => saveDocument(actor, listviewKind.key(view), view, `Saved list view ${view.object}.${view.name}`, mode, (state, values) => {
      // One shared default view per object: making this one the default unsets the others (personal views keep theirs).
      if (view.isDefault && !view.owner) unsetOnOthers(state, values, 'view', view.object, listviewKind.key(view), 'isDefault', (v) => Boolean(v.owner));
    }),
    remove: (actor, object, name) => removeDocument(actor, `view:${object}.${name}`, `Deleted list view ${object}.${name}`, documentNamed(listviewKind.label, object, name)),
  },
  // Over REST only shared views are saved: personal ones belong to their user's screens.
  fromRest: (doc) => ({ ...doc, owner: undefined }),
};
