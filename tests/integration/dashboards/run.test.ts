/**
 * Running dashboards as their viewers: the same Sales manager dashboard gives a rep, a regional
 * manager and the admin each their own figures (equal to a hand count of what each may see); the
 * dashboard filters (period, date range, owner, department, team) reach every component and its
 * drill-down; one failing component keeps its error to itself; REST answers the same shapes.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { clock } from '../../../platform/core/time';
import { createRecord } from '../../../platform/data';
import { runDashboard } from '../../../platform/dashboards/run';
import { saveDashboard } from '../../../platform/dashboards/save';
import { saveReport } from '../../../platform/reports/service';
import type { ReportComponentView } from '../../../platform/dashboards/types';
import { expectError } from '../api/api';
import { createSecOrg, type SecOrg, type Who } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;

/** The component `id` of a run, as a report component. */
const part = (view: Awaited<ReturnType<typeof runDashboard>>, id: string) => view.components.find((c) => c.id === id) as ReportComponentView;
const run = async (who: Who, name: string, filters = {}) => runDashboard(await org.ctx(who), name, filters);
const pipeline = async (who: Who, filters = {}) => part(await run(who, 'sales_manager', filters), 'pipeline').result!.totals;

beforeAll(async () => {
  org = await createSecOrg('dash_run');
  // One more open deal for rep_a1, closing today: the only one a "this month" period finds.
  await createRecord(await org.ctx('admin'), 'opportunity', { name: 'Closing today', stage: 'proposal', close_date: clock().today, amount: 5000, owner: org.users.rep_a1.id });
});

describe('each viewer gets their own figures on the same dashboard', () => {
  // Each org user owns one open deal of 20,000 (and a won one of 10,000); rep_a1 also the 5,000 one.
  it('a rep counts only their own open deals, a regional manager their team, the admin everyone', async () => {
    expect(await pipeline('rep_a1')).toEqual({ count: 2, amount: 25000 });
    expect(await pipeline('rep_b1')).toEqual({ count: 1, amount: 20000 });
    expect(await pipeline('manager_a')).toEqual({ count: 4, amount: 65000 });
    expect(await pipeline('admin')).toEqual({ count: 10, amount: 185000 });
  });

  it('runs every component in display order, with the chart the dashboard asks for', async () => {
    const view = await run('manager_a', 'sales_manager');
    expect(view.components.map((c) => c.id)).toEqual(['pipeline', 'won_by_rep', 'forecast', 'win_rate', 'closing', 'stalled', 'sources']);
    expect(view.components.filter((c) => 'error' in c && c.error).map((c) => [c.id, c.error])).toEqual([]);
    expect(part(view, 'pipeline')).toMatchObject({ title: 'Pipeline by stage', object: 'opportunity', chart: { type: 'funnel' }, width: 2 });
    // Win rate = won / closed: every closed deal of the team was won.
    expect(part(view, 'win_rate').result!.totals).toMatchObject({ won: 3, closed: 3, win_rate: 1 });
    expect(part(view, 'closing').result!.rows.map((r) => r.name)).toEqual(['Closing today']);
  });
});

describe('dashboard filters reach every component', () => {
  it('owner: $me narrows a manager to their own deals', async () => {
    expect(await pipeline('manager_a', { owner: '$me' })).toEqual({ count: 1, amount: 20000 });
    expect(await pipeline('admin', { owner: org.users.rep_b1.id })).toEqual({ count: 1, amount: 20000 });
  });

  it('department: owners in the department and the ones below it; team: owners in the role and below', async () => {
    expect(await pipeline('admin', { department: 'dept_a' })).toEqual({ count: 4, amount: 65000 });
    // sales: the director, and dept_a and dept_b below it (six people, rep_a1 with two deals).
    expect(await pipeline('admin', { department: 'sales' })).toEqual({ count: 7, amount: 125000 });
    expect(await pipeline('admin', { role: 'manager_b' })).toEqual({ count: 2, amount: 40000 });
    // A filter never widens what the viewer sees.
    expect(await pipeline('rep_a1', { department: 'sales' })).toEqual({ count: 2, amount: 25000 });
  });

  it('a period or a date range on each component’s date field, and the drill-down carries it', async () => {
    expect(await pipeline('admin', { period: 'this_month' })).toEqual({ count: 1, amount: 5000 });
    expect(await pipeline('admin', { date: { from: '2026-06-01', to: '2026-06-30' } })).toEqual({ count: 9, amount: 180000 });
    expect(await pipeline('admin', { date: { from: '2026-07-01', to: '2026-07-31' } })).toEqual({ count: 0, amount: null });
    const view = await run('admin', 'sales_manager', { period: 'this_month', department: 'dept_a' });
    for (const c of view.components)
      expect((c as ReportComponentView).filter, c.id).toEqual({
        all: [{ field: 'close_date', op: 'during', value: 'this_month' }, expect.objectContaining({ field: 'owner', op: 'in' })],
      });
    const group = part(view, 'pipeline').result!.groups[0];
    expect(JSON.stringify(group.drill)).toContain('"during"');
    expect(JSON.stringify(group.drill)).toContain(org.users.rep_a1.id);
  });

  it('the date filter default applies until the viewer clears it', async () => {
    const view = await run('admin', 'executive');
    expect(view.filters.date).toBe('this_year');
    expect(part(view, 'by_month').dateField).toBe('close_date');
    const cleared = await run('admin', 'executive', { date: null });
    expect(cleared.filters.date).toBeNull();
    expect(part(cleared, 'by_month').result!.totals.revenue).toBe(90000);
  });

  it('refuses a filter the dashboard does not offer, an unknown period and an unknown department', async () => {
    const errs = await Promise.all(
      [run('admin', 'sales_rep', { owner: '$me' }), run('admin', 'sales_manager', { period: 'someday' }), run('admin', 'sales_manager', { department: 'mars' })].map((p) =>
        p.catch((e) => e),
      ),
    );
    expect(errs.map((e) => [e.code, e.details[0].code, e.details[0].pointer])).toEqual([
      ['BAD_REQUEST', 'dashboard.filterNotOffered', '/owner'],
      ['BAD_REQUEST', 'dashboard.badPeriod', '/date'],
      ['BAD_REQUEST', 'dashboard.unknownDepartment', '/department'],
    ]);
  });
});

describe('one failing component keeps its error to itself', () => {
  it('a report the viewer may not see shows its error; the others still show their figures', async () => {
    const admin = await org.ctx('admin');
    // A private report of the admin's, then a public dashboard using it next to a stock one.
    await saveReport(admin, {
      object: 'opportunity',
      name: 'admins_only',
      label: { en: 'Admins only', zh: '仅管理员' },
      visibility: 'private',
      format: 'summary',
      aggregates: [{ fn: 'count' }],
    });
    await saveDashboard(await org.ctx('admin'), {
      object: 'workspace',
      name: 'mixed',
      label: { en: 'Mixed', zh: '混合' },
      visibility: 'public',
      components: [
        { id: 'secret', report: 'admins_only' },
        { id: 'pipeline', report: 'pipeline_by_stage' },
        { id: 'approvals', type: 'approvals' },
      ],
    });
    const view = await run('rep_a1', 'mixed');
    expect(part(view, 'secret').error).toMatchObject({ code: 'NOT_FOUND' });
    expect(part(view, 'secret').result).toBeUndefined();
    expect(part(view, 'pipeline').result!.totals).toEqual({ count: 2, amount: 25000 });
    expect(view.components.find((c) => c.id === 'approvals')).toMatchObject({ type: 'approvals', title: 'My pending approvals', approvals: { items: [], total: 0 } });
    expect(part(await run('admin', 'mixed'), 'secret').error).toBeUndefined();
  });
});

describe('REST', () => {
  it('GET /api/v1/dashboards lists what the caller may open and their home', async () => {
    const res = await org.api('rep_a1').get('/api/v1/dashboards');
    expect(res.status).toBe(200);
    expect(res.body.home).toBe('sales_rep');
    expect(res.body.dashboards.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['executive', 'sales_manager', 'sales_rep']));
    expect(res.body.dashboards.find((d: { name: string }) => d.name === 'sales_rep')).toEqual({
      name: 'sales_rep',
      label: { en: 'Sales rep', zh: '销售代表' },
      description: expect.objectContaining({ en: expect.any(String) }),
      folder: { en: 'Sales', zh: '销售' },
      visibility: 'public',
      canEdit: false,
      components: 4,
    });
  });

  it('GET /api/v1/dashboards/{name} runs it with query filters, in the caller’s language', async () => {
    const res = await org.api('manager_a').get('/api/v1/dashboards/sales_manager?owner=$me&period=this_month', { lang: 'zh-CN' });
    expect(res.status).toBe(200);
    expect(res.body.label).toBe('销售经理');
    expect(res.body.filters).toEqual({ date: 'this_month', owner: '$me', department: null, role: null });
    expect(res.body.components[0]).toMatchObject({ id: 'pipeline', type: 'report', report: 'pipeline_by_stage', title: '各阶段商机', result: { totals: { count: 0 } } });
  });

  it('answers 404 for an unknown dashboard, 400 for an unknown parameter or a bad date, 405 for a write', async () => {
    const api = org.api('rep_a1');
    expectError(await api.get('/api/v1/dashboards/nowhere'), 404, 'NOT_FOUND');
    expectError(await api.get('/api/v1/dashboards/sales_manager?colour=red'), 400, 'BAD_REQUEST');
    expectError(await api.get('/api/v1/dashboards/sales_manager?from=2026-13-45'), 400, 'BAD_REQUEST');
    expectError(await api.post('/api/v1/dashboards/sales_manager', {}), 405, 'METHOD_NOT_ALLOWED');
  });
});

describe('OpenAPI', () => {
  it('describes the dashboard and subscription endpoints with their answers', async () => {
    const doc = (await org.api('rep_a1').get('/api/v1/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/dashboards', '/api/v1/dashboards/{name}', '/api/v1/subscriptions', '/api/v1/subscriptions/{id}']));
    expect(doc.paths['/api/v1/dashboards/{name}'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['name', 'period', 'from', 'to', 'owner', 'department', 'role']);
    expect(doc.components.schemas.DashboardRun.required).toContain('components');
  });
});

describe('a second view within a minute', () => {
  it('comes from the engine’s cache, per viewer, and a write shows at once', async () => {
    const first = part(await run('rep_b1', 'sales_manager'), 'pipeline').result!;
    const again = part(await run('rep_b1', 'sales_manager'), 'pipeline').result!;
    expect(again.computedAt).toBe(first.computedAt);
    // Another viewer's figures are their own, not the cached ones.
    expect(part(await run('manager_b', 'sales_manager'), 'pipeline').result!.totals).toEqual({ count: 2, amount: 40000 });
    await createRecord(await org.ctx('rep_b1'), 'opportunity', { name: 'New for B', stage: 'discovery', close_date: '2026-06-30', amount: 1000 });
    expect(part(await run('rep_b1', 'sales_manager'), 'pipeline').result!.totals).toEqual({ count: 2, amount: 21000 });
  });
});
