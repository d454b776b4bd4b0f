/**
 * Dashboards as metadata without running them: the kind's cross-checks with pointers, who sees
 * which dashboard (public, private, shared with a role and the roles below it), who may save one,
 * and the home dashboard of each user (their role's, inherited from a role above, the stock
 * default of their permission set, the administrators' default).
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { homeDashboard } from '../../../platform/dashboards/home';
import { visibleDashboards } from '../../../platform/dashboards/access';
import { deleteDashboard, saveDashboard } from '../../../platform/dashboards/save';
import { appRouter } from '../../../platform/api/trpc/router';
import { getPool } from '../../../platform/db/pool';
import { apiKeyPrincipal } from '../../../platform/security/apiKeys';
import type { ChangeActor } from '../../../platform/metadata/changes';
import * as designer from '../../../platform/metadata/designer';
import type { DashboardDefinition } from '../../../platform/metadata/generated/dashboard';
import { createSecOrg, outcome, type SecOrg, type Who } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
const actor = (): ChangeActor => ({ pool: getPool(org.tw.url), workspace: org.tw.workspace, userId: org.tw.admin.id });
const names = async (who: Who) => (await visibleDashboards(await org.ctx(who))).map((d) => d.name);
const home = async (who: Who) => homeDashboard(await org.ctx(who));

const mine = (name: string, extra: Partial<DashboardDefinition> = {}): DashboardDefinition => ({
  object: 'workspace',
  name,
  label: { en: 'Mine', zh: '我的' },
  components: [{ id: 'pipeline', report: 'pipeline_by_stage', width: 2 }],
  ...extra,
});

beforeAll(async () => {
  org = await createSecOrg('dash_home');
});

describe('the kind', () => {
  it('ships the sales manager, sales rep and executive dashboards, visible to everyone', async () => {
    expect(await names('rep_a1')).toEqual(['executive', 'sales_manager', 'sales_rep']);
  });

  it('reports a component id used twice, a filter offered twice and a default on a filter that has none, each at its pointer', async () => {
    const bad = {
      ...mine('broken'),
      filters: [{ type: 'date', default: 'this_quarter' }, { type: 'owner', default: 'this_month' }, { type: 'date' }],
      components: [
        { id: 'a', report: 'pipeline_by_stage' },
        { id: 'a', type: 'approvals' },
      ],
    };
    const err = await designer.saveItem(actor(), 'dashboard', bad as never).then(
      () => null,
      (e) => e,
    );
    expect(err?.code).toBe('METADATA_INVALID');
    expect(err.details.map((d: { pointer: string; code: string }) => [d.pointer, d.code]).sort()).toEqual(
      [
        ['/components/1/id', 'dashboard.componentTwice'],
        ['/filters/1/default', 'dashboard.filterDefault'],
        ['/filters/2/type', 'dashboard.filterTwice'],
      ].sort(),
    );
  });

  it('reports an unknown report, a date field that is not a date of the report’s object and a measure the report lacks', async () => {
    const bad = {
      ...mine('misnamed'),
      components: [
        { id: 'a', report: 'no_such_report' },
        { id: 'b', report: 'pipeline_by_stage', dateField: 'amount', chart: { type: 'bar', measure: 'margin' } },
        { id: 'c', report: 'pipeline_by_stage', dateField: 'created_at', chart: { type: 'bar', measure: 'amount' } },
      ],
    };
    const err = await designer.saveItem(actor(), 'dashboard', bad as never).catch((e) => e);
    expect(err?.code).toBe('METADATA_INVALID');
    expect(err.details.map((d: { pointer: string; code: string }) => [d.pointer, d.code])).toEqual([
      ['/components/0/report', 'dashboard.report'],
      ['/components/1/dateField', 'dashboard.dateField'],
      ['/components/1/chart/measure', 'dashboard.measure'],
    ]);
  });

  it('the schema refuses a width beyond the 4-column grid and an unknown period', async () => {
    const err = await designer
      .saveItem(actor(), 'dashboard', { ...mine('wide'), filters: [{ type: 'date', default: 'someday' }], components: [{ id: 'a', report: 'x', width: 9 }] } as never)
      .then(
        () => null,
        (e) => e,
      );
    expect(err?.code).toBe('METADATA_INVALID');
    const pointers = err.details.map((d: { pointer: string }) => d.pointer);
    expect(pointers).toContain('/filters/0/default');
    expect(pointers.some((p: string) => p.startsWith('/components/0'))).toBe(true);
  });
});

describe('visibility and saving', () => {
  it('a rep saves a private dashboard of their own that no one else sees; sharing it is refused', async () => {
    const rep = await org.ctx('rep_a1');
    const saved = await saveDashboard(rep, mine('rep_private', { visibility: 'private' }));
    expect(saved.dashboard).toMatchObject({ visibility: 'private', owner: org.users.rep_a1.id });
    expect(await names('rep_a1')).toContain('rep_private');
    expect(await names('rep_a2')).not.toContain('rep_private');
    expect(await names('admin')).not.toContain('rep_private');
    expect(await outcome(saveDashboard(await org.ctx('rep_a1'), mine('rep_private', { visibility: 'public' })))).toBe('FORBIDDEN');
    expect(await outcome(saveDashboard(await org.ctx('rep_a2'), mine('rep_private', { visibility: 'private' })))).toBe('FORBIDDEN');
    expect(await outcome(saveDashboard(await org.ctx('rep_a1'), mine('sales_manager')))).toBe('FORBIDDEN');
    expect(await outcome(deleteDashboard(await org.ctx('rep_a2'), 'rep_private'))).toBe('NOT_FOUND');
    await deleteDashboard(await org.ctx('rep_a1'), 'rep_private');
    expect(await names('rep_a1')).not.toContain('rep_private');
  });

  it('a dashboard shared with a role reaches that role and the roles below it, not its peers or the roles above', async () => {
    await saveDashboard(await org.ctx('admin'), mine('team_a', { visibility: 'shared', sharedWith: { roles: ['manager_a'] } }));
    expect(await names('manager_a')).toContain('team_a');
    expect(await names('rep_a1')).toContain('team_a');
    expect(await names('rep_b1')).not.toContain('team_a');
    expect(await names('director')).not.toContain('team_a');
    expect(await names('admin')).toContain('team_a');
  });

  it('sharing with a role that does not exist names it at its pointer', async () => {
    const err = await saveDashboard(await org.ctx('admin'), mine('ghosts', { visibility: 'shared', sharedWith: { roles: ['gm', 'nobody'] } })).catch((e) => e);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details.map((d: { pointer: string; code: string }) => [d.pointer, d.code])).toEqual([['/sharedWith/roles/1', 'dashboard.unknownRole']]);
  });
});

describe('the home dashboard', () => {
  it('falls back to the stock dashboard of the permission set: managers, reps, and administrators', async () => {
    expect(await home('manager_a')).toEqual({ name: 'sales_manager', source: 'permissionSet' });
    expect(await home('rep_a1')).toEqual({ name: 'sales_rep', source: 'permissionSet' });
    expect(await home('admin')).toEqual({ name: 'sales_manager', source: 'admin' });
  });

  it("is the role's own, else inherited from the nearest role above that names one", async () => {
    await org.secure(`UPDATE roles SET home_dashboard = 'executive' WHERE id = $1`, [org.roles.gm]);
    await org.secure(`UPDATE roles SET home_dashboard = 'sales_rep' WHERE id = $1`, [org.roles.manager_a]);
    expect(await home('gm')).toEqual({ name: 'executive', source: 'role', role: 'gm' });
    expect(await home('director')).toEqual({ name: 'executive', source: 'inherited', role: 'gm' });
    expect(await home('manager_b')).toEqual({ name: 'executive', source: 'inherited', role: 'gm' });
    expect(await home('manager_a')).toEqual({ name: 'sales_rep', source: 'role', role: 'manager_a' });
    expect(await home('rep_a1')).toEqual({ name: 'sales_rep', source: 'inherited', role: 'manager_a' });
  });

  it('passes over a dashboard the user may not open', async () => {
    await saveDashboard(await org.ctx('admin'), mine('board_only', { visibility: 'shared', sharedWith: { roles: ['outsider'] } }));
    await org.secure(`UPDATE roles SET home_dashboard = 'board_only' WHERE id = $1`, [org.roles.manager_b]);
    expect(await home('manager_b')).toEqual({ name: 'executive', source: 'inherited', role: 'gm' });
  });
});

describe('over tRPC', () => {
  const caller = async (who: Who) => {
    const principal = (await apiKeyPrincipal(getPool(org.tw.url), org.keys[who].key))!;
    return appRouter.createCaller({ principal, locale: 'en' });
  };

  it('an admin names a role home dashboard on the roles screen; an unknown dashboard is refused on its field', async () => {
    const admin = await caller('admin');
    await admin.admin.updateNode({ kind: 'role', id: org.roles.rep_b, values: { homeDashboard: 'sales_manager' } });
    expect(await (await caller('rep_b1')).dashboards.home()).toBe('sales_manager');
    expect((await admin.admin.org()).roles.find((r) => r.name === 'rep_b')).toMatchObject({ homeDashboard: 'sales_manager' });
    const err = await admin.admin.updateNode({ kind: 'role', id: org.roles.rep_b, values: { homeDashboard: 'nowhere' } }).catch((e) => e);
    expect(err.code).toBe('UNPROCESSABLE_CONTENT');
    expect(err.cause?.details?.[0]).toMatchObject({ field: 'homeDashboard', code: 'dashboard.notFound' });
    const rep = await caller('rep_b1');
    await expect(rep.admin.updateNode({ kind: 'role', id: org.roles.rep_b, values: { homeDashboard: null } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lists what the caller may open with whether they may change it, saves a partial change over the saved dashboard', async () => {
    // A caller per call, as a request has: the principal carries the metadata revision it was read at.
    const rep = () => caller('rep_a2');
    await (await rep()).dashboards.save({ name: 'rep_board', label: { en: 'Rep board', zh: '代表看板' }, components: [{ id: 'a', report: 'pipeline_by_stage' }] });
    await (await rep()).dashboards.save({ name: 'rep_board', components: [{ id: 'a', report: 'pipeline_by_stage', width: 4 }] });
    const list = await (await rep()).dashboards.list();
    expect(list.find((d) => d.name === 'rep_board')).toEqual({
      name: 'rep_board',
      label: { en: 'Rep board', zh: '代表看板' },
      visibility: 'private',
      canEdit: true,
      components: 1,
    });
    expect(list.find((d) => d.name === 'sales_manager')).toMatchObject({ canEdit: false, visibility: 'public' });
    expect((await (await caller('admin')).dashboards.list()).find((d) => d.name === 'sales_manager')).toMatchObject({ canEdit: true });
    await (await rep()).dashboards.delete({ name: 'rep_board' });
    await expect((await rep()).dashboards.delete({ name: 'rep_board' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
