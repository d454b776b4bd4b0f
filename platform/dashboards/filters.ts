/**
 * Dashboard filters: what a viewer picked (a period or a date range, an owner, a department, a
 * team) checked against what the dashboard offers, and turned into conditions of the one condition
 * language that are added to every component's report. Being plain conditions, they travel with a
 * drill-down to the list of records.
 */
import type { AppError } from '../core/errors';
import { keyedError, problem } from '../core/problems';
import type { MessageKey } from '../core/i18n';
import { addDays, dayStartInstant, isRelativePeriod, workspaceTimeZone } from '../core/time';
import type { RecordContext } from '../data/context';
import type { DashboardDefinition } from '../metadata/generated/dashboard';
import { descendants, type SecurityModel } from '../security/model';

/** What a viewer asks: each absent filter takes the dashboard's default (the date's period), `null` clears it. */
export interface DashboardFilterInput {
  /** A relative period (`this_quarter`, `last_30_days`...) or a date range (either end may be open). */
  date?: string | { from?: string | null; to?: string | null } | null;
  /** Another name for a `date` that is a period (the screens' address uses it). */
  period?: string | null;
  /** A user id, or `$me`. */
  owner?: string | null;
  /** A department (API name or id): owners in it and in the departments below it. */
  department?: string | null;
  /** A role (API name or id): owners in it and in the roles below it (a team). */
  role?: string | null;
}

/** The filters as applied (what the screen shows as chosen). */
export interface AppliedFilters {
  date: string | { from: string | null; to: string | null } | null;
  owner: string | null;
  department: string | null;
  role: string | null;
}

export const FILTER_TYPES = ['date', 'owner', 'department', 'role'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The condition language caps a list at 1,000 values: bigger owner sets are split into several lists. */
const LIST_CAP = 1000;
/** An id no user has: "owners in an empty team" must match no record, not every record. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

function bad(key: MessageKey, params: Record<string, string>, pointer: string): AppError {
  const detail = problem(key, params, { pointer, field: pointer.split('/')[1] });
  return keyedError('BAD_REQUEST', key, params, [detail]);
}

/** A relative period the condition language's `during` accepts. */
export const isPeriod = (value: unknown): value is string => isRelativePeriod(value);

function isDate(value: unknown): value is string {
  return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

function checkDate(value: DashboardFilterInput['date']): AppliedFilters['date'] {
  if (value === null) return null;
  if (typeof value === 'string') {
    if (!isPeriod(value)) throw bad('dashboard.badPeriod', { value }, '/date');
    return value;
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw bad('dashboard.badPeriod', { value: JSON.stringify(value) ?? '' }, '/date');
  const from = value.from ?? null;
  const to = value.to ?? null;
  for (const [end, v] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (v !== null && !isDate(v)) throw bad('dashboard.badDate', { value: String(v) }, `/date/${end}`);
  return from === null && to === null ? null : { from, to };
}

/** A department or role by API name or id. */
function nodeNamed(nodes: Map<string, { id: string; name: string }>, name: string): string | undefined {
  if (nodes.has(name)) return name;
  for (const n of nodes.values()) if (n.name === name) return n.id;
  return undefined;
}

/** Check the viewer's filters against what the dashboard offers; absent ones take the defaults. */
export function applyFilters(ctx: RecordContext, def: DashboardDefinition, given: DashboardFilterInput = {}): AppliedFilters {
  const { period, ...input } = given;
  if (period !== undefined && input.date === undefined) input.date = period;
  const offered = new Map((def.filters ?? []).map((f) => [f.type, f]));
  for (const key of Object.keys(input)) {
    if (!(FILTER_TYPES as readonly string[]).includes(key)) throw bad('dashboard.badFilter', { filter: key }, `/${key}`);
    const v = input[key as Exclude<keyof DashboardFilterInput, 'period'>];
    if (v !== undefined && v !== null && !offered.has(key as (typeof FILTER_TYPES)[number])) throw bad('dashboard.filterNotOffered', { filter: key }, `/${key}`);
  }
  const model = ctx.security.model;
  const date = input.date === undefined ? (offered.get('date')?.default ?? null) : checkDate(input.date);
  const owner = input.owner ?? null;
  if (owner !== null && owner !== '$me' && model && !model.users.has(owner)) throw bad('dashboard.unknownUser', { user: owner }, '/owner');
  const department = input.department ?? null;
  if (department !== null && model && !nodeNamed(model.departments, department)) throw bad('dashboard.unknownDepartment', { department }, '/department');
  const role = input.role ?? null;
  if (role !== null && model && !nodeNamed(model.roles, role)) throw bad('dashboard.unknownRole', { role }, '/role');
  return { date, owner, department, role };
}

/** Owners in a node and below it (active or not: their records still count). */
function ownersUnder(model: SecurityModel, kind: 'department' | 'role', name: string): string[] {
  const nodes = kind === 'department' ? model.departments : model.roles;
  const id = nodeNamed(nodes, name);
  if (!id) return [];
  const ids = new Set([id, ...descendants(nodes, id)]);
  return [...model.users.values()].filter((u) => ids.has((kind === 'department' ? u.departmentId : u.roleId) ?? '')).map((u) => u.id);
}

function ownerIn(ids: string[]): unknown {
  if (!ids.length) return { field: 'owner', op: 'in', value: [NOBODY] };
  const lists: unknown[] = [];
  for (let i = 0; i < ids.length; i += LIST_CAP) lists.push({ field: 'owner', op: 'in', value: ids.slice(i, i + LIST_CAP) });
  return lists.length === 1 ? lists[0] : { any: lists };
}

/** The date condition on `field` (a date or datetime field): `during` for a period, `gte`/`lte` for a range. */
export function dateCondition(field: string, fieldType: string, date: AppliedFilters['date']): unknown[] {
  if (date === null) return [];
  if (typeof date === 'string') return [{ field, op: 'during', value: date }];
  const out: unknown[] = [];
  // A datetime compared with a date: the range covers whole days in the workspace's time zone.
  const edge = (d: string, end: boolean) => (fieldType === 'datetime' ? zonedDayEdge(d, end) : d);
  if (date.from) out.push({ field, op: 'gte', value: edge(date.from, false) });
  if (date.to) out.push({ field, op: fieldType === 'datetime' ? 'lt' : 'lte', value: edge(date.to, true) });
  return out;
}

/** The instant a day starts (or, `end`, the next day starts) in the workspace time zone, as ISO text. */
function zonedDayEdge(day: string, end: boolean): string {
  return new Date(dayStartInstant(end ? addDays(day, 1) : day, workspaceTimeZone())).toISOString();
}

/** The conditions the applied filters add to one component (its date field and type given), or undefined for none. */
export function componentCondition(ctx: RecordContext, applied: AppliedFilters, date?: { field: string; type: string }): unknown {
  const items: unknown[] = [];
  if (date) items.push(...dateCondition(date.field, date.type, applied.date));
  if (applied.owner) items.push({ field: 'owner', op: 'eq', value: applied.owner });
  const model = ctx.security.model;
  if (model && applied.department) items.push(ownerIn(ownersUnder(model, 'department', applied.department)));
  if (model && applied.role) items.push(ownerIn(ownersUnder(model, 'role', applied.role)));
  if (!items.length) return undefined;
  return items.length === 1 ? items[0] : { all: items };
}
