/**
 * Round-robin: the entry's position advances by one atomic statement on the write's transaction
 * (its row stays locked until the write commits, so parallel creates take turns: each sees the
 * owners the others committed, the cap holds exactly, and one lock per write cannot deadlock).
 * The turn goes to the next eligible member by id; skipped members (inactive, away, at their cap)
 * are left out of the circle for that turn.
 */
import type pg from 'pg';
import { qualified } from '../../core/identifiers';
import { Params } from '../../core/sql';
import { compileCondition } from '../../rules/conditions/compile';
import type { ConditionNode } from '../../rules/conditions/types';
import { resolveMembers, type Candidate, type MemberSpec } from './members';

export interface RoundRobin {
  members: MemberSpec[];
  skipInactive?: boolean;
  skipAway?: boolean;
  cap?: number;
}

export interface PickScope {
  workspaceId: string;
  schema: string;
  object: string;
  rule: string;
  entry: string;
  today: string;
  /** Which records count towards the cap (else every live record). */
  open?: ConditionNode;
}

/** Advance the entry's counter and return its new position (1 for the first turn). */
async function nextPosition(client: pg.ClientBase, s: PickScope): Promise<number> {
  const res = await client.query<{ position: string }>(
    `INSERT INTO "public"."assignment_counters" AS c ("workspace_id", "object", "rule", "entry", "position") VALUES ($1, $2, $3, $4, 1)
     ON CONFLICT ("workspace_id", "object", "rule", "entry") DO UPDATE SET "position" = c."position" + 1 RETURNING "position"`,
    [s.workspaceId, s.object, s.rule, s.entry],
  );
  return Number(res.rows[0].position);
}

/** Members holding fewer than `cap` open records (counting stops at the cap: the index on owner serves it). */
async function underCap(client: pg.ClientBase, s: PickScope, ids: string[], cap: number): Promise<Set<string>> {
  const params = new Params();
  const open = s.open ? ` AND ${compileCondition(s.open, params, { userId: null, today: s.today }, 't')}` : '';
  const res = await client.query<{ id: string; n: string }>(
    `SELECT o AS id, (SELECT count(*) FROM (SELECT 1 FROM ${qualified(s.schema, s.object)} t WHERE t."owner" = o AND t."deleted_at" IS NULL${open} LIMIT ${params.add(cap)}) x) AS n
       FROM unnest(${params.add(ids)}::uuid[]) AS o`,
    params.values,
  );
  return new Set(res.rows.filter((r) => Number(r.n) < cap).map((r) => r.id));
}

/** The member whose turn it is, or null when every member is skipped. */
export async function pickRoundRobin(client: pg.ClientBase, s: PickScope, target: RoundRobin): Promise<string | null> {
  const position = await nextPosition(client, s);
  let eligible: Candidate[] = await resolveMembers(client, s.workspaceId, target.members);
  if (target.skipInactive !== false) eligible = eligible.filter((c) => c.active);
  if (target.skipAway !== false) eligible = eligible.filter((c) => !c.awayUntil || c.awayUntil < s.today);
  if (target.cap && eligible.length) {
    const room = await underCap(
      client,
      s,
      eligible.map((c) => c.id),
      target.cap,
    );
    eligible = eligible.filter((c) => room.has(c.id));
  }
  if (!eligible.length) return null;
  return eligible[(position - 1) % eligible.length].id;
}
