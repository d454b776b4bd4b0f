/**
 * The roles, departments, groups and users any signed-in user may pick from (sharing a report,
 * filtering a dashboard by team): their API names (a user's id) and labels in the caller's language,
 * nothing else — no members, managers, rights or e-mail addresses.
 */
import { keyedError, problem } from '../core/problems';
import type { RecordContext } from '../data/context';
import { getPrisma } from '../db/prisma';

export const PRINCIPAL_KINDS = ['role', 'department', 'group', 'user'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/** One pickable principal: `value` is the API name (a user's id), `label` in the caller's language. */
export interface PrincipalOption {
  value: string;
  label: string;
}

export interface PrincipalQuery {
  kind: unknown;
  /** Text the label or name contains (case-insensitive). */
  q?: unknown;
  /** Values whose labels the caller needs (a choice already made, e.g. from the address). */
  values?: unknown;
}

const LIMIT = 50;
const VALUE = /^[A-Za-z0-9_-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checked(input: PrincipalQuery): { kind: PrincipalKind; q: string; values: string[] | null } {
  if (typeof input.kind !== 'string' || !(PRINCIPAL_KINDS as readonly string[]).includes(input.kind)) {
    throw keyedError('BAD_REQUEST', 'principals.kind', {}, [problem('principals.kind', {}, { pointer: '/kind' })]);
  }
  if (input.q !== undefined && input.q !== null && (typeof input.q !== 'string' || input.q.length > 100)) {
    throw keyedError('BAD_REQUEST', 'principals.query', {}, [problem('principals.query', {}, { pointer: '/q' })]);
  }
  let values: string[] | null = null;
  if (input.values !== undefined && input.values !== null) {
    const list = Array.isArray(input.values) ? input.values : [input.values];
    const bad = list.findIndex((v) => typeof v !== 'string' || !VALUE.test(v));
    if (list.length > LIMIT || bad >= 0)
      throw keyedError('BAD_REQUEST', 'principals.kind', {}, [problem('principals.kind', {}, { pointer: `/values${bad >= 0 ? `/${bad}` : ''}` })]);
    values = list as string[];
  }
  return { kind: input.kind as PrincipalKind, q: typeof input.q === 'string' ? input.q.trim() : '', values };
}

/** The principals of one kind matching `q` (or exactly `values`), at most 50, ordered by label. */
export async function searchPrincipals(ctx: RecordContext, input: PrincipalQuery): Promise<PrincipalOption[]> {
  const { kind, q, values } = checked(input);
  const prisma = getPrisma();
  const workspaceId = ctx.workspace.id;
  const zh = ctx.locale === 'zh-CN';
  const contains = { contains: q, mode: 'insensitive' as const };
  if (kind === 'user') {
    const ids = values?.filter((v) => UUID.test(v));
    const rows = await prisma.user.findMany({
      where: { workspaceId, active: true, ...(ids ? { id: { in: ids } } : q ? { name: contains } : {}) },
      orderBy: { name: 'asc' },
      take: LIMIT,
      select: { id: true, name: true },
    });
    return rows.map((u) => ({ value: u.id, label: u.name }));
  }
  const byValue = values ? { OR: [{ name: { in: values } }, { id: { in: values.filter((v) => UUID.test(v)) } }] } : null;
  if (kind === 'group') {
    const rows = await prisma.group.findMany({
      where: { workspaceId, ...(byValue ?? (q ? { OR: [{ label: contains }, { name: contains }] } : {})) },
      orderBy: { label: 'asc' },
      take: LIMIT,
      select: { name: true, label: true },
    });
    return rows.map((g) => ({ value: g.name, label: g.label }));
  }
  const where = { workspaceId, ...(byValue ?? (q ? { OR: [{ label: contains }, { labelZh: contains }, { name: contains }] } : {})) };
  const select = { name: true, label: true, labelZh: true } as const;
  const args = { where, orderBy: { label: 'asc' as const }, take: LIMIT, select };
  const rows = kind === 'role' ? await prisma.role.findMany(args) : await prisma.department.findMany(args);
  const options = rows.map((r) => ({ value: r.name, label: zh && r.labelZh ? r.labelZh : r.label }));
  // Ordered by the label the caller reads (Chinese labels sort by their own order, not the English one).
  return zh ? options.sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')) : options;
}
