/**
 * Who approves a step: named users, a role, the submitter's or owner's manager N levels up, a
 * department's head (named, or the submitter's/owner's department N levels up), a group. Only
 * active users of the workspace; order kept, duplicates dropped. Delegations of approvers on
 * leave are applied afterwards.
 */
import type { Queryable } from '../db/pool';
import type { ApproverSpec } from '../metadata/generated/approval';

export interface Parties {
  submitterId: string;
  ownerId: string | null;
}

async function ids(db: Queryable, sql: string, params: unknown[]): Promise<string[]> {
  return (await db.query<{ id: string }>(sql, params)).rows.map((r) => r.id).filter(Boolean);
}

async function one(db: Queryable, workspaceId: string, spec: ApproverSpec, parties: Parties): Promise<string[]> {
  const whom = 'of' in spec && spec.of === 'owner' ? parties.ownerId : parties.submitterId;
  switch (spec.type) {
    case 'users':
      return ids(db, 'SELECT id FROM users WHERE workspace_id = $1 AND active AND lower(email) = ANY($2::text[]) ORDER BY array_position($2::text[], lower(email))', [
        workspaceId,
        spec.users.map((e) => e.toLowerCase()),
      ]);
    case 'role':
      return ids(db, 'SELECT u.id FROM users u JOIN roles r ON r.id = u.role_id WHERE r.workspace_id = $1 AND r.name = $2 AND u.active ORDER BY u.name, u.id', [
        workspaceId,
        spec.role,
      ]);
    case 'group':
      return ids(
        db,
        'SELECT u.id FROM users u JOIN group_members m ON m.user_id = u.id JOIN groups g ON g.id = m.group_id WHERE g.workspace_id = $1 AND g.name = $2 AND u.active ORDER BY u.name, u.id',
        [workspaceId, spec.group],
      );
    case 'manager':
      if (!whom) return [];
      return ids(
        db,
        `WITH RECURSIVE chain(id, manager_id, depth) AS (
          SELECT id, manager_id, 0 FROM users WHERE id = $1 AND workspace_id = $2
          UNION ALL SELECT u.id, u.manager_id, c.depth + 1 FROM users u JOIN chain c ON u.id = c.manager_id WHERE c.depth < $3)
        SELECT c.id FROM chain c JOIN users u ON u.id = c.id WHERE c.depth = $3 AND u.active`,
        [whom, workspaceId, spec.levels ?? 1],
      );
    case 'department_head':
      if (spec.department) {
        return ids(db, 'SELECT d.head_user_id AS id FROM departments d JOIN users u ON u.id = d.head_user_id WHERE d.workspace_id = $1 AND d.name = $2 AND u.active', [
          workspaceId,
          spec.department,
        ]);
      }
      if (!whom) return [];
      return ids(
        db,
        `WITH RECURSIVE tree(id, parent_id, head_user_id, depth) AS (
          SELECT d.id, d.parent_id, d.head_user_id, 0 FROM departments d JOIN users u ON u.department_id = d.id WHERE u.id = $1 AND d.workspace_id = $2
          UNION ALL SELECT d.id, d.parent_id, d.head_user_id, t.depth + 1 FROM departments d JOIN tree t ON d.id = t.parent_id WHERE t.depth < $3)
        SELECT t.head_user_id AS id FROM tree t JOIN users u ON u.id = t.head_user_id WHERE t.depth = $3 AND u.active`,
        [whom, workspaceId, spec.levels ?? 0],
      );
  }
}

/** The approvers of a step, in the order the specs give them. */
export async function resolveApprovers(db: Queryable, workspaceId: string, specs: ApproverSpec[], parties: Parties): Promise<string[]> {
  const out: string[] = [];
  for (const spec of specs) for (const id of await one(db, workspaceId, spec, parties)) if (!out.includes(id)) out.push(id);
  return out;
}

export interface Assignee {
  approverId: string;
  /** The approver on leave this item was delegated from. */
  delegatedFrom: string | null;
}

/** Replace approvers on leave by their delegates (following a chain of delegations, never in a loop). */
export async function applyDelegations(db: Queryable, approvers: string[]): Promise<Assignee[]> {
  const to = new Map<string, string>();
  let ask = approvers;
  for (let hop = 0; hop < 5 && ask.length; hop++) {
    const res = await db.query<{ user_id: string; delegate_id: string }>(
      `SELECT d.user_id, d.delegate_id FROM approval_delegations d JOIN users u ON u.id = d.delegate_id
        WHERE d.user_id = ANY($1::uuid[]) AND u.active AND (d.until IS NULL OR d.until > now())`,
      [ask],
    );
    for (const r of res.rows) to.set(r.user_id, r.delegate_id);
    ask = res.rows.map((r) => r.delegate_id).filter((id) => !to.has(id));
  }
  const out: Assignee[] = [];
  for (const a of approvers) {
    let who = a;
    const seen = new Set([a]);
    while (to.has(who) && !seen.has(to.get(who)!)) {
      who = to.get(who)!;
      seen.add(who);
    }
    if (!out.some((x) => x.approverId === who)) out.push({ approverId: who, delegatedFrom: who === a ? null : a });
  }
  return out;
}
