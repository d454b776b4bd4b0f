/**
 * The record page's actions as the user may use them: the effective action metadata of an object
 * (its own and those for every object), filtered by the user's rights, and running the two
 * package-defined types on the server: `update` through the record service (field permissions,
 * validation, gates and locks exactly as any update), `url` rendered over the readable fields.
 */
import { keyedError, problem } from '../core/problems';
import { objectOf, requireObject, type RecordContext } from '../data/context';
import { getRecord } from '../data/read';
import { updateRecord } from '../data/write';
import type { ActionDefinition } from '../metadata/generated/action';
import { ALL_OBJECTS } from '../metadata/kinds/action';
import { renderTemplate } from '../messaging/templates';

import type { ActionView } from './types';

/** Every active action of the object the user holds the right for, in placement order (an object's own action of a name replaces the stock one). */
export function effectiveActions(ctx: RecordContext, objectName: string): ActionDefinition[] {
  const obj = objectOf(ctx, objectName);
  const docs = ctx.meta.documents?.get('action');
  const stock = ((docs?.get(ALL_OBJECTS) ?? []) as ActionDefinition[]).filter((a) => !a.objects || a.objects.includes(obj.name));
  const own = obj.name === ALL_OBJECTS ? [] : ((docs?.get(obj.name) ?? []) as ActionDefinition[]);
  const byName = new Map([...stock, ...own].map((a) => [a.name, a]));
  const rights = ctx.security.perms.object(obj.name);
  return [...byName.values()]
    .filter((a) => a.active !== false && rights[a.permission ?? 'edit'])
    .sort((a, b) => (a.order ?? 1000) - (b.order ?? 1000) || a.name.localeCompare(b.name));
}

/** The action bar of an object for this user. */
export function actionViews(ctx: RecordContext, objectName: string): ActionView[] {
  return effectiveActions(ctx, objectName).map((a) => ({
    name: a.name,
    label: a.label,
    type: a.type,
    main: Boolean(a.main),
    confirm: a.confirm ?? null,
  }));
}

function actionNamed(ctx: RecordContext, objectName: string, name: string): ActionDefinition {
  const obj = requireObject(ctx, objectName, 'read');
  const action = effectiveActions(ctx, obj.name).find((a) => a.name === name);
  if (!action) throw keyedError('NOT_FOUND', 'action.notFound', { action: name, object: obj.name }, [problem('action.notFound', { action: name, object: obj.name })]);
  return action;
}

/** Run an `update` or `url` action on a record: the updated record, or the link to open. */
export async function runAction(
  ctx: RecordContext,
  objectName: string,
  id: string,
  name: string,
  expectedVersion?: number,
): Promise<{ record?: Record<string, unknown>; url?: string }> {
  const action = actionNamed(ctx, objectName, name);
  if (action.type === 'update') return { record: await updateRecord(ctx, objectName, id, { ...action.values }, { expectedVersion }) };
  if (action.type === 'url') {
    // Only what the user may read (getRecord applies field security), each value URL-encoded.
    const record = await getRecord(ctx, objectName, id);
    const values = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v === null || v === undefined ? '' : encodeURIComponent(String(v))]));
    const url = renderTemplate(action.url!, values);
    if (!/^(https?:\/\/|\/(?!\/))/i.test(url)) throw keyedError('BAD_REQUEST', 'action.url', {}, [problem('action.url', {}, { pointer: '/url' })]);
    return { url };
  }
  throw keyedError('BAD_REQUEST', 'action.notUpdate', { action: name }, [problem('action.notUpdate', { action: name })]);
}
