/**
 * What the approvals inbox shows of each item's record: its key fields (the layout's highlights
 * when it names them, else the amount and the first fields of its layout), read through the record
 * service as the approver, so access and field security apply. One query per object on the page.
 */
import { isAppError } from '../core/errors';
import type { RecordContext } from '../data/context';
import { listRecords } from '../data/read';
import type { RecordData } from '../data/values';
import { describeObject, type FieldDescription } from './describe';

const KEY_FIELDS = 4;
const NOT_KEY = new Set(['id', 'name', 'owner', 'created_at', 'updated_at', 'created_by', 'updated_by', 'version', 'deleted_at']);

export interface InboxDetails {
  /** Per object: the key fields, described as the screens' formatter reads them. */
  fields: Record<string, FieldDescription[]>;
  /** Per record id: its values (with lookup names), absent when the approver may not read it. */
  records: Record<string, RecordData>;
}

/** The key fields of an object, in the order shown. */
export function keyFieldsOf(ctx: RecordContext, objectName: string): FieldDescription[] {
  const obj = ctx.meta.objects.get(objectName);
  if (!obj) return [];
  const layout = ctx.meta.layouts.get(objectName)?.[0] as { highlights?: unknown; sections?: { fields: (string | { field: string })[] }[] } | undefined;
  const described = new Map(describeObject(obj).fields.map((f) => [f.name, f]));
  const highlights = Array.isArray(layout?.highlights) ? (layout.highlights as unknown[]).map((h) => (typeof h === 'string' ? h : (h as { field?: string })?.field)) : null;
  const laidOut = (layout?.sections ?? []).flatMap((s) => s.fields.map((f) => (typeof f === 'string' ? f : f.field)));
  // The amount an approver decides on comes first, then the highlights (else what the layout shows first).
  const keys = highlights ?? laidOut;
  const money = keys.filter((name) => name && obj.fieldMap.get(name)?.type === 'currency').slice(0, 1);
  const names = [...money, ...keys];
  const out: FieldDescription[] = [];
  for (const name of names) {
    const d = name ? described.get(name) : undefined;
    if (!d || NOT_KEY.has(d.name) || d.type === 'long_text' || out.some((o) => o.name === d.name)) continue;
    out.push(d);
    if (out.length === KEY_FIELDS) break;
  }
  return out;
}

/** Key fields and values for the records of a page of inbox items. */
export async function inboxDetails(ctx: RecordContext, items: { object: string; recordId: string }[]): Promise<InboxDetails> {
  const byObject = new Map<string, string[]>();
  for (const i of items) byObject.set(i.object, [...(byObject.get(i.object) ?? []), i.recordId]);
  const fields: InboxDetails['fields'] = {};
  const records: InboxDetails['records'] = {};
  for (const [object, ids] of byObject) {
    fields[object] = keyFieldsOf(ctx, object);
    try {
      const res = await listRecords(ctx, object, { filter: { field: 'id', op: 'in', value: [...new Set(ids)] }, limit: 200, withNames: true });
      for (const r of res.records) records[String(r.id)] = r;
    } catch (e) {
      // An approver who may not read the object still decides: the item shows without its fields.
      if (!isAppError(e)) throw e;
    }
  }
  return { fields, records };
}
