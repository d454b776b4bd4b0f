/**
 * Packages: the dealership template installs into a fresh workspace and gives a usable CRM;
 * install is idempotent; export → install into an empty workspace → export gives identical files;
 * an upgrade applies only the difference and keeps the client's deltas; uninstall archives.
 */
import { asPicklist } from '../../fieldShapes';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/core/errors';
import { createRecord, listRecords } from '../../../platform/data';
import { getPool } from '../../../platform/db/pool';
import type { ChangeActor } from '../../../platform/metadata/changes';
import * as designer from '../../../platform/metadata/designer';
import { itemKey } from '../../../platform/metadata/layers';
import { getMetadata } from '../../../platform/metadata/registry';
import { exportPackage, installPackage, packageFromFiles, readPackageDir, uninstallPackage, type PackageContent } from '../../../platform/packages/packages';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';

const TEMPLATE = path.resolve('seeds/templates/dealership_4s');
const label = { en: 'Dealership (client)', zh: '经销商（客户）' };
let a: TestWorkspace;
let actorA: ChangeActor;

const actorOf = (tw: TestWorkspace): ChangeActor => ({ pool: getPool(tw.url), workspace: tw.workspace, userId: tw.admin.id });
const meta = (tw: TestWorkspace) => getMetadata(tw.workspace, getPool(tw.url));

beforeAll(async () => {
  a = await createTestWorkspace('pkg');
  actorA = actorOf(a);
});

describe('the car dealership template', () => {
  it('installs into a fresh workspace as a usable dealership CRM, with its seed vehicles', async () => {
    const res = await installPackage(actorA, readPackageDir(TEMPLATE));
    expect(res.action).toBe('installed');
    expect(res.records).toBe(8);
    const m = await meta(a);
    for (const o of ['vehicle', 'test_drive', 'vehicle_order']) expect(m.objects.has(o)).toBe(true);
    expect(m.objects.get('account')!.fieldMap.has('preferred_brand')).toBe(true);
    expect(m.objects.get('opportunity')!.fieldMap.has('trade_in')).toBe(true);
    const ctx = await a.ctx();
    const inStock = await listRecords(ctx, 'vehicle', { filter: { field: 'stock_status', op: 'eq', value: 'in_stock' } });
    expect(inStock.records.length).toBeGreaterThan(0);
    const acc = await createRecord(ctx, 'account', { name: '张先生', preferred_brand: asPicklist(m.objects.get('account')!.fieldMap.get('preferred_brand')).options[0].value });
    const order = await createRecord(ctx, 'vehicle_order', { name: 'Order for 张先生', account: acc.id, vehicle: inStock.records[0].id, amount: 215000 });
    expect(String(order.number)).toMatch(/^VO-\d{4}-0001$/);
    expect(m.layouts.get('account')![0].sections.some((s) => s.fields.includes('preferred_brand'))).toBe(true);
  });

  it('installing the same version again changes nothing', async () => {
    const res = await installPackage(actorA, readPackageDir(TEMPLATE));
    expect(res).toMatchObject({ action: 'unchanged', revision: null, records: 0 });
  });

  it('refuses a broken package listing every problem by file and pointer, installing nothing', async () => {
    const files = {
      'manifest.json': JSON.stringify({ name: 'broken', version: '1.0', label: { en: 'Broken', zh: '坏' } }),
      'objects/thing.json': JSON.stringify({
        name: 'thing',
        label: { en: 'Thing', zh: '东西' },
        pluralLabel: { en: 'Things', zh: '东西' },
        fields: [{ name: 'name', type: 'text', label: { en: 'Name' } }],
      }),
      'views/thing.all.json': JSON.stringify({ object: 'thing', name: 'all', label: { en: 'All', zh: '全部' }, columns: ['name', 'nope'] }),
    };
    let err: AppError | undefined;
    try {
      packageFromFiles(files);
    } catch (e) {
      err = e as AppError;
    }
    expect(err?.details.map((d) => `${d.file}#${d.pointer}`)).toEqual(['manifest.json#/version', 'objects/thing.json#/fields/0/label']);
    const ok = {
      ...files,
      'manifest.json': JSON.stringify({ name: 'broken', version: '1.0.0', label: { en: 'Broken', zh: '坏' } }),
      'objects/thing.json': files['objects/thing.json'].replace('{"en":"Name"}', '{"en":"Name","zh":"名称"}'),
    };
    const install = installPackage(actorA, packageFromFiles(ok));
    await expect(install).rejects.toMatchObject({ code: 'METADATA_INVALID', details: [expect.objectContaining({ file: 'views/thing.all.json', pointer: '/columns/1' })] });
    expect((await meta(a)).objects.has('thing')).toBe(false);
  });
});

describe('an extension of an object that does not exist', () => {
  it('is refused, naming the extension file', async () => {
    const pkg = packageFromFiles({
      'manifest.json': JSON.stringify({ name: 'ghost', version: '1.0.0', label: { en: 'Ghost', zh: '幽灵' } }),
      'extensions/ghost.json': JSON.stringify({ object: 'ghost', fields: [{ name: 'x', type: 'text', label: { en: 'X', zh: 'X' } }] }),
    });
    await expect(installPackage(actorA, pkg)).rejects.toMatchObject({
      code: 'METADATA_INVALID',
      details: [expect.objectContaining({ file: 'extensions/ghost.json', pointer: '/object' })],
    });
  });
});

describe('export and install round trip', () => {
  it('export → install into an empty workspace → export again gives identical files', async () => {
    await designer.saveField(actorA, 'vehicle', { name: 'warranty_years', type: 'integer', label: { en: 'Warranty (years)', zh: '质保年限' } }, 'create');
    await designer.saveField(actorA, 'account', { ...(await meta(a)).objects.get('account')!.fieldMap.get('phone')!, label: { en: 'Main phone', zh: '主电话' } }, 'update');
    const opts = { name: 'dealer_client', version: '1.0.0', label };
    const first = await exportPackage(getPool(a.url), a.workspace.id, opts);
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['manifest.json', 'objects/vehicle.json', 'extensions/account.json', 'layouts/account.default.json']));
    expect(JSON.parse(first['extensions/account.json']).fieldChanges).toEqual({ phone: { label: { en: 'Main phone', zh: '主电话' } } });

    const b = await createTestWorkspace('pkgb');
    const res = await installPackage(actorOf(b), packageFromFiles(first));
    expect(res.action).toBe('installed');
    const second = await exportPackage(getPool(b.url), b.workspace.id, opts);
    expect(second).toEqual(first);
  });
});

describe('upgrade and uninstall', () => {
  let c: TestWorkspace;
  let v1: PackageContent;
  const bump = (pkg: PackageContent, version: string, edit: (entries: PackageContent['entries']) => void): PackageContent => {
    const next = structuredClone(pkg);
    next.manifest.version = version;
    edit(next.entries);
    return next;
  };

  beforeAll(async () => {
    c = await createTestWorkspace('pkgc');
    v1 = readPackageDir(TEMPLATE);
    await installPackage(actorOf(c), v1);
  });

  it('an upgrade applies only the difference and keeps the client’s delta; a real conflict is reported', async () => {
    const colour = (await meta(c)).objects.get('vehicle')!.fieldMap.get('colour')!;
    await designer.saveField(actorOf(c), 'vehicle', { ...colour, label: { en: 'Paint', zh: '车漆' } }, 'update');
    const v2 = bump(v1, '1.1.0', (entries) => {
      entries.push({ key: itemKey.field('vehicle', 'engine_no'), mode: 'set', value: { name: 'engine_no', type: 'text', label: { en: 'Engine number', zh: '发动机号' } } });
      const c2 = entries.find((e) => e.key === 'field:vehicle.colour')!;
      (c2.value as { helpText?: unknown }).helpText = { en: 'Exterior colour', zh: '外观颜色' };
    });
    const up = await installPackage(actorOf(c), v2);
    expect(up.action).toBe('upgraded');
    expect(up.conflicts).toEqual([]);
    let vehicle = (await meta(c)).objects.get('vehicle')!;
    expect(vehicle.fieldMap.get('colour')!.label.en).toBe('Paint');
    expect(vehicle.fieldMap.get('colour')!.helpText?.en).toBe('Exterior colour');
    expect(vehicle.fieldMap.has('engine_no')).toBe(true);

    const v3 = bump(v2, '1.2.0', (entries) => {
      (entries.find((e) => e.key === 'field:vehicle.colour')!.value as { label: unknown }).label = { en: 'Body colour', zh: '外观颜色' };
    });
    const conflicted = await installPackage(actorOf(c), v3);
    expect(conflicted.conflicts.map((x) => [x.key, x.path.join('.'), x.now, x.mine])).toEqual([
      ['field:vehicle.colour', 'label.en', 'Body colour', 'Paint'],
      ['field:vehicle.colour', 'label.zh', '外观颜色', '车漆'],
    ]);
    vehicle = (await meta(c)).objects.get('vehicle')!;
    expect(vehicle.fieldMap.get('colour')!.label.en).toBe('Paint');
    await expect(installPackage(actorOf(c), v1)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/older than the installed 1.2.0/) });
  });

  it('uninstall archives what the package added (data kept); installing again brings it back', async () => {
    const before = await listRecords(await c.ctx(), 'vehicle', {});
    await uninstallPackage(actorOf(c), 'dealership_4s');
    const m = await meta(c);
    expect(m.objects.has('vehicle')).toBe(false);
    expect(m.archivedObjects!.has('vehicle')).toBe(true);
    expect(m.objects.get('account')!.fieldMap.has('preferred_brand')).toBe(false);
    expect(m.objects.get('account')!.archivedFields!.some((f) => f.name === 'preferred_brand')).toBe(true);
    const table = await getPool(c.url).query('SELECT count(*)::int AS n FROM ' + `"${c.workspace.schema}"."vehicle"`);
    expect(table.rows[0].n).toBe(before.records.length);

    const again = await installPackage(actorOf(c), readPackageDir(TEMPLATE));
    expect(again.action).toBe('reinstalled');
    expect(again.records).toBe(0);
    expect((await listRecords(await c.ctx(), 'vehicle', {})).records.length).toBe(before.records.length);
  });
});

describe('a new workspace from a template', () => {
  it('refuses bad input naming every field at fault, and creates nothing', async () => {
    const { createWorkspaceFromTemplate } = await import('../../../platform/packages/packages');
    const pool = getPool(a.url);
    const name = `tpl_bad_${Date.now().toString(36)}`;
    const err = await createWorkspaceFromTemplate(pool, { name, label: 'Bad', template: 'dealership_4s', adminEmail: 'not-an-email', adminName: ' ', adminPassword: 'short' }).then(
      () => null,
      (e: AppError) => e,
    );
    expect(err?.code).toBe('VALIDATION_FAILED');
    expect(err?.details.map((d) => d.field)).toEqual(['adminEmail', 'adminPassword', 'adminName']);
    expect((await pool.query('SELECT 1 FROM workspaces WHERE name = $1', [name])).rowCount).toBe(0);
  });

  it('creates a workspace with its own administrator and the template installed', async () => {
    const { createWorkspaceFromTemplate } = await import('../../../platform/packages/packages');
    const pool = getPool(a.url);
    const name = `tpl_${Date.now().toString(36)}`;
    process.env.DATABASE_URL ??= a.url; // the app's Prisma client reads it
    const { workspace, install } = await createWorkspaceFromTemplate(pool, {
      name,
      label: 'Dealer',
      template: 'dealership_4s',
      adminEmail: `boss@${name}.test`,
      adminName: 'Boss',
      adminPassword: 'Dealer#2026',
    });
    expect(install?.action).toBe('installed');
    expect((await getMetadata(workspace, pool)).objects.has('vehicle')).toBe(true);
    const admin = await pool.query('SELECT is_admin FROM users WHERE workspace_id = $1', [workspace.id]);
    expect(admin.rows).toEqual([{ is_admin: true }]);
  });
});
