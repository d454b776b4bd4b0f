/**
 * Designer changes on tables that hold data: every kind of field change, the refusals with their
 * messages, archive/restore/purge, and that a change is live at once for every user.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/core/errors';
import { createRecord, getRecord, listRecords, updateRecord } from '../../../platform/data';
import { getPool } from '../../../platform/db/pool';
import type { FieldDef } from '../../../platform/fields/types';
import type { ChangeActor } from '../../../platform/metadata/changes';
import * as designer from '../../../platform/metadata/designer';
import { getMetadata } from '../../../platform/metadata/registry';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';

let tw: TestWorkspace;
let actor: ChangeActor;

async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the change to be refused');
}

async function columnType(table: string, column: string): Promise<string | undefined> {
  const r = await getPool(tw.url).query<{ t: string }>(
    `SELECT format_type(a.atttypid, a.atttypmod) AS t FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND a.attname = $3 AND NOT a.attisdropped`,
    [tw.workspace.schema, table, column],
  );
  return r.rows[0]?.t;
}

const grade: FieldDef = {
  name: 'customer_grade',
  type: 'picklist',
  label: { en: 'Customer grade', zh: '客户等级' },
  options: [
    { value: 'a', label: { en: 'A', zh: 'A' } },
    { value: 'b', label: { en: 'B', zh: 'B' } },
    { value: 'c', label: { en: 'C', zh: 'C' } },
  ],
};

beforeAll(async () => {
  tw = await createTestWorkspace('des');
  actor = { pool: getPool(tw.url), workspace: tw.workspace, userId: tw.admin.id };
});

describe('adding a field', () => {
  it('is live at once: a column, validation, lists and filters', async () => {
    const acc = await createRecord(await tw.ctx(), 'account', { name: 'Before the field' });
    const res = await designer.saveField(actor, 'account', grade, 'create');
    expect(res.revision).toBeGreaterThan(0);
    expect(await columnType('account', 'customer_grade')).toBe('text');
    const ctx = await tw.ctx();
    expect(ctx.meta.objects.get('account')!.fieldMap.has('customer_grade')).toBe(true);
    const updated = await updateRecord(ctx, 'account', acc.id as string, { customer_grade: 'b' });
    expect(updated.customer_grade).toBe('b');
    const err = await refused(updateRecord(ctx, 'account', acc.id as string, { customer_grade: 'z' }));
    expect(err.details[0].field).toBe('customer_grade');
    const list = await listRecords(ctx, 'account', { filter: { field: 'customer_grade', op: 'eq', value: 'b' } });
    expect(list.records.map((r) => r.id)).toEqual([acc.id]);
  });

  it('refuses a second field with the same API name, and an invalid definition names the pointer', async () => {
    const dup = await refused(designer.saveField(actor, 'account', grade, 'create'));
    expect(dup.code).toBe('CONFLICT');
    const bad = await refused(designer.saveField(actor, 'account', { name: 'Bad Name', type: 'text', label: { en: 'x', zh: 'x' } }, 'create'));
    expect(bad.code).toBe('METADATA_INVALID');
    expect(bad.details.some((d) => d.pointer?.includes('/name'))).toBe(true);
  });
});

describe('changing a field type', () => {
  it('converts along safe paths and keeps every value', async () => {
    await designer.saveField(actor, 'account', { name: 'code', type: 'text', label: { en: 'Code', zh: '代码' } }, 'create');
    await designer.saveField(actor, 'account', { name: 'seats', type: 'integer', label: { en: 'Seats', zh: '座位' } }, 'create');
    const ctx = await tw.ctx();
    const r = await createRecord(ctx, 'account', { name: 'Conversions', code: 'X-1', seats: 42, customer_grade: 'c' });
    await designer.saveField(actor, 'account', { name: 'code', type: 'long_text', label: { en: 'Code', zh: '代码' } }, 'update');
    await designer.saveField(actor, 'account', { name: 'seats', type: 'decimal', label: { en: 'Seats', zh: '座位' }, precision: 18, scale: 2 }, 'update');
    await designer.saveField(actor, 'account', { ...grade, type: 'multi_picklist' }, 'update');
    expect(await columnType('account', 'seats')).toBe('numeric(18,2)');
    expect(await columnType('account', 'customer_grade')).toBe('text[]');
    const after = await getRecord(await tw.ctx(), 'account', r.id as string);
    expect(after.code).toBe('X-1');
    expect(Number(after.seats)).toBe(42);
    expect(after.customer_grade).toEqual(['c']);
  });

  it('refuses a conversion that could lose data, saying why and what is allowed', async () => {
    const err = await refused(designer.saveField(actor, 'account', { name: 'code', type: 'integer', label: { en: 'Code', zh: '代码' } }, 'update'));
    expect(err.code).toBe('METADATA_INVALID');
    expect(err.details[0].message).toMatch(/cannot change from Long text to Integer: existing values could be lost/);
    expect(err.details[0].field).toBe('code');
    const prec = await refused(designer.saveField(actor, 'account', { name: 'seats', type: 'decimal', label: { en: 'Seats', zh: '座位' }, precision: 18, scale: 0 }, 'update'));
    expect(prec.details[0].message).toMatch(/cannot lose precision or scale/);
  });
});

describe('picklist values', () => {
  it('a value in use can be deactivated, not deleted; an unused one can be deleted', async () => {
    await designer.saveField(
      actor,
      'account',
      {
        name: 'tier',
        type: 'picklist',
        label: { en: 'Tier', zh: '层级' },
        options: [
          { value: 'gold', label: { en: 'Gold', zh: '金' } },
          { value: 'silver', label: { en: 'Silver', zh: '银' } },
          { value: 'bronze', label: { en: 'Bronze', zh: '铜' } },
        ],
      },
      'create',
    );
    const ctx = await tw.ctx();
    const r = await createRecord(ctx, 'account', { name: 'Tiered', tier: 'gold' });
    const del = await refused(
      designer.saveField(
        actor,
        'account',
        { name: 'tier', type: 'picklist', label: { en: 'Tier', zh: '层级' }, options: [{ value: 'silver', label: { en: 'Silver', zh: '银' } }] },
        'update',
      ),
    );
    expect(del.details.map((d) => d.message)).toEqual([expect.stringMatching(/Value "gold" of "Tier" \(account.tier\) is used by 1 record\(s\): deactivate it/)]);
    // Reorder, deactivate gold, delete bronze (unused).
    await designer.saveField(
      actor,
      'account',
      {
        name: 'tier',
        type: 'picklist',
        label: { en: 'Tier', zh: '层级' },
        options: [
          { value: 'silver', label: { en: 'Silver', zh: '银' } },
          { value: 'gold', label: { en: 'Gold', zh: '金' }, active: false },
        ],
      },
      'update',
    );
    const after = await getRecord(await tw.ctx(), 'account', r.id as string);
    expect(after.tier).toBe('gold');
    const err = await refused(createRecord(await tw.ctx(), 'account', { name: 'New gold', tier: 'gold' }));
    expect(err.details[0].field).toBe('tier');
  });
});

describe('archive, restore and purge', () => {
  it('archiving hides the field everywhere and keeps its data; restoring brings it back', async () => {
    await designer.saveField(actor, 'account', { name: 'legacy_code', type: 'text', label: { en: 'Legacy code', zh: '旧代码' } }, 'create');
    const r = await createRecord(await tw.ctx(), 'account', { name: 'Has legacy', legacy_code: 'L-77' });
    await designer.archiveField(actor, 'account', 'legacy_code');
    const ctx = await tw.ctx();
    expect(ctx.meta.objects.get('account')!.fieldMap.has('legacy_code')).toBe(false);
    expect(await getRecord(ctx, 'account', r.id as string)).not.toHaveProperty('legacy_code');
    const write = await refused(updateRecord(ctx, 'account', r.id as string, { legacy_code: 'x' }));
    expect(write.details[0].field).toBe('legacy_code');
    expect(await columnType('account', 'legacy_code')).toBe('text');
    await designer.restoreField(actor, 'account', 'legacy_code');
    expect((await getRecord(await tw.ctx(), 'account', r.id as string)).legacy_code).toBe('L-77');
  });

  it('removing a field without archiving is refused; purge needs archive first and drops the column', async () => {
    const notArchived = await refused(designer.purge(actor, 'account', 'legacy_code'));
    expect(notArchived.message).toMatch(/must be archived before it is purged/);
    await designer.archiveField(actor, 'account', 'legacy_code');
    await designer.purge(actor, 'account', 'legacy_code');
    expect(await columnType('account', 'legacy_code')).toBeUndefined();
    const stock = await designer.archiveField(actor, 'account', 'website');
    expect(stock.revision).not.toBeNull();
    const purgeStock = await refused(designer.purge(actor, 'account', 'website'));
    expect(purgeStock.message).toMatch(/stock definitions or an installed package/);
    await designer.restoreField(actor, 'account', 'website');
  });

  it('the name field cannot be archived', async () => {
    const err = await refused(designer.archiveField(actor, 'account', 'name'));
    expect(err.details[0].message).toMatch(/name field "name" cannot be archived/);
  });
});

describe('custom objects', () => {
  it('creates an object with a table, a layout and a list view, usable at once', async () => {
    await designer.createObject(actor, { name: 'vehicle', label: { en: 'Vehicle', zh: '车辆' }, pluralLabel: { en: 'Vehicles', zh: '车辆' }, sharing: { default: 'read' } });
    await designer.saveField(actor, 'vehicle', { name: 'account', type: 'lookup', label: { en: 'Buyer', zh: '买方' }, target: 'account' }, 'create');
    const ctx = await tw.ctx();
    const acc = await createRecord(ctx, 'account', { name: 'Buyer Co' });
    const v = await createRecord(ctx, 'vehicle', { name: 'LVGBV3EK5PG000123', account: acc.id });
    expect((await listRecords(ctx, 'vehicle', {})).records.map((r) => r.id)).toEqual([v.id]);
    const meta = await getMetadata(tw.workspace, getPool(tw.url));
    expect(meta.views.get('vehicle')?.[0].name).toBe('all');
    expect(meta.objects.get('account')!.relatedLists.some((r) => r.object === 'vehicle')).toBe(true);
  });

  it('with an auto-number name', async () => {
    await designer.createObject(actor, { name: 'test_drive', label: { en: 'Test drive', zh: '试驾' }, pluralLabel: { en: 'Test drives', zh: '试驾' }, autoNumber: 'TD-{0000}' });
    const ctx = await tw.ctx();
    const a = await createRecord(ctx, 'test_drive', {});
    expect(a.name).toBe('TD-0001');
  });
});

describe('an auto number as the record name', () => {
  it('names each record after its number', async () => {
    const { installPackage, packageFromFiles } = await import('../../../platform/packages/packages');
    const label = (en: string, zh: string) => ({ en, zh });
    await installPackage(
      actor,
      packageFromFiles({
        'manifest.json': JSON.stringify({ name: 'receipts', version: '1.0.0', label: label('Receipts', '收据') }),
        'objects/receipt.json': JSON.stringify({
          name: 'receipt',
          label: label('Receipt', '收据'),
          pluralLabel: label('Receipts', '收据'),
          nameField: 'number',
          fields: [
            { name: 'number', type: 'auto_number', label: label('Number', '编号'), pattern: 'RC-{0000}' },
            { name: 'amount', type: 'decimal', label: label('Amount', '金额') },
          ],
        }),
      }),
    );
    const ctx = await tw.ctx();
    const r = await createRecord(ctx, 'receipt', { amount: 12.5 });
    expect(r.number).toBe('RC-0001');
    expect((await listRecords(ctx, 'receipt', { search: 'RC-0001' })).records.map((x) => x.id)).toEqual([r.id]);
  });
});
