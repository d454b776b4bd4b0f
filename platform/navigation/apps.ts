/**
 * The navigation a user gets: the apps (metadata kind `app`) they may see, the one they chose (or
 * the default), and its menu resolved for them: objects they may not read are left out, groups
 * left empty vanish. A workspace without apps gets every readable object, so nothing is stranded.
 */
import { AppError } from '../core/errors';
import { t, type Label } from '../core/i18n';
import { dbOf, type RecordContext } from '../data/context';
import type { AppDefinition, Item } from '../metadata/generated/app';
import { APP_OWNER } from '../metadata/kinds/app';

export type MenuEntry =
  | { type: 'object'; object: string; label: Label; icon?: string }
  | { type: 'page'; page: 'home' | 'approvals' | 'objects' | 'reports' | 'dashboards'; label?: Label }
  | { type: 'url'; url: string; label: Label }
  | { type: 'group'; label: Label; items: MenuEntry[] };

export interface AppSummary {
  name: string;
  label: Label;
  icon?: string;
}

export interface EffectiveApp extends AppSummary {
  menu: MenuEntry[];
  /** The objects of the menu, in menu order (global search groups its results by it). */
  objects: string[];
}

export interface Navigation {
  apps: AppSummary[];
  current: EffectiveApp;
}

function visible(ctx: RecordContext, app: AppDefinition): boolean {
  const v = app.visibleTo;
  if (!v || v === 'everyone') return true;
  if ('right' in v) return ctx.security.perms.system[v.right];
  return ctx.meta.objects.has(v.object) && ctx.security.perms.object(v.object).read;
}

/** The apps the caller may see, in switcher order. */
export function appsFor(ctx: RecordContext): AppDefinition[] {
  const all = (ctx.meta.documents?.get('app')?.get(APP_OWNER) ?? []) as AppDefinition[];
  return all.filter((a) => visible(ctx, a));
}

function resolve(ctx: RecordContext, items: Item[]): MenuEntry[] {
  const out: MenuEntry[] = [];
  for (const item of items) {
    if (item.type === 'object') {
      const obj = ctx.meta.objects.get(item.object);
      if (obj && ctx.security.perms.object(obj.name).read) out.push({ type: 'object', object: obj.name, label: item.label ?? obj.pluralLabel, icon: obj.icon });
    } else if (item.type === 'group') {
      const inner = resolve(ctx, item.items);
      if (inner.length) out.push({ type: 'group', label: item.label, items: inner });
    } else if (item.type === 'page') out.push({ type: 'page', page: item.page, label: item.label });
    else out.push({ type: 'url', url: item.url, label: item.label });
  }
  return out;
}

const objectsOf = (menu: MenuEntry[]): string[] => menu.flatMap((e) => (e.type === 'object' ? [e.object] : e.type === 'group' ? objectsOf(e.items) : []));

/** Every object the caller may read, by label: the menu of a workspace without apps. */
function allObjectsMenu(ctx: RecordContext): MenuEntry[] {
  return [...ctx.meta.objects.values()]
    .filter((o) => ctx.security.perms.object(o.name).read)
    .map((o): MenuEntry => ({ type: 'object', object: o.name, label: o.pluralLabel, icon: o.icon }));
}

async function chosenApp(ctx: RecordContext): Promise<string | null> {
  const res = await dbOf(ctx).query<{ app: string }>('SELECT "app" FROM "user_apps" WHERE "user_id" = $1', [ctx.user.id]);
  return res.rows[0]?.app ?? null;
}

/** The caller's app: the one they chose if they still may see it, else the default, else the first. */
export async function effectiveApp(ctx: RecordContext): Promise<EffectiveApp> {
  const apps = appsFor(ctx);
  const chosen = apps.length > 1 ? await chosenApp(ctx) : null;
  const app = apps.find((a) => a.name === chosen) ?? apps.find((a) => a.isDefault) ?? apps[0];
  if (!app) {
    const menu = [{ type: 'page', page: 'home' } as MenuEntry, ...allObjectsMenu(ctx), { type: 'page', page: 'approvals' } as MenuEntry];
    return { name: '', label: { en: 'Tessera', zh: 'Tessera' }, menu, objects: objectsOf(menu) };
  }
  const menu = resolve(ctx, app.items);
  return { name: app.name, label: app.label, icon: app.icon, menu, objects: objectsOf(menu) };
}

/** The caller's apps and the effective one's menu. */
export async function navigationFor(ctx: RecordContext): Promise<Navigation> {
  return { apps: appsFor(ctx).map((a) => ({ name: a.name, label: a.label, icon: a.icon })), current: await effectiveApp(ctx) };
}

/** Remember the caller's app (404 for an app they may not see). */
export async function chooseApp(ctx: RecordContext, name: string): Promise<Navigation> {
  if (!appsFor(ctx).some((a) => a.name === name)) {
    const message = t(ctx.locale, 'app.unknown', { app: name.slice(0, 63) });
    throw new AppError('NOT_FOUND', message, [{ pointer: '/app', code: 'app.unknown', message }]);
  }
  await dbOf(ctx).query(
    `INSERT INTO "user_apps" ("user_id", "app", "updated_at") VALUES ($1, $2, now()) ON CONFLICT ("user_id") DO UPDATE SET "app" = EXCLUDED."app", "updated_at" = now()`,
    [ctx.user.id, name],
  );
  return navigationFor(ctx);
}
