/**
 * Apps (`app:workspace.<name>`, metadata/apps, schema app.schema.json): a team's workspace with its
 * own ordered menu of objects, pages, links and groups, and who sees it. Apps hang on the
 * workspace rather than an object, so every app document names the object "workspace" (the item
 * key and REST path keep the shape every kind has). The runtime reads them from
 * `meta.documents.get('app')` (platform/navigation/apps.ts).
 */
import appSchema from '../../../metadata/schema/app.schema.json' with { type: 'json' };
import { documentNamed, removeDocument, saveDocument, unsetOnOthers } from '../documents';
import type { AppDefinition, AppGroupItem } from '../generated/app';
import type { BuildContext, DocumentKind, KindDoc } from './types';

/** The object every app document names. */
export const APP_OWNER = 'workspace';

type Item = AppDefinition['items'][number];

/** What makes two items the same entry (a group has none: two groups may share nothing). */
const identity = (item: Item): string | null => (item.type === 'object' ? `object ${item.object}` : item.type === 'page' ? `page ${item.page}` : item.type === 'url' ? `url ${item.url}` : null);

function checkItems(items: Item[], pointer: string, file: string, ctx: BuildContext, seen: Set<string>): void {
  items.forEach((item, i) => {
    const at = `${pointer}/${i}`;
    if (item.type === 'object' && !ctx.objects.has(item.object) && !ctx.isGone(item.object)) ctx.err(file, `${at}/object`, 'app.object', { object: item.object });
    const id = identity(item);
    if (id) {
      if (seen.has(id)) ctx.err(file, at, 'app.duplicate', { item: id });
      seen.add(id);
    }
    if (item.type === 'group') checkItems((item as AppGroupItem).items, `${at}/items`, file, ctx, seen);
  });
}

function build(docs: KindDoc<AppDefinition>[], ctx: BuildContext): Map<string, AppDefinition[]> {
  const apps: AppDefinition[] = [];
  let defaultApp: string | undefined;
  for (const { file, def } of docs) {
    checkItems(def.items, '/items', file, ctx, new Set());
    const audience = def.visibleTo;
    if (audience && typeof audience === 'object' && 'object' in audience && !ctx.objects.has(audience.object) && !ctx.isGone(audience.object)) {
      ctx.err(file, '/visibleTo/object', 'app.object', { object: audience.object });
    }
    if (apps.some((a) => a.name === def.name)) ctx.err(file, '/name', 'app.duplicate', { item: `app ${def.name}` });
    if (def.isDefault) {
      if (defaultApp) ctx.err(file, '/isDefault', 'app.default', { app: defaultApp });
      defaultApp ??= def.name;
    }
    apps.push(def);
  }
  apps.sort((a, b) => (a.order ?? 500) - (b.order ?? 500) || a.name.localeCompare(b.name));
  return new Map(apps.length ? [[APP_OWNER, apps]] : []);
}

export const appKind: DocumentKind<AppDefinition> = {
  name: 'app',
  folder: 'apps',
  schemaName: 'app',
  schema: appSchema,
  label: { en: 'app', zh: '应用' },
  key: (d) => `app:${APP_OWNER}.${d.name}`,
  buildOrder: 70,
  build,
  verbs: {
    save: (actor, app, mode) =>
      saveDocument(actor, appKind.key(app), app, `Saved app ${app.name}`, mode, (state, values) => {
        // One default app: making this one the default unsets the others.
        if (app.isDefault) unsetOnOthers(state, values, 'app', APP_OWNER, appKind.key(app), 'isDefault');
      }, { workspaceLevel: true }),
    remove: (actor, object, name) => removeDocument(actor, `app:${object}.${name}`, `Deleted app ${name}`, documentNamed(appKind.label, object, name)),
  },
};
