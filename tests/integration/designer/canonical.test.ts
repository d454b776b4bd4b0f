/**
 * Exports are canonical: export → install into a fresh workspace → export gives byte-identical
 * files, for customisations of every stock kind and for the dealership template, whatever order
 * the database hands the stored JSON back in.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '../../../platform/db/pool';
import { currentState, type ChangeActor } from '../../../platform/metadata/changes';
import { canonicalDocument } from '../../../platform/metadata/canonical';
import * as designer from '../../../platform/metadata/designer';
import { kindOfFolder } from '../../../platform/metadata/kinds/registry';
import { itemKey } from '../../../platform/metadata/layers';
import type { ApprovalFlowDefinition, LayoutDefinition, ListViewDefinition, SalesProcessDefinition, ValidationRuleDefinition } from '../../../platform/metadata/model';
import { getMetadata } from '../../../platform/metadata/registry';
import { exportPackage, installPackage, packageFromFiles, readPackageDir } from '../../../platform/packages/packages';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';

const TEMPLATE = path.resolve('seeds/templates/dealership_4s');
const opts = { name: 'client_setup', version: '1.0.0', label: { en: 'Client setup', zh: '客户配置' } };

const actorOf = (tw: TestWorkspace): ChangeActor => ({ pool: getPool(tw.url), workspace: tw.workspace, userId: tw.admin.id });
const exportOf = (tw: TestWorkspace) => exportPackage(getPool(tw.url), tw.workspace.id, opts);
async function effective<T>(tw: TestWorkspace, key: string): Promise<T> {
  return structuredClone((await currentState(getPool(tw.url), tw.workspace.id)).effective.items.get(key)) as T;
}
/** Same keys and values, properties in reverse order at every level: what a careless writer might store. */
function reversed<T>(v: T): T {
  if (Array.isArray(v)) return v.map(reversed) as T;
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reversed(x)]),
    ) as T;
  return v;
}

/** The schema a package file is written by: the manifest's, a core kind's, or a registered kind's. */
function schemaOf(file: string): string {
  const folder = file.split('/')[0];
  if (file === 'manifest.json') return 'manifest';
  if (folder === 'objects' || folder === 'extensions') return folder === 'objects' ? 'object' : 'extension';
  return kindOfFolder(folder)!.schemaName;
}
/** Every file is already canonical: its keys scrambled and written again, it comes out the same. */
function expectCanonical(files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    const kind = schemaOf(file);
    expect(canonicalDocument(kind, reversed(JSON.parse(text))), file).toBe(text);
  }
}

/** Install `files` into a fresh workspace and export that: must give the very same bytes. */
async function expectRoundTrip(files: Record<string, string>, prefix: string): Promise<void> {
  const fresh = await createTestWorkspace(prefix);
  expect((await installPackage(actorOf(fresh), packageFromFiles(files))).action).toBe('installed');
  const again = await exportOf(fresh);
  expect(Object.keys(again)).toEqual(Object.keys(files));
  for (const file of Object.keys(files)) expect(again[file], file).toBe(files[file]);
}

describe('a workspace with customisations of every stock kind', () => {
  let a: TestWorkspace;
  beforeAll(async () => {
    a = await createTestWorkspace('canon');
    const actor = actorOf(a);
    // A new object (objects/), and changes to a stock one (extensions/).
    await designer.createObject(actor, {
      name: 'gadget',
      label: { en: 'Gadget', zh: '小工具' },
      pluralLabel: { en: 'Gadgets', zh: '小工具' },
      sharing: { hierarchy: true, default: 'read' },
    });
    await designer.saveField(actor, 'gadget', reversed({ name: 'serial', type: 'text', label: { en: 'Serial', zh: '序列号' }, maxLength: 40, required: true }), 'create');
    await designer.updateObject(actor, 'account', reversed({ label: { en: 'Customer', zh: '客户' }, searchFields: ['website', 'phone'] }));
    await designer.saveField(
      actor,
      'account',
      {
        name: 'vip_level',
        type: 'picklist',
        label: { en: 'VIP level', zh: 'VIP 等级' },
        options: [
          { value: 'gold', label: { en: 'Gold', zh: '金卡' } },
          { value: 'silver', label: { en: 'Silver', zh: '银卡' } },
        ],
      },
      'create',
    );
    const phone = (await getMetadata(a.workspace, getPool(a.url))).objects.get('account')!.fieldMap.get('phone')!;
    await designer.saveField(actor, 'account', reversed({ ...phone, label: { en: 'Main phone', zh: '主电话' }, helpText: { en: 'Switchboard', zh: '总机' } }), 'update');
    // A stock layout with its sections swapped.
    const layout = await effective<LayoutDefinition>(a, itemKey.layout('opportunity', 'default'));
    await designer.saveLayout(actor, reversed({ ...layout, sections: [...layout.sections].reverse() as LayoutDefinition['sections'] }));
    // A stock view with a new sort, and a new view written with its keys backwards.
    const open = await effective<ListViewDefinition>(a, itemKey.view('opportunity', 'open'));
    await designer.saveView(
      actor,
      reversed({
        ...open,
        sort: [
          { field: 'close_date', dir: 'asc' },
          { field: 'amount', dir: 'desc' },
        ],
        pageSize: 50,
      }),
    );
    await designer.saveView(actor, {
      sort: [{ dir: 'desc', field: 'amount' }],
      columns: ['name', 'amount', 'stage'],
      filter: {
        any: [
          { value: 100000, op: 'gte', field: 'amount' },
          { op: 'is_empty', field: 'close_date' },
        ],
      },
      label: { zh: '大单', en: 'Big deals' },
      name: 'big',
      object: 'opportunity',
    } as ListViewDefinition);
    // A stock rule limited to updates (a set: written sorted), and a new rule.
    const rule = await effective<ValidationRuleDefinition>(a, itemKey.rule('opportunity', 'won_needs_amount'));
    await designer.saveRule(actor, reversed({ ...rule, on: ['update', 'create'] }), 'update');
    await designer.saveRule(
      actor,
      {
        message: { zh: '金额不能为负', en: 'The amount cannot be negative' },
        errorWhen: { all: [{ op: 'lt', field: 'amount', value: 0 }] },
        label: { zh: '金额非负', en: 'Amount not negative' },
        name: 'amount_positive',
        object: 'opportunity',
        field: 'amount',
      } as ValidationRuleDefinition,
      'create',
    );
    // A stock sales process with a changed probability.
    const process = await effective<SalesProcessDefinition>(a, itemKey.process('opportunity', 'product_sale'));
    process.stages[0].probability = 5;
    await designer.saveProcess(actor, reversed(process), 'update');
    // A stock approval flow; the order of its locked fields is the order the approval panel lists them in, so it stays.
    const flow = await effective<ApprovalFlowDefinition>(a, itemKey.approval('expense', 'by_amount'));
    await designer.saveApproval(actor, reversed({ ...flow, order: 20, afterApproval: { onEdit: 'lock', fields: ['opportunity', 'amount', 'date'] } }), 'update');
  });

  it('exports every kind, each file in the canonical form (keys in schema order, sets sorted)', async () => {
    const files = await exportOf(a);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'manifest.json',
        'objects/gadget.json',
        'extensions/account.json',
        'layouts/gadget.default.json',
        'layouts/opportunity.default.json',
        'views/gadget.all.json',
        'views/opportunity.open.json',
        'views/opportunity.big.json',
        'rules/opportunity.won_needs_amount.json',
        'rules/opportunity.amount_positive.json',
        'processes/opportunity.product_sale.json',
        'approvals/expense.by_amount.json',
      ]),
    );
    expect(Object.keys(JSON.parse(files['views/opportunity.big.json']))).toEqual(['object', 'name', 'label', 'columns', 'filter', 'sort']);
    expect(files['views/opportunity.big.json']).toContain('{\n        "field": "amount",\n        "op": "gte",\n        "value": 100000\n      }');
    expect(Object.keys(JSON.parse(files['objects/gadget.json']).sharing)).toEqual(['default', 'hierarchy']);
    expect(JSON.parse(files['rules/opportunity.won_needs_amount.json']).on).toEqual(['create', 'update']);
    expect(JSON.parse(files['approvals/expense.by_amount.json']).afterApproval).toEqual({ fields: ['opportunity', 'amount', 'date'], onEdit: 'lock' });
    const account = JSON.parse(files['extensions/account.json']);
    expect(Object.keys(account)).toEqual(['object', 'fields', 'changes', 'fieldChanges']);
    expect(account.changes.searchFields).toEqual(['phone', 'website']);
    expect(Object.keys(account.fieldChanges.phone)).toEqual(['helpText', 'label']);
    expectCanonical(files);
  });

  it('export → install into a fresh workspace → export gives byte-identical files', async () => {
    await expectRoundTrip(await exportOf(a), 'canonb');
  });
});

describe('the dealership template', () => {
  it('installed, exported, installed again and exported gives byte-identical files', async () => {
    const c = await createTestWorkspace('canonc');
    await installPackage(actorOf(c), readPackageDir(TEMPLATE));
    const first = await exportOf(c);
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['objects/vehicle.json', 'extensions/account.json', 'layouts/vehicle.default.json', 'views/vehicle.in_stock.json']));
    expectCanonical(first);
    await expectRoundTrip(first, 'canond');
  });
});
