/**
 * A metadata kind is one module: a tiny "gizmo" kind, defined here and registered with the test
 * hook, loads from a package folder, is cross-checked against the objects, layers (a workspace
 * change of a package's gizmo), exports canonically (byte-identical after install elsewhere),
 * installs, and is served by the REST metadata API and the designer tRPC router — without a line
 * of it outside this file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { designerRouter } from '../../../platform/api/trpc/designer';
import { AppError } from '../../../platform/core/errors';
import { getPool } from '../../../platform/db/pool';
import { currentState, type ChangeActor } from '../../../platform/metadata/changes';
import * as designer from '../../../platform/metadata/designer';
import { removeDocument, saveDocument } from '../../../platform/metadata/documents';
import { registerKind } from '../../../platform/metadata/kinds/registry';
import type { DocumentKind, KindDoc } from '../../../platform/metadata/kinds/types';
import { getMetadata } from '../../../platform/metadata/registry';
import { apiKeyPrincipal } from '../../../platform/security/apiKeys';
import { exportPackage, installPackage, packageFromFiles, readPackageDir, writePackageDir } from '../../../platform/packages/packages';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';
import { apiClient, expectError, type ApiClient } from '../api/api';

interface Gizmo {
  object: string;
  name: string;
  label: { en: string; zh: string };
  field: string;
  tags?: string[];
}

const gizmoSchema = {
  $id: 'https://tessera.dev/schema/gizmo.schema.json',
  type: 'object',
  required: ['object', 'name', 'label', 'field'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    object: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' },
    name: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' },
    label: { type: 'object', required: ['en', 'zh'], additionalProperties: false, properties: { en: { type: 'string' }, zh: { type: 'string' } } },
    field: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' }, 'x-unordered': true },
  },
};

/** The whole kind: folder, schema, key, cross-check, build and verbs. */
const gizmoKind: DocumentKind<Gizmo> = {
  name: 'gizmo',
  folder: 'gizmos',
  schemaName: 'gizmo',
  schema: gizmoSchema,
  label: { en: 'gizmo', zh: '小部件' },
  messages: {
    'gizmo.object': { en: 'Object "{object}" does not exist', zh: '对象"{object}"不存在' },
    'gizmo.field': { en: 'Field "{field}" is not a field of {object}', zh: '"{field}"不是{object}的字段' },
  },
  key: (g) => `gizmo:${g.object}.${g.name}`,
  buildOrder: 70,
  build(docs: KindDoc<Gizmo>[], { objects, isGone, err }) {
    const out = new Map<string, Gizmo[]>();
    for (const { file, def } of docs) {
      const obj = objects.get(def.object);
      if (!obj) {
        if (!isGone(def.object)) err(file, '/object', 'gizmo.object', { object: def.object });
        continue;
      }
      if (!obj.fieldMap.has(def.field)) err(file, '/field', 'gizmo.field', { field: def.field, object: def.object });
      out.set(def.object, [...(out.get(def.object) ?? []), def]);
    }
    return out;
  },
  verbs: {
    save: (actor, g, mode) => saveDocument(actor, gizmoKind.key(g), g, `Saved gizmo ${g.object}.${g.name}`, mode),
    remove: (actor, object, name) => removeDocument(actor, `gizmo:${object}.${name}`, `Deleted gizmo ${object}.${name}`, `Gizmo "${object}.${name}"`),
  },
};

const manifest = { name: 'gizmo_pack', version: '1.0.0', label: { en: 'Gizmos', zh: '小部件' }, requires: { tessera: '>=0.1.0', packages: {} } };
// Keys out of schema order and tags unsorted: the export must write them canonically.
const blue = { tags: ['west', 'east'], field: 'industry', label: { zh: '蓝色', en: 'Blue' }, name: 'blue', object: 'account' };
const files = { 'manifest.json': JSON.stringify(manifest), 'gizmos/account.blue.json': JSON.stringify(blue) };

const actorOf = (tw: TestWorkspace): ChangeActor => ({ pool: getPool(tw.url), workspace: tw.workspace, userId: tw.admin.id });
const gizmosOf = async (tw: TestWorkspace) => (await getMetadata(tw.workspace, getPool(tw.url))).documents?.get('gizmo')?.get('account') as Gizmo[] | undefined;
const errorOf = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected an error');
};

let unregister: () => void;
let api: ApiClient;
beforeAll(async () => {
  unregister = registerKind(gizmoKind);
  api = await apiClient('gizmo');
});
afterAll(() => unregister());

describe('a kind registered from one module', () => {
  it('is refused a second time, and may not take a core folder', () => {
    expect(() => registerKind(gizmoKind)).toThrow(/already registered/);
    expect(() => registerKind({ ...gizmoKind, name: 'widget', schemaName: 'widget', folder: 'objects' })).toThrow(/already registered/);
  });

  it('loads from a package folder, schema-checked with pointers', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-gizmo-'));
    writePackageDir(dir, files);
    const pkg = readPackageDir(dir);
    expect(pkg.entries).toContainEqual({ key: 'gizmo:account.blue', mode: 'set', value: blue });
    const bad = errorOf(() => packageFromFiles({ ...files, 'gizmos/account.odd.json': JSON.stringify({ ...blue, name: 'odd', colour: 'red' }) }));
    expect(bad.details).toEqual([expect.objectContaining({ file: 'gizmos/account.odd.json', pointer: '/', code: 'schema.additionalProperties' })]);
  });

  it('installs, builds into the model, and is cross-checked against the objects (every error, with its file and pointer)', async () => {
    const tw = await createTestWorkspace('gizmo_a');
    const broken = {
      ...files,
      'gizmos/account.bad.json': JSON.stringify({ ...blue, name: 'bad', field: 'no_such_field' }),
      'gizmos/nothing.x.json': JSON.stringify({ ...blue, object: 'nothing', name: 'x' }),
    };
    const refused = await installPackage(actorOf(tw), packageFromFiles(broken)).catch((e: AppError) => e);
    expect((refused as AppError).details?.map((d) => [d.file, d.pointer, d.code])).toEqual([
      ['gizmos/account.bad.json', '/field', 'gizmo.field'],
      ['gizmos/nothing.x.json', '/object', 'gizmo.object'],
    ]);
    expect((await installPackage(actorOf(tw), packageFromFiles(files))).action).toBe('installed');
    expect((await gizmosOf(tw))?.map((g) => g.name)).toEqual(['blue']);
  });

  it('layers: a workspace change of the package gizmo is a delta over it, and a conflict when the package changes the same thing', async () => {
    const tw = await createTestWorkspace('gizmo_b');
    await installPackage(actorOf(tw), packageFromFiles(files));
    await designer.saveItem(actorOf(tw), 'gizmo', { ...blue, label: { en: 'Navy', zh: '藏青' } } as Gizmo, 'update');
    expect((await gizmosOf(tw))?.[0].label.en).toBe('Navy');
    const state = await currentState(getPool(tw.url), tw.workspace.id);
    expect(state.deltas.find((d) => d.key === 'gizmo:account.blue')).toMatchObject({ added: false, patch: { label: { en: 'Navy', zh: '藏青' } } });
    const v2 = {
      ...files,
      'manifest.json': JSON.stringify({ ...manifest, version: '1.1.0' }),
      'gizmos/account.blue.json': JSON.stringify({ ...blue, label: { en: 'Sky', zh: '天蓝' } }),
    };
    const upgrade = await installPackage(actorOf(tw), packageFromFiles(v2));
    expect(upgrade.conflicts.map((c) => [c.key, c.path.join('.')])).toEqual(expect.arrayContaining([['gizmo:account.blue', 'label.en']]));
    expect((await gizmosOf(tw))?.[0].label.en).toBe('Navy');
  });

  it('exports canonically: keys in schema order, sets sorted, and byte-identical after install elsewhere', async () => {
    const tw = await createTestWorkspace('gizmo_c');
    await installPackage(actorOf(tw), packageFromFiles(files));
    const opts = { name: 'gizmo_export', version: '1.0.0', label: { en: 'Export', zh: '导出' } };
    const out = await exportPackage(getPool(tw.url), tw.workspace.id, opts);
    expect(out['gizmos/account.blue.json']).toBe(
      `${JSON.stringify({ object: 'account', name: 'blue', label: { en: 'Blue', zh: '蓝色' }, field: 'industry', tags: ['east', 'west'] }, null, 2)}\n`,
    );
    const fresh = await createTestWorkspace('gizmo_d');
    expect((await installPackage(actorOf(fresh), packageFromFiles(out))).action).toBe('installed');
    const again = await exportPackage(getPool(fresh.url), fresh.workspace.id, opts);
    expect(again).toEqual(out);
  });

  it('is served by the REST metadata API: listed with its object, saved, deleted', async () => {
    const green = { label: { en: 'Green', zh: '绿色' }, field: 'name' };
    expect((await api.put('/api/v1/metadata/gizmos/account/green', green)).status).toBe(200);
    const doc = await api.get('/api/v1/metadata/objects/account');
    expect(doc.status).toBe(200);
    expect(doc.body.gizmos).toEqual([{ object: 'account', name: 'green', ...green }]);
    const wrong = await api.put('/api/v1/metadata/gizmos/account/red', { ...green, field: 'no_such_field' });
    expect(expectError(wrong, 422, 'METADATA_INVALID').details.map((d: { pointer?: string }) => d.pointer)).toEqual(['/field']);
    expect((await api.del('/api/v1/metadata/gizmos/account/green')).status).toBe(200);
    expect((await api.get('/api/v1/metadata/objects/account')).body.gizmos).toEqual([]);
    expect((await api.del('/api/v1/metadata/gizmos/account/green')).status).toBe(404);
    const post = await api.post('/api/v1/metadata/gizmos/account/green');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('PUT, DELETE, OPTIONS');
  });

  it('is served by the designer tRPC router: listed among the kinds, saved, shown with its object, deleted', async () => {
    const principal = (await apiKeyPrincipal(getPool(api.tw.url), api.key))!;
    const caller = designerRouter.createCaller({ principal, locale: 'en' });
    expect((await caller.kinds()).find((k) => k.name === 'gizmo')).toEqual({ name: 'gizmo', folder: 'gizmos', label: { en: 'gizmo', zh: '小部件' }, removable: true });
    const teal = { object: 'account', name: 'teal', label: { en: 'Teal', zh: '蓝绿' }, field: 'name' };
    await caller.saveItem({ kind: 'gizmo', doc: teal, mode: 'create' });
    expect((await caller.object({ name: 'account' }))!.documents.gizmos).toEqual([expect.objectContaining({ ...teal, source: 'workspace', customized: false })]);
    await expect(caller.saveItem({ kind: 'gizmo', doc: teal, mode: 'create' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await caller.deleteItem({ kind: 'gizmo', object: 'account', name: 'teal' });
    expect((await caller.object({ name: 'account' }))!.documents.gizmos).toEqual([]);
    await expect(caller.deleteItem({ kind: 'nothing', object: 'account', name: 'teal' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'There is no kind of metadata named "nothing"',
    });
    const zh = designerRouter.createCaller({ principal, locale: 'zh-CN' });
    await expect(zh.saveItem({ kind: 'nothing', doc: teal })).rejects.toMatchObject({ code: 'NOT_FOUND', message: '不存在名为"nothing"的元数据类型' });
    await expect(zh.deleteItem({ kind: 'layout', object: 'account', name: 'default' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '布局不能删除，只能替换' });
  });
});
