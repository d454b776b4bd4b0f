/**
 * The assignment write step (phase beforeValidation, creates, bulk loads, and updates for entries
 * marked `onUpdate`): the first matching entry of the object's active rules decides the owner, in
 * the write's transaction with its client. A create that names an owner keeps it unless the entry
 * says `override`. A record sent to a queue waits with no owner. After the write, which rule and
 * entry assigned it (and its queue) is stored in `record_assignments` and in its field history.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { RecordContext } from '../../data/context';
import type { RecordWrite, WriteStep } from '../../data/steps';
import { writeHistory } from '../../security/history';
import type { QueueDefinition } from '../../metadata/generated/queue';
import { resolveMembers } from './members';
import { pickRoundRobin } from './pick';
import { activeRules, matchingEntry, type CompiledRule } from './rules';

const STATE = 'assignment';

/** What the step decided for one record. */
export interface AssignmentDecision {
  rule: string;
  entry: string;
  owner: string | null;
  queue: string | null;
  ruleLabel?: { en: string; zh: string };
  entryLabel?: { en: string; zh: string };
}

/** The user a `user` target names (by e-mail), when active in the workspace. */
async function userByEmail(client: pg.ClientBase, workspaceId: string, email: string): Promise<string | null> {
  const res = await client.query<{ id: string }>('SELECT id FROM users WHERE workspace_id = $1 AND lower(email) = lower($2) AND active', [workspaceId, email]);
  return res.rows[0]?.id ?? null;
}

/**
 * Whether anyone can work the queue: a queue none of whose members exist in this workspace (a new
 * install without the demo org) would hide the record from all but administrators, so the
 * creator keeps it instead.
 */
async function queueWorked(ctx: RecordContext, client: pg.ClientBase, object: string, queue: string): Promise<boolean> {
  const doc = ((ctx.security.fullMeta.documents?.get('queue')?.get(object) ?? []) as QueueDefinition[]).find((q) => q.name === queue);
  if (!doc) return false;
  return (await resolveMembers(client, ctx.workspace.id, doc.members)).some((c) => c.active);
}

/** Decide the owner or queue for the write's record, or null when no entry applies. */
async function decide(ctx: RecordContext, client: pg.ClientBase, write: RecordWrite, rules: CompiledRule[]): Promise<AssignmentDecision | null> {
  const when = { userId: ctx.user.id, today: write.at.today, timeZone: write.at.timeZone, fiscalYearStartMonth: ctx.workspace.fiscalYearStartMonth };
  const match = matchingEntry(rules, write.record, when);
  if (!match) return null;
  const { rule, entry } = match;
  const named = write.own.has('owner') && write.input.owner != null;
  if (named && !entry.override) return null;
  if (write.mode === 'update' && !entry.onUpdate) return null;
  const base = { rule: rule.def.name, entry: entry.name, ruleLabel: rule.def.label, entryLabel: entry.label };
  const target = entry.assignTo;
  switch (target.type) {
    case 'user': {
      const owner = await userByEmail(client, ctx.workspace.id, target.user);
      return owner ? { ...base, owner, queue: null } : null;
    }
    case 'queue':
      return (await queueWorked(ctx, client, write.full.name, target.queue)) ? { ...base, owner: null, queue: target.queue } : null;
    case 'pool':
      return null; // refused when saved until pools exist
    case 'roundRobin': {
      const scope = {
        workspaceId: ctx.workspace.id,
        schema: ctx.workspace.schema,
        object: write.full.name,
        rule: rule.def.name,
        entry: entry.name,
        today: write.at.today,
        open: rule.open,
      };
      const owner = await pickRoundRobin(client, scope, target);
      if (owner) return { ...base, owner, queue: null };
      const queue = target.fallbackQueue;
      return queue && (await queueWorked(ctx, client, write.full.name, queue)) ? { ...base, owner: null, queue } : null;
    }
  }
}

/** On update, an `onUpdate` entry runs only when its rule now matches where it did not before (not on every edit). */
function becameMatch(write: RecordWrite, rules: CompiledRule[], ctx: RecordContext): boolean {
  if (!write.prior) return false;
  const when = { userId: ctx.user.id, today: write.at.today, timeZone: write.at.timeZone };
  const before = matchingEntry(rules, write.prior, when);
  const after = matchingEntry(rules, write.record, when);
  return Boolean(after?.entry.onUpdate) && before?.entry !== after?.entry;
}

export const assignmentStep: WriteStep = {
  name: 'assignment.owner',
  phase: 'beforeValidation',
  modes: ['create', 'update'],
  async run(ctx, client, write) {
    if (!client || !write.full.fieldMap.has('owner')) return;
    const rules = activeRules(ctx.security.fullMeta, write.full);
    if (!rules.length) return;
    if (write.mode === 'update' && !becameMatch(write, rules, ctx)) return;
    const decision = await decide(ctx, client, write, rules);
    if (!decision) return;
    // An existing record keeps its owner: only new records wait in queues.
    if (decision.queue && write.mode !== 'create') return;
    write.state.set(STATE, decision);
    if (decision.queue) write.unowned = true;
    else {
      write.input.owner = decision.owner;
      write.record.owner = decision.owner;
    }
  },
};

/** Store each assigned record's rule, entry and queue, with a history line, in the write's transaction. */
export const assignmentRecordStep: WriteStep = {
  name: 'assignment.record',
  phase: 'afterWrite',
  modes: ['create', 'update'],
  async run(ctx, client, write) {
    if (!client) return;
    if (write.mode === 'update') {
      // An owner given by hand takes the record out of its queue.
      if (!write.state.has(STATE) && write.changes.some((c) => c.field === 'owner') && write.id) {
        await client.query(`UPDATE "public"."record_assignments" SET "queue" = NULL WHERE "workspace_id" = $1 AND "object" = $2 AND "record_id" = $3 AND "queue" IS NOT NULL`, [
          ctx.workspace.id,
          write.full.name,
          write.id,
        ]);
      }
      if (!write.state.has(STATE)) return;
    }
    const rows: { id: string; d: AssignmentDecision }[] = [];
    if (write.bulk && write.rowStates) {
      write.rows.forEach((r, i) => {
        const d = write.rowStates?.[i]?.get(STATE) as AssignmentDecision | undefined;
        if (d && r.after?.id) rows.push({ id: String(r.after.id), d });
      });
    } else {
      const d = write.state.get(STATE) as AssignmentDecision | undefined;
      if (d && write.id) rows.push({ id: write.id, d });
    }
    if (!rows.length) return;
    await client.query(
      `INSERT INTO "public"."record_assignments" ("workspace_id", "object", "record_id", "rule", "entry", "queue")
       SELECT $1, $2, r, ru, e, q FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[]) AS u(r, ru, e, q)
       ON CONFLICT ("workspace_id", "object", "record_id") DO UPDATE SET "rule" = EXCLUDED."rule", "entry" = EXCLUDED."entry", "queue" = EXCLUDED."queue",
         "assigned_at" = CURRENT_TIMESTAMP, "taken_by" = NULL, "taken_at" = NULL`,
      [ctx.workspace.id, write.full.name, rows.map((r) => r.id), rows.map((r) => r.d.rule), rows.map((r) => r.d.entry), rows.map((r) => r.d.queue)],
    );
    const byId = new Map(rows.map((r) => [r.id, r.d]));
    const line = (d: AssignmentDecision) => ({ rule: d.rule, entry: d.entry, queue: d.queue, owner: d.owner, ruleLabel: d.ruleLabel, entryLabel: d.entryLabel });
    await writeHistory(client, ctx, write.full.name, [...byId.keys()], (id) => [{ field: '$assigned', old: null, new: line(byId.get(id)!) }], randomUUID());
  },
};
