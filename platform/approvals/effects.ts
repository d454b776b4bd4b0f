/**
 * What an approval does besides its own tables, all in the approval's transaction: field updates
 * on the record (through the record service in a system context, so roll-ups and history follow
 * and the lock does not apply), e-mails from the flow's handlebars templates through the outbox,
 * and the platform's own notices to approvers and submitters (in-app, and e-mail to approvers).
 */
import type pg from 'pg';
import { pickLabel, t, type Locale } from '../core/i18n';
import { recipientLocale } from '../core/locale';
import type { RecordContext, UserRef } from '../data/context';
import { updateRecord } from '../data/write';
import { enqueueEmails, type OutgoingEmail } from '../messaging/outbox';
import { notify, type NewNotification } from '../messaging/notifications';
import { renderTemplate } from '../messaging/templates';
import type { ApprovalFlowDefinition, ObjectModel } from '../metadata/model';
import type { ApprovalAction } from '../metadata/generated/approval';
import { systemRecordContext } from '../security/context';
import type { RecordData } from '../data/values';

export type When = 'submit' | 'approve' | 'reject' | 'recall';

export interface Person {
  id: string;
  name: string;
  email: string;
  locale: Locale;
}

export async function people(db: pg.PoolClient, ids: (string | null | undefined)[]): Promise<Map<string, Person>> {
  const list = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!list.length) return new Map();
  const res = await db.query<{ id: string; name: string; email: string; locale: string | null; browser_locale: string | null }>(
    'SELECT id, name, email, locale, browser_locale FROM users WHERE id = ANY($1::uuid[])',
    [list],
  );
  return new Map(res.rows.map((r) => [r.id, { id: r.id, name: r.name, email: r.email, locale: recipientLocale(r.locale, r.browser_locale) }]));
}

function baseUrl(): string {
  return (process.env.TESSERA_BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
}

const recordLink = (object: string, id: string) => `/o/${object}/${id}`;

/** Apply the flow's field updates for this moment; returns the record as it now is. */
export async function applyFieldUpdates(
  ctx: RecordContext,
  client: pg.PoolClient,
  obj: ObjectModel,
  recordId: string,
  actions: ApprovalAction[],
  actor: UserRef,
): Promise<RecordData | null> {
  const input: Record<string, unknown> = {};
  for (const a of actions) if (a.type === 'update') input[a.field] = a.value ?? null;
  if (!Object.keys(input).length) return null;
  const sys: RecordContext = { ...systemRecordContext(ctx.pool, ctx.workspace, actor, ctx.security.fullMeta, 'automation'), locale: ctx.locale, tx: client };
  return updateRecord(sys, obj.name, recordId, input);
}

export interface MessageContext {
  obj: ObjectModel;
  flow: ApprovalFlowDefinition;
  record: RecordData;
  submitter: Person;
  actor: Person;
  ownerId: string | null;
  approverIds: string[];
  comment: string | null;
  stepLabel: { en: string; zh: string } | null;
}

/** Queue the flow's e-mails for this moment, each in its recipient's language. */
export async function queueFlowEmails(ctx: RecordContext, client: pg.PoolClient, actions: ApprovalAction[], m: MessageContext): Promise<void> {
  const emails = actions.filter((a): a is Extract<ApprovalAction, { type: 'email' }> => a.type === 'email');
  if (!emails.length) return;
  const who = await people(client, [m.ownerId, ...m.approverIds]);
  const out: OutgoingEmail[] = [];
  for (const e of emails) {
    const to = new Map<string, Person>();
    for (const r of e.to) {
      if (r === 'submitter') to.set(m.submitter.id, m.submitter);
      if (r === 'owner' && m.ownerId && who.get(m.ownerId)) to.set(m.ownerId, who.get(m.ownerId)!);
      if (r === 'approvers') for (const id of m.approverIds) if (who.get(id)) to.set(id, who.get(id)!);
    }
    for (const p of to.values()) {
      const lang = p.locale === 'zh-CN' ? 'zh' : 'en';
      const data = {
        record: m.record,
        object: pickLabel(m.obj.label, p.locale),
        flow: m.flow.label[lang],
        step: m.stepLabel?.[lang] ?? '',
        submitter: m.submitter.name,
        actor: m.actor.name,
        comment: m.comment ?? '',
        recipient: p.name,
        link: `${baseUrl()}${recordLink(m.obj.name, String(m.record.id))}`,
      };
      out.push({
        workspaceId: ctx.workspace.id,
        to: p.email,
        subject: renderTemplate(e.subject[lang], data).replace(/\s+/g, ' ').trim(),
        body: renderTemplate(e.body[lang], data),
      });
    }
  }
  await enqueueEmails(client, out);
}

/** Tell new approvers they have something to approve: in the app, and by e-mail. */
export async function noticeApprovers(
  ctx: RecordContext,
  client: pg.PoolClient,
  obj: ObjectModel,
  recordId: string,
  recordName: string,
  approverIds: string[],
  submitter: Person,
  stepLabel: { en: string; zh: string },
): Promise<void> {
  const who = await people(client, approverIds);
  const notes: NewNotification[] = [];
  const emails: OutgoingEmail[] = [];
  for (const p of who.values()) {
    const params = { object: pickLabel(obj.label, p.locale), record: recordName, submitter: submitter.name, step: stepLabel[p.locale === 'zh-CN' ? 'zh' : 'en'] };
    notes.push({
      workspaceId: ctx.workspace.id,
      userId: p.id,
      kind: 'approval.requested',
      title: t(p.locale, 'approval.notify.requested', params),
      body: t(p.locale, 'approval.notify.requestedBody', params),
      link: recordLink(obj.name, recordId),
    });
    emails.push({
      workspaceId: ctx.workspace.id,
      to: p.email,
      subject: t(p.locale, 'approval.notify.requested', params),
      body: t(p.locale, 'approval.email.requestedBody', { ...params, link: `${baseUrl()}${recordLink(obj.name, recordId)}`, inbox: `${baseUrl()}/approvals` }),
    });
  }
  await notify(client, notes);
  await enqueueEmails(client, emails);
}

/** Tell the submitter (and, on recall, the approvers whose items closed) how the request ended. */
export async function noticeOutcome(
  ctx: RecordContext,
  client: pg.PoolClient,
  obj: ObjectModel,
  recordId: string,
  recordName: string,
  outcome: 'approved' | 'rejected' | 'recalled',
  userIds: string[],
  actor: Person,
  comment: string | null,
): Promise<void> {
  const who = await people(
    client,
    userIds.filter((id) => id !== actor.id),
  );
  const key = outcome === 'approved' ? 'approval.notify.approved' : outcome === 'rejected' ? 'approval.notify.rejected' : 'approval.notify.recalled';
  await notify(
    client,
    [...who.values()].map((p) => ({
      workspaceId: ctx.workspace.id,
      userId: p.id,
      kind: `approval.${outcome}`,
      title: t(p.locale, key, { object: pickLabel(obj.label, p.locale), record: recordName }),
      body: comment ? t(p.locale, 'approval.notify.decidedBody', { actor: actor.name, comment }) : actor.name,
      link: recordLink(obj.name, recordId),
    })),
  );
}
