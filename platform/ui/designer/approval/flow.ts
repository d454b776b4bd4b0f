/**
 * The approval flow editor's state and its conversion to and from the definition. What the editor
 * does not show (properties it does not know) goes back as it was; defaults are written only when
 * the definition already spelled them out, so saving an untouched flow changes nothing.
 */
import type { DesignerObject } from '../common';

export type DesignerApproval = DesignerObject['approvals'][number];
export type Whom = 'submitter' | 'owner';
export type Approver =
  | { type: 'users'; users: string[] }
  | { type: 'role'; role?: string }
  | { type: 'manager'; of?: Whom; levels?: number }
  | { type: 'department_head'; department?: string; of?: Whom; levels?: number }
  | { type: 'group'; group?: string };
export type ApproverType = Approver['type'];
export const APPROVER_TYPES: ApproverType[] = ['users', 'role', 'manager', 'department_head', 'group'];

export const MOMENTS = ['submit', 'approve', 'reject', 'recall'] as const;
export type Moment = (typeof MOMENTS)[number];
export const RECIPIENTS = ['submitter', 'owner', 'approvers'] as const;
export type Recipient = (typeof RECIPIENTS)[number];

/** A condition of an entry or a step: a formula, a condition tree, or nothing (always). */
export type Test = string | Record<string, unknown> | undefined;

export interface StepRow {
  key: string;
  /** The step as it was loaded (properties the editor does not show are kept). */
  orig: Record<string, unknown>;
  name: string;
  nameTouched: boolean;
  en: string;
  zh: string;
  approvers: Approver[];
  mode: 'any' | 'all';
  criteria: Test;
  whenNotMet: 'skip' | 'approve';
  onReject: 'final' | 'back';
}

export type ActionRow =
  | { key: string; type: 'update'; field?: string; value?: unknown }
  | { key: string; type: 'email'; to: Recipient[]; subjectEn: string; subjectZh: string; bodyEn: string; bodyZh: string };
export type ActionsState = Record<Moment, ActionRow[]>;

export interface SubmittersState {
  owner: boolean;
  creator: boolean;
  editors: boolean;
  roles: string[];
  groups: string[];
}

let seq = 0;
export const newKey = () => `k${++seq}`;

type Obj = Record<string, unknown>;
type Label = { en: string; zh: string };

/** Set `key` to `value`, or leave it out when it is the default and the original did not spell it out. */
export function putOrDefault(out: Obj, orig: Obj, key: string, value: unknown, dflt: unknown) {
  if (value === undefined || (value === dflt && !(key in orig))) delete out[key];
  else out[key] = value;
}

const label = (en: string, zh: string): Label => ({ en: en.trim(), zh: zh.trim() || en.trim() });

export function newStepRow(): StepRow {
  return {
    key: newKey(),
    orig: {},
    name: '',
    nameTouched: false,
    en: '',
    zh: '',
    approvers: [{ type: 'role' }],
    mode: 'any',
    criteria: undefined,
    whenNotMet: 'skip',
    onReject: 'final',
  };
}

export function stepsToRows(steps: readonly unknown[]): StepRow[] {
  return steps.map((raw) => {
    const s = raw as Obj & { name: string; label: Label; approvers: Approver[] };
    return {
      key: newKey(),
      orig: s,
      name: s.name,
      nameTouched: true,
      en: s.label.en,
      zh: s.label.zh,
      approvers: s.approvers.map((a) => ({ ...a })) as Approver[],
      mode: s.mode === 'all' ? 'all' : 'any',
      criteria: s.criteria as Test,
      whenNotMet: s.whenNotMet === 'approve' ? 'approve' : 'skip',
      onReject: s.onReject === 'back' ? 'back' : 'final',
    };
  });
}

function approverOut(a: Approver): Obj {
  switch (a.type) {
    case 'users':
      return { type: 'users', users: a.users };
    case 'role':
      return { type: 'role', role: a.role ?? '' };
    case 'group':
      return { type: 'group', group: a.group ?? '' };
    case 'manager':
      return { type: 'manager', of: a.of ?? 'submitter', levels: a.levels ?? 1 };
    case 'department_head':
      return a.department !== undefined ? { type: 'department_head', department: a.department } : { type: 'department_head', of: a.of ?? 'submitter', levels: a.levels ?? 0 };
  }
}

/** A condition as written: a trimmed formula, a condition tree, or nothing. */
export function testOut(t: Test): Test {
  if (typeof t === 'string') return t.trim() || undefined;
  return t;
}

export function rowsToSteps(rows: StepRow[]): Obj[] {
  return rows.map((r) => {
    const out: Obj = { ...r.orig, name: r.name.trim(), label: label(r.en, r.zh), approvers: r.approvers.map(approverOut) };
    putOrDefault(out, r.orig, 'mode', r.mode, 'any');
    const criteria = testOut(r.criteria);
    putOrDefault(out, r.orig, 'criteria', criteria, undefined);
    // "When not met" only means something with criteria.
    putOrDefault(out, r.orig, 'whenNotMet', criteria === undefined ? undefined : r.whenNotMet, 'skip');
    putOrDefault(out, r.orig, 'onReject', r.onReject, 'final');
    return out;
  });
}

/** Problems the form shows before sending anything: a message key, or null. */
/** An approver that names everything its kind needs. */
function approverComplete(a: Approver): boolean {
  if (a.type === 'users') return a.users.length > 0;
  if (a.type === 'role') return Boolean(a.role);
  if (a.type === 'group') return Boolean(a.group);
  if (a.type === 'department_head' && a.department !== undefined) return Boolean(a.department);
  return true;
}

export function stepRowsProblem(rows: StepRow[] | undefined): 'designer.approval.noSteps' | 'designer.approval.badStepName' | 'designer.approval.badStep' | null {
  if (!rows?.length) return 'designer.approval.noSteps';
  const names = rows.map((r) => r.name.trim());
  if (names.some((n) => !/^[a-z][a-z0-9_]{0,62}$/.test(n)) || new Set(names).size !== names.length) return 'designer.approval.badStepName';
  if (rows.some((r) => !r.en.trim() || !r.approvers.length || !r.approvers.every(approverComplete))) return 'designer.approval.badStep';
  return null;
}

export function actionsToState(actions: Partial<Record<Moment, readonly unknown[]>> | undefined): ActionsState {
  const out = { submit: [], approve: [], reject: [], recall: [] } as ActionsState;
  for (const m of MOMENTS) {
    out[m] = (actions?.[m] ?? []).map((raw): ActionRow => {
      const a = raw as Obj;
      if (a.type === 'email') {
        const subject = a.subject as Label;
        const body = a.body as Label;
        return { key: newKey(), type: 'email', to: [...(a.to as Recipient[])], subjectEn: subject.en, subjectZh: subject.zh, bodyEn: body.en, bodyZh: body.zh };
      }
      return { key: newKey(), type: 'update', field: a.field as string, value: a.value };
    });
  }
  return out;
}

export function stateToActions(state: ActionsState): Obj | undefined {
  const out: Obj = {};
  for (const m of MOMENTS) {
    const list = state[m].map((a): Obj => {
      if (a.type === 'email') return { type: 'email', to: a.to, subject: label(a.subjectEn, a.subjectZh), body: label(a.bodyEn, a.bodyZh) };
      const x: Obj = { type: 'update', field: a.field ?? '' };
      if (a.value !== undefined && a.value !== '') x.value = a.value;
      return x;
    });
    if (list.length) out[m] = list;
  }
  return Object.keys(out).length ? out : undefined;
}

export function submittersToState(list: readonly unknown[] | undefined): SubmittersState {
  const specs = (list ?? [{ type: 'owner' }]) as Obj[];
  const has = (t: string) => specs.some((s) => s.type === t);
  return {
    owner: has('owner'),
    creator: has('creator'),
    editors: has('editors'),
    roles: specs.filter((s) => s.type === 'role').map((s) => s.role as string),
    groups: specs.filter((s) => s.type === 'group').map((s) => s.group as string),
  };
}

/** The submitters as written; the default (the owner alone) is left out unless it was spelled out. */
export function stateToSubmitters(s: SubmittersState, hadList: boolean): Obj[] | undefined {
  const out: Obj[] = [];
  for (const t of ['owner', 'creator', 'editors'] as const) if (s[t]) out.push({ type: t });
  for (const role of s.roles) out.push({ type: 'role', role });
  for (const group of s.groups) out.push({ type: 'group', group });
  if (!hadList && out.length === 1 && out[0].type === 'owner') return undefined;
  return out;
}

export const orderOf = (f: { order?: number }) => f.order ?? 100;

/** Flows in the order they are tried: by order, then by name. */
export function sortFlows<T extends { order?: number; name: string }>(flows: readonly T[]): T[] {
  return [...flows].sort((a, b) => orderOf(a) - orderOf(b) || a.name.localeCompare(b.name));
}

/**
 * The new `order` of the flows a move changes: the two flows swap their numbers when no other flow
 * shares them, otherwise every flow is numbered 10, 20, 30... in its new place.
 */
export function moveChanges<T extends { order?: number; name: string }>(sorted: readonly T[], from: number, to: number): { flow: T; order: number }[] {
  const a = sorted[from];
  const b = sorted[to];
  if (!a || !b || from === to) return [];
  const shared = sorted.some((f) => f !== a && f !== b && (orderOf(f) === orderOf(a) || orderOf(f) === orderOf(b)));
  if (orderOf(a) !== orderOf(b) && !shared)
    return [
      { flow: a, order: orderOf(b) },
      { flow: b, order: orderOf(a) },
    ];
  const next = [...sorted];
  [next[from], next[to]] = [next[to], next[from]];
  return next.map((flow, i) => ({ flow, order: (i + 1) * 10 })).filter(({ flow, order }) => flow.order !== order);
}
