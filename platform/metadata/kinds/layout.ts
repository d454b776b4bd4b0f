/**
 * Layouts (`layout:<object>.<name>`, metadata/layouts, schema layout.schema.json): the sections of
 * an object's form and detail page and its related lists. Fields an admin archived are left out
 * (they come back on restore); every other field, and every related list, must exist.
 */
import layoutSchema from '../../../metadata/schema/layout.schema.json' with { type: 'json' };
import { commitChange } from '../changes';
import { effectiveItem, notFound, objectNamed, setItems, stripSchema } from '../documents';
import type { LayoutDefinition, ObjectModel } from '../model';
import type { BuildContext, DocumentKind, KindDoc } from './types';

/** Fields a highlights panel shows at most: more would not read at a glance. */
export const MAX_HIGHLIGHTS = 6;
import { isLookup } from '../../fields/guards';

/** A layout without the fields that are archived: they come back when restored. */
function withoutArchived(def: LayoutDefinition, obj: ObjectModel): LayoutDefinition {
  const archived = new Set((obj.archivedFields ?? []).map((f) => f.name));
  if (!archived.size) return def;
  return { ...def, highlights: def.highlights?.filter((f) => !archived.has(f)), sections: def.sections.map((s) => ({ ...s, fields: s.fields.filter((e) => !archived.has(typeof e === 'string' ? e : e.field)) })) as LayoutDefinition['sections'] };
}

/** The record page's parts: highlight fields (at most six, each once) and tabs (each once, Details among them, naming real sections and related lists once). */
function checkPage(def: LayoutDefinition, obj: ObjectModel, objects: Map<string, ObjectModel>, file: string, err: BuildContext['err']): void {
  const seen = new Set<string>();
  (def.highlights ?? []).forEach((name, i) => {
    if (!obj.fieldMap.get(name)) err(file, `/highlights/${i}`, 'layout.highlight.field', { field: name, object: def.object }, 'layout.highlights');
    else if (seen.has(name)) err(file, `/highlights/${i}`, 'layout.highlight.duplicate', { field: name }, 'layout.highlights');
    else if (seen.size === MAX_HIGHLIGHTS) err(file, `/highlights/${i}`, 'layout.highlight.max', { max: MAX_HIGHLIGHTS }, 'layout.highlights');
    seen.add(name);
  });
  if (!def.tabs) return;
  const sectionIds = new Set(def.sections.map((s) => s.id));
  const listed = def.relatedLists ? new Set(def.relatedLists.map((r) => `${r.object}.${r.field}`)) : null;
  const tabIds = new Set<string>();
  const placed = new Set<string>();
  def.tabs.forEach((tab, i) => {
    if (tabIds.has(tab.id)) err(file, `/tabs/${i}/id`, 'layout.tab.duplicate', { tab: tab.id }, 'layout.tabs');
    tabIds.add(tab.id);
    (tab.sections ?? []).forEach((id, j) => {
      if (!sectionIds.has(id)) err(file, `/tabs/${i}/sections/${j}`, 'layout.tab.section', { section: id }, 'layout.tabs');
      else if (placed.has(`s:${id}`)) err(file, `/tabs/${i}/sections/${j}`, 'layout.tab.twice', { item: id }, 'layout.tabs');
      placed.add(`s:${id}`);
    });
    (tab.relatedLists ?? []).forEach((ref, j) => {
      const [child, field] = ref.split('.');
      const lookup = objects.get(child)?.fieldMap.get(field);
      const known = listed ? listed.has(ref) : isLookup(lookup) && lookup.target === def.object;
      if (!known) err(file, `/tabs/${i}/relatedLists/${j}`, 'layout.tab.related', { list: ref, object: def.object }, 'layout.tabs');
      else if (placed.has(`r:${ref}`)) err(file, `/tabs/${i}/relatedLists/${j}`, 'layout.tab.twice', { item: ref }, 'layout.tabs');
      placed.add(`r:${ref}`);
    });
  });
  if (!tabIds.has('details')) err(file, '/tabs', 'layout.tab.details', {}, 'layout.tabs');
}

function build(docs: KindDoc<LayoutDefinition>[], { objects, unusable, archived, err }: BuildContext): Map<string, LayoutDefinition[]> {
  const layouts = new Map<string, LayoutDefinition[]>();
  for (const { file, def: given } of docs) {
    const obj = objects.get(given.object);
    if (!obj) { if (!unusable.has(given.object) && !archived.has(given.object)) err(file, '/object', 'layout.object', { object: given.object }); continue; }
    const def = withoutArchived(given, obj);
    const placed = new Set<string>();
    def.sections.forEach((s, i) => s.fields.forEach((entry, j) => {
      const name = typeof entry === 'string' ? entry : entry.field;
      if (!obj.fieldMap.get(name)) err(file, `/sections/${i}/fields/${j}`, 'layout.field', { field: name, object: def.object });
      if (placed.has(name)) err(file, `/sections/${i}/fields/${j}`, 'layout.duplicate', { field: name });
      placed.add(name);
    }));
    (def.relatedLists ?? []).forEach((r, i) => {
      const child = objects.get(r.object);
      const lookup = child?.fieldMap.get(r.field);
      if (!child && unusable.has(r.object)) return;
      if (!child) err(file, `/relatedLists/${i}/object`, 'layout.related', { object: r.object });
      else if (!isLookup(lookup) || lookup.target !== def.object) {
        err(file, `/relatedLists/${i}/field`, 'layout.related.lookup', { object: r.object, field: r.field, parent: def.object }, 'layout.related');
      }
      (r.columns ?? []).forEach((c, j) => {
        if (child && !child.fieldMap.has(c)) err(file, `/relatedLists/${i}/columns/${j}`, 'layout.related.column', { field: c, object: r.object }, 'layout.related');
      });
    });
    checkPage(def, obj, objects, file, err);
    layouts.set(def.object, [...(layouts.get(def.object) ?? []), def]);
  }
  return layouts;
}

export const layoutKind: DocumentKind<LayoutDefinition> = {
  name: 'layout',
  folder: 'layouts',
  schemaName: 'layout',
  schema: layoutSchema,
  label: { en: 'layout', zh: '布局' },
  key: (d) => `layout:${d.object}.${d.name}`,
  buildOrder: 10,
  build,
  verbs: {
    // A layout is replaced, never deleted: an object always keeps the one its screens fall back on.
    save: (actor, layout) => commitChange(actor, `Changed layout ${layout.object}.${layout.name}`, (state) => {
      if (!effectiveItem(state, `object:${layout.object}`)) throw notFound(objectNamed(layout.object));
      return { deltas: setItems(state, new Map([[layoutKind.key(layout), stripSchema(layout)]])) };
    }),
  },
};
