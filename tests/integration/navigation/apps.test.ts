/**
 * Apps and menus (metadata kind `app`): the stock Sales app's menu in the order a sales team
 * works, trimmed to what the user may read; cross-checks with pointers; saved and removed over
 * REST metadata; shipped by the dealership template (installed, exported canonically); the
 * app switcher's choice remembered per user.
 */
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getPool } from '../../../platform/db/pool';
import type { ChangeActor } from '../../../platform/metadata/changes';
import * as designer from '../../../platform/metadata/designer';
import { chooseApp, effectiveApp, navigationFor, type MenuEntry } from '../../../platform/navigation/apps';
import { exportPackage, installPackage, readPackageDir } from '../../../platform/packages/packages';
import { expectError } from '../api/api';
import { createSecOrg, type SecOrg } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
const actor = (): ChangeActor => ({ pool: getPool(org.tw.url), workspace: org.tw.workspace, userId: org.tw.admin.id });
const keys = (menu: MenuEntry[]): string[] =>
  menu.flatMap((e) =>
    e.type === 'object' ? [e.object] : e.type === 'page' ? [`page:${e.page}`] : e.type === 'group' ? [`group:${e.label.en}`, ...keys(e.items)] : [`url:${e.url}`],
  );

beforeAll(async () => {
  org = await createSecOrg('apps');
});

describe('the stock Sales app', () => {
  it('lists home, leads, accounts, contacts, opportunities, quotes, contracts, activities, reports, dashboards, approvals, then all objects', async () => {
    const app = await effectiveApp(await org.ctx('rep_a1'));
    expect(app.name).toBe('sales');
    expect(keys(app.menu)).toEqual([
      'page:home',
      'lead',
      'account',
      'contact',
      'opportunity',
      'quote',
      'contract',
      'activity',
      'page:reports',
      'page:dashboards',
      'page:approvals',
      'page:objects',
    ]);
    expect(app.menu[1]).toMatchObject({ label: { en: 'Leads', zh: '线索' }, icon: 'UserAddOutlined' });
  });

  it('leaves out the objects the user may not read', async () => {
    expect(keys((await effectiveApp(await org.ctx('reader'))).menu)).toEqual(['page:home', 'account', 'page:reports', 'page:dashboards', 'page:approvals', 'page:objects']);
    expect(keys((await effectiveApp(await org.ctx('noperm'))).menu)).toEqual(['page:home', 'page:reports', 'page:dashboards', 'page:approvals', 'page:objects']);
  });
});

describe('cross-checks', () => {
  it('an unknown object and a duplicate item are each reported with its pointer', async () => {
    const bad = {
      object: 'workspace',
      name: 'broken',
      label: { en: 'Broken', zh: '有误' },
      items: [
        { type: 'object', object: 'lead' },
        { type: 'object', object: 'spaceship' },
        { type: 'group', label: { en: 'Again', zh: '重复' }, items: [{ type: 'object', object: 'lead' }] },
      ],
    };
    const err = await designer.saveItem(actor(), 'app', bad as never).then(
      () => null,
      (e) => e,
    );
    expect(err?.code).toBe('METADATA_INVALID');
    expect(err.details.map((d: { pointer: string; code: string }) => [d.pointer, d.code])).toEqual([
      ['/items/1/object', 'app.object'],
      ['/items/2/items/0', 'app.duplicate'],
    ]);
  });

  it('the schema refuses an item of no known type and a link to another scheme', async () => {
    const res = await org.api('admin').put('/api/v1/metadata/apps/workspace/odd', {
      object: 'workspace',
      name: 'odd',
      label: { en: 'Odd', zh: '奇怪' },
      items: [{ type: 'url', url: 'javascript:alert(1)', label: { en: 'x', zh: 'x' } }],
    });
    expectError(res, 422, 'METADATA_INVALID');
  });
});

describe('over REST metadata, and the app switcher', () => {
  const field = {
    object: 'workspace',
    name: 'field_team',
    label: { en: 'Field team', zh: '外勤' },
    order: 5,
    items: [
      { type: 'object', object: 'activity' },
      { type: 'object', object: 'account' },
      { type: 'url', url: '/approvals', label: { en: 'Inbox', zh: '收件箱' } },
    ],
  };

  it('is saved, switched to (remembered per user), and deleted', async () => {
    expect((await org.api('admin').put('/api/v1/metadata/apps/workspace/field_team', field)).status).toBe(200);
    expect((await org.api('rep_a1').put('/api/v1/metadata/apps/workspace/field_team', field)).status).toBe(403);
    const rep = await org.ctx('rep_a1');
    const nav = await navigationFor(rep);
    expect(nav.apps.map((a) => a.name)).toEqual(['field_team', 'sales']);
    // The default stays the app of users who chose none, whatever the switcher's order.
    expect(nav.current.name).toBe('sales');
    expect((await chooseApp(rep, 'field_team')).current.name).toBe('field_team');
    expect(keys((await effectiveApp(await org.ctx('rep_a1'))).menu)).toEqual(['activity', 'account', 'url:/approvals']);
    expect((await effectiveApp(await org.ctx('rep_a2'))).name).toBe('sales');
    await expect(chooseApp(rep, 'nothing_here')).rejects.toMatchObject({ code: 'NOT_FOUND', details: [{ pointer: '/app', code: 'app.unknown' }] });
    expect((await org.api('admin').del('/api/v1/metadata/apps/workspace/field_team')).status).toBe(200);
    // The chosen app is gone: back to the default.
    expect((await effectiveApp(await org.ctx('rep_a1'))).name).toBe('sales');
  });

  it('an app for holders of a right is not offered to others', async () => {
    await designer.saveItem(actor(), 'app', { ...field, name: 'admin_tools', visibleTo: { right: 'customizeMetadata' } } as never);
    expect((await navigationFor(await org.ctx('admin'))).apps.map((a) => a.name)).toContain('admin_tools');
    expect((await navigationFor(await org.ctx('rep_a1'))).apps.map((a) => a.name)).not.toContain('admin_tools');
    await expect(chooseApp(await org.ctx('rep_a1'), 'admin_tools')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await designer.removeItem(actor(), 'app', 'workspace', 'admin_tools');
  });
});

describe('the dealership template ships its own app', () => {
  it('installs the Showroom app for those who may read vehicles, and exports it canonically', async () => {
    const pool = getPool(org.tw.url);
    await installPackage(actor(), readPackageDir(path.resolve('seeds/templates/dealership_4s')));
    const nav = await navigationFor(await org.ctx('admin'));
    expect(nav.apps.map((a) => a.name)).toEqual(['sales', 'showroom']);
    const admin = await org.ctx('admin');
    await chooseApp(admin, 'showroom');
    expect(keys((await effectiveApp(await org.ctx('admin'))).menu).slice(0, 6)).toEqual(['page:home', 'lead', 'test_drive', 'opportunity', 'vehicle_order', 'vehicle']);
    // Reps were given no right on vehicles: no Showroom app for them.
    expect((await navigationFor(await org.ctx('rep_a1'))).apps.map((a) => a.name)).toEqual(['sales']);
    const files = await exportPackage(pool, org.tw.workspace.id, { name: 'x', version: '1.0.0', label: { en: 'X', zh: 'X' } });
    expect(Object.keys(files)).toContain('apps/workspace.showroom.json');
  });
});
