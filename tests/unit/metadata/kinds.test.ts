/**
 * The kind registry: the stock kinds in folder order, each with its own schema file, and a module
 * graph that loads whichever module is imported first (kind modules and the model builder import
 * each other through the designer's commit path).
 */
// Imported first on purpose: logic.ts → kinds/process.ts → … → kinds/registry.ts once failed with "processKind before initialization".
import { buildLogic } from '../../../platform/metadata/logic';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMetadata } from '../../../platform/metadata/load';
import { documentKind, documentKinds, kindOfFolder, registerKind } from '../../../platform/metadata/kinds/registry';

const root = path.resolve(import.meta.dirname, '../../..');

describe('metadata kind registry', () => {
  it('lists the stock kinds in folder order, each with its schema file, folder and key', () => {
    expect(typeof buildLogic).toBe('function');
    expect(documentKinds().map((k) => [k.name, k.folder, k.schemaName])).toEqual([
      ['layout', 'layouts', 'layout'],
      ['view', 'views', 'listview'],
      ['rule', 'rules', 'rule'],
      ['process', 'processes', 'process'],
      ['approval', 'approvals', 'approval'],
      ['action', 'actions', 'action'],
      ['app', 'apps', 'app'],
      ['bucket', 'buckets', 'bucket'],
      ['report', 'reports', 'report'],
      ['dashboard', 'dashboards', 'dashboard'],
      ['queue', 'queues', 'queue'],
      ['assignment_rule', 'assignment', 'assignment_rule'],
      ['web_form', 'webforms', 'web_form'],
      ['conversion', 'conversions', 'conversion'],
    ]);
    for (const k of documentKinds()) {
      const file = JSON.parse(fs.readFileSync(path.join(root, `metadata/schema/${k.schemaName}.schema.json`), 'utf8'));
      expect(k.schema, k.name).toEqual(file);
      // Apps and dashboards hang on the workspace, whatever object a document names.
      expect(k.key({ object: 'account', name: 'x' }), k.name).toBe(`${k.name}:${['app', 'dashboard'].includes(k.name) ? 'workspace' : 'account'}.x`);
      expect(kindOfFolder(k.folder)).toBe(k);
      expect(documentKind(k.name)).toBe(k);
    }
    // Sales processes give the stage values that form rules compare: they build first.
    expect(documentKind('process')!.buildOrder).toBeLessThan(40);
    expect(loadMetadata(path.join(root, 'metadata')).documents?.get('process')?.get('opportunity')?.length).toBe(2);
  });

  it('refuses a second kind with a taken name, folder or schema, or a folder the core uses', () => {
    const view = documentKind('view')!;
    expect(() => registerKind({ ...view })).toThrow(/already registered/);
    expect(() => registerKind({ ...view, name: 'other', schemaName: 'other' })).toThrow(/already registered/);
    for (const folder of ['objects', 'extensions', 'data', 'revisions', 'conflicts']) {
      expect(() => registerKind({ ...view, name: 'other', schemaName: 'other', folder })).toThrow(/already registered/);
    }
    const unregister = registerKind({ ...view, name: 'other', schemaName: 'other', folder: 'others' });
    expect(kindOfFolder('others')?.name).toBe('other');
    unregister();
    expect(kindOfFolder('others')).toBeUndefined();
  });
});
