/**
 * Lead conversion: in one transaction, link or create the account and the contact, create the
 * opportunity when asked, move the lead's activities and mark the lead converted and linked. Every
 * record is created through the record service with the transaction's client, so validation rules,
 * gates, assignment and history apply to each; any refusal rolls everything back and comes back
 * with a pointer into the request (`/account/create/name`). The lead is locked first, so of two
 * conversions of one lead one wins and the other answers 409.
 */
import { AppError, type ErrorDetail } from '../../core/errors';
import { pickLabel, t } from '../../core/i18n';
import { qualified, ident } from '../../core/identifiers';
import { addDays, clock, fiscalPeriodStart } from '../../core/time';
import { withTransaction } from '../../db/pool';
import { createRecord, updateRecord } from '../../data';
import { requireObject, type RecordContext } from '../../data/context';
import { lockAccessibleRecord, mayAccessRecord, notFound } from '../../data/read';
import { rowToRecord, type RecordData } from '../../data/values';
import { isLookup } from '../../fields/guards';
import { isWritable } from '../../fields/registry';
import { propertiesOf } from '../../fields/mapping';
import { conversionOf, type ConversionRole } from '../../metadata/kinds/conversion';
import type { ConversionDefinition } from '../../metadata/generated/conversion';
import { systemRecordContext } from '../../security/context';
import { asConverter, convertedError } from './guard';
import { parseConvertRequest, type ConvertPick } from './input';

export interface ConvertResult {
  account: string;
  contact: string;
  opportunity: string | null;
}

/** The last day of the (fiscal) quarter holding today, in the workspace time zone. */
export function quarterEnd(ctx: RecordContext): string {
  const start = fiscalPeriodStart(clock().today, ctx.workspace.fiscalYearStartMonth ?? 1, 'quarter');
  const [y, m] = start.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1 + 3, 1)).toISOString().slice(0, 10);
  return addDays(next, -1);
}

/** The mapped values of one target: readable source fields into fields the caller may write. */
function mapped(ctx: RecordContext, def: ConversionDefinition, role: ConversionRole, lead: RecordData): Record<string, unknown> {
  const source = ctx.meta.objects.get(def.object);
  const target = ctx.meta.objects.get(def[role].object);
  const out: Record<string, unknown> = {};
  for (const { from, to } of def[role].fields) {
    const src = source?.fieldMap.get(from);
    const dst = target?.fieldMap.get(to);
    if (!src || !dst || !isWritable(dst)) continue;
    const fromProps = propertiesOf(src);
    propertiesOf(dst).forEach((prop, i) => {
      const v = lead[fromProps[i]];
      if (v !== null && v !== undefined && v !== '') out[prop] = v;
    });
  }
  return out;
}

/** Record errors of one part, pointed into the request. */
function pointed(e: unknown, at: string): never {
  if (!(e instanceof AppError) || !e.details) throw e;
  const details: ErrorDetail[] = e.details.map((d) => ({ ...d, pointer: d.pointer && d.pointer !== '/' ? `${at}${d.pointer}` : d.field ? `${at}/${d.field}` : at }));
  throw new AppError(e.code, e.message, details);
}

async function create(ctx: RecordContext, object: string, values: Record<string, unknown>, at: string): Promise<string> {
  try {
    return String((await createRecord(ctx, object, values)).id);
  } catch (e) {
    pointed(e, at);
  }
}

/** An existing record to link: it must be live and visible to the caller. */
async function linked(ctx: RecordContext, object: string, id: string, at: string): Promise<string> {
  const obj = requireObject(ctx, object, 'read');
  if (await mayAccessRecord(ctx, object, id, 'read', 'live', ctx.tx)) return id;
  const message = t(ctx.locale, 'conversion.hidden', { object: pickLabel(obj.label, ctx.locale) });
  throw new AppError('VALIDATION_FAILED', message, [{ pointer: `${at}/id`, code: 'conversion.hidden', message }]);
}

/** The owner to give created records: the lead's when the caller may hand records to them, else the caller. */
function ownerFor(ctx: RecordContext, object: string, leadOwner: string): Record<string, unknown> {
  const may = leadOwner === ctx.user.id || ctx.security.perms.system.transferRecords || ctx.security.perms.object(object).modifyAll;
  return may ? { owner: leadOwner } : {};
}

async function resolve(ctx: RecordContext, def: ConversionDefinition, role: 'account' | 'contact', pick: ConvertPick, base: Record<string, unknown>): Promise<string> {
  const object = def[role].object;
  if ('id' in pick) return linked(ctx, object, pick.id, `/${role}`);
  return create(ctx, object, { ...base, ...pick.create }, `/${role}/create`);
}

/** Re-point the lead's activities (any object with lookups to the lead and the contact) to the contact and, where empty, the account. */
async function moveActivities(ctx: RecordContext, def: ConversionDefinition, leadId: string, accountId: string, contactId: string): Promise<void> {
  for (const obj of ctx.security.fullMeta.objects.values()) {
    const lookups = obj.fields.filter(isLookup);
    const from = lookups.find((f) => f.target === def.object);
    const contact = lookups.find((f) => f.target === def.contact.object);
    if (!from || !contact || obj.name === def.object) continue;
    const account = lookups.find((f) => f.target === def.account.object);
    const setAccount = account ? `, ${ident(account.name)} = COALESCE(${ident(account.name)}, $2::uuid)` : '';
    await ctx.tx!.query(
      `UPDATE ${qualified(ctx.workspace.schema, obj.name)} SET ${ident(contact.name)} = $1::uuid${setAccount}, "updated_at" = now(), "version" = "version" + 1
        WHERE ${ident(from.name)} = $3::uuid AND "deleted_at" IS NULL`,
      [contactId, accountId, leadId],
    );
  }
}

/** Convert a lead (any object with a conversion mapping) as the caller; 201's ids. */
export async function convertRecord(ctx: RecordContext, object: string, id: string, body: unknown): Promise<ConvertResult> {
  const obj = requireObject(ctx, object, 'edit');
  const def = conversionOf(ctx.security.fullMeta.documents, object);
  if (!def) throw new AppError('NOT_FOUND', t(ctx.locale, 'conversion.none'), [{ code: 'conversion.none', message: t(ctx.locale, 'conversion.none') }]);
  const req = parseConvertRequest(ctx, body);
  return withTransaction(ctx.pool, async (client) => {
    const tx: RecordContext = { ...ctx, tx: client };
    const row = await lockAccessibleRecord(tx, client, object, id, 'edit');
    if (!row) {
      if (await mayAccessRecord(tx, object, id, 'read', 'live', client))
        throw new AppError('FORBIDDEN', t(ctx.locale, 'auth.forbidden'), [{ code: 'record.edit', message: t(ctx.locale, 'auth.forbidden') }]);
      throw notFound(ctx, obj);
    }
    if (row.converted_at) throw convertedError(ctx, obj.label);
    const lead = rowToRecord(ctx.meta.objects.get(object)!, row);
    const leadOwner = String(row.owner);
    const account = await resolve(tx, def, 'account', req.account, { ...mapped(ctx, def, 'account', lead), ...ownerFor(ctx, def.account.object, leadOwner) });
    const contactLink = def.contact.link ? { [def.contact.link]: account } : {};
    const contact = await resolve(tx, def, 'contact', req.contact, { ...mapped(ctx, def, 'contact', lead), ...ownerFor(ctx, def.contact.object, leadOwner), ...contactLink });
    let opportunity: string | null = null;
    if (req.opportunity) {
      const company = String(lead.company ?? lead.name ?? '').slice(0, 150);
      const defaults = {
        name: `${company} - ${clock().today}`,
        close_date: quarterEnd(ctx),
        ...mapped(ctx, def, 'opportunity', lead),
        ...ownerFor(ctx, def.opportunity.object, leadOwner),
        ...(def.opportunity.link ? { [def.opportunity.link]: account } : {}),
      };
      opportunity = await create(tx, def.opportunity.object, { ...defaults, ...req.opportunity }, '/opportunity');
    }
    await moveActivities(tx, def, id, account, contact);
    // The platform marks the lead (the caller may not see every conversion field); history names the caller.
    const sys = asConverter({ ...systemRecordContext(ctx.pool, ctx.workspace, ctx.user, ctx.security.fullMeta, ctx.channel), locale: ctx.locale, tx: client });
    const status = obj.fieldMap.get('status') ?? ctx.security.fullMeta.objects.get(object)?.fieldMap.get('status');
    const marks = {
      converted_account: account,
      converted_contact: contact,
      converted_opportunity: opportunity,
      converted_at: new Date().toISOString(),
      ...(status ? { status: 'converted' } : {}),
    };
    try {
      await updateRecord(sys, object, id, marks);
    } catch (e) {
      pointed(e, `/${object}`);
    }
    return { account, contact, opportunity };
  });
}
