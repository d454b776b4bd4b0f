/**
 * What approvals forbid a write to do, checked by the record service on every channel:
 * - a pending request locks the record: edits and deletes are refused with RECORD_LOCKED, except
 *   for administrators, the platform itself (approval field updates run in a system context), and
 *   the current approvers when the flow lets them edit;
 * - a field an approval flow sets (status...) is the flow's: users may not write it (422);
 * - once approved, the fields a flow's `afterApproval` names are locked (423) or, with "reopen",
 *   editing them sends the record back for a new approval.
 * Administrators are excepted from the refusals; each of their changes is audited instead.
 * Run as write steps (approvals/steps.ts) after the record row is locked, so nothing can race with a submission (which locks it too).
 */
import type pg from 'pg';
import { AppError, type ErrorDetail } from '../core/errors';
import { pickLabel, t, type Locale } from '../core/i18n';
import { fieldType } from '../fields/registry';
import type { FieldDef } from '../fields/types';
import type { AfterApproval, ApprovalAction } from '../metadata/generated/approval';
import type { ObjectModel } from '../metadata/model';
import type { FieldChange } from '../security/history';
import { auditOverride, markReopened, recallInput } from './requests';
import type { RecordContext } from '../data/context';

/** A user's write, as opposed to the engine's, an automation's or a seed's (system contexts). */
const byUser = (ctx: RecordContext) => ctx.security.model !== null;

export async function assertNotLocked(ctx: RecordContext, client: pg.PoolClient, obj: ObjectModel, id: string, action: 'edit' | 'delete'): Promise<void> {
  if (!byUser(ctx) || ctx.user.isAdmin) return;
  const res = await client.query<{ may_edit: boolean; approver: boolean }>(
    `SELECT COALESCE((v."definition"->>'approverMayEdit')::boolean, false) AS may_edit,
            EXISTS (SELECT 1 FROM "public"."approval_items" i WHERE i."request_id" = r."id" AND i."status" = 'pending' AND i."approver_id" = $4) AS approver
       FROM "public"."approval_requests" r JOIN "public"."approval_flow_versions" v ON v."id" = r."flow_version_id"
      WHERE r."workspace_id" = $1 AND r."object" = $2 AND r."record_id" = $3 AND r."status" = 'pending'`,
    [ctx.workspace.id, obj.name, id, ctx.user.id],
  );
  const row = res.rows[0];
  if (!row) return;
  if (action === 'edit' && row.may_edit && row.approver) return;
  const message = t(ctx.locale, 'record.locked', { object: pickLabel(obj.label, ctx.locale) });
  throw new AppError('RECORD_LOCKED', message, [{ code: 'record.locked', message }]);
}

/** The fields owning each API property of the named fields (a currency field has two). */
function byProp(obj: ObjectModel, names: Iterable<string>): Map<string, FieldDef> {
  const out = new Map<string, FieldDef>();
  for (const name of names) {
    const f = obj.fieldMap.get(name);
    if (f) for (const prop of Object.keys(fieldType(f).properties(f))) out.set(prop, f);
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function managedDetails(locale: Locale, obj: ObjectModel, fields: string[]): ErrorDetail[] {
  return fields.map((name) => {
    const label = pickLabel(obj.fieldMap.get(name)?.label ?? { en: name, zh: name }, locale);
    return { field: name, code: 'approvalManaged', message: t(locale, 'approval.managed', { label }) };
  });
}

/**
 * On create: a value sent for an approval-managed field must be empty or the field's default (forms
 * send defaults). Returns the problems for a user; an administrator's values are kept and returned
 * as `overrides` to audit once the record exists.
 */
export function checkManagedOnCreate(ctx: RecordContext, obj: ObjectModel, input: Record<string, unknown>): { errors: ErrorDetail[]; overrides: FieldChange[] } {
  const none = { errors: [], overrides: [] };
  if (!byUser(ctx) || !obj.approvalManaged?.size) return none;
  const overrides: FieldChange[] = [];
  const fields = new Set<string>();
  for (const name of obj.approvalManaged) {
    const f = obj.fieldMap.get(name);
    const value = input[name];
    if (!f || value === null || value === undefined || same(value, f.default)) continue;
    overrides.push({ field: name, old: f.default ?? null, new: value });
    fields.add(name);
  }
  if (!overrides.length || ctx.user.isAdmin) return { errors: [], overrides };
  return { errors: managedDetails(ctx.locale, obj, [...fields]), overrides: [] };
}

interface LatestRequest {
  id: string;
  status: string;
  after: AfterApproval | null;
  recall: ApprovalAction[] | null;
}

/** The record's latest request with what its flow version says about approved records. */
async function latestRequest(ctx: RecordContext, client: pg.PoolClient, obj: ObjectModel, id: string): Promise<LatestRequest | null> {
  const res = await client.query<LatestRequest>(
    `SELECT r."id", r."status", v."definition"->'afterApproval' AS "after", v."definition"->'actions'->'recall' AS "recall"
       FROM "public"."approval_requests" r JOIN "public"."approval_flow_versions" v ON v."id" = r."flow_version_id"
      WHERE r."workspace_id" = $1 AND r."object" = $2 AND r."record_id" = $3
      ORDER BY r."submitted_at" DESC, r."id" DESC LIMIT 1`,
    [ctx.workspace.id, obj.name, id],
  );
  return res.rows[0] ?? null;
}

function lockedError(ctx: RecordContext, obj: ObjectModel, fields: FieldDef[]): AppError {
  // "the expense is approved": an object's label is a title ("Expense"), lower-cased mid-sentence in English.
  const object = ctx.locale === 'zh-CN' ? pickLabel(obj.label, ctx.locale) : pickLabel(obj.label, ctx.locale).toLowerCase();
  const msg = (labels: string[]) => t(ctx.locale, 'approval.approvedLocked', { fields: labels.join(ctx.locale === 'zh-CN' ? '、' : ', '), object });
  const labels = fields.map((f) => pickLabel(f.label, ctx.locale));
  return new AppError(
    'RECORD_LOCKED',
    msg(labels),
    fields.map((f, i) => ({ field: f.name, code: 'approval.approvedLocked', message: msg([labels[i]]) })),
  );
}

/** Field updates to run after an edit reopened the record's approval (the flow's recall updates), or null. */
export type Reopened = Record<string, unknown> | null;

/**
 * After an update is written (the changes are what the database now holds): refuse a user's change
 * to an approval-managed field (422) or to a field locked by an approval (423); audit an
 * administrator's; with "reopen", mark the approved request reopened and return the recall updates
 * for the caller to apply in the same transaction. Throwing rolls the write back.
 */
export async function checkApprovalFields(ctx: RecordContext, client: pg.PoolClient, obj: ObjectModel, id: string, changes: FieldChange[]): Promise<Reopened> {
  if (!byUser(ctx) || !changes.length || !obj.approvals.length) return null;
  const managed = byProp(obj, obj.approvalManaged ?? []);
  const managedChanges = changes.filter((c) => managed.has(c.field));
  if (managedChanges.length && !ctx.user.isAdmin) {
    const fields = [...new Set(managedChanges.map((c) => managed.get(c.field)!.name))];
    const details = managedDetails(ctx.locale, obj, fields);
    throw new AppError('VALIDATION_FAILED', details.length === 1 ? details[0].message : t(ctx.locale, 'validation.failed'), details);
  }
  if (managedChanges.length) await auditOverride(client, ctx, obj.name, id, 'approvalManaged', managedChanges);
  const latest = await latestRequest(ctx, client, obj, id);
  if (latest?.status !== 'approved' || !latest.after) return null;
  const covered = byProp(obj, latest.after.fields);
  const coveredChanges = changes.filter((c) => covered.has(c.field));
  if (!coveredChanges.length) return null;
  const fields = [...new Set(coveredChanges.map((c) => covered.get(c.field)!))];
  if (latest.after.onEdit === 'reopen') {
    await markReopened(client, ctx, latest.id, fields);
    return recallInput(obj, latest.recall ?? []);
  }
  if (!ctx.user.isAdmin) throw lockedError(ctx, obj, fields);
  await auditOverride(client, ctx, obj.name, id, 'approvedLocked', coveredChanges);
  return null;
}
