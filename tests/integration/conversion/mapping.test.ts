/** The conversion mapping is checked when saved: types, picklist values, lengths, one source per target; a mapped field cannot be deleted. */
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/core/errors';
import { getPool } from '../../../platform/db/pool';
import type { ChangeActor } from '../../../platform/metadata/changes';
import * as designer from '../../../platform/metadata/designer';
import type { ConversionDefinition } from '../../../platform/metadata/generated/conversion';
import { stockMetadata } from '../../../platform/metadata/registry';
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

const stock = () => structuredClone(stockMetadata().documents!.get('conversion')!.get('lead')![0] as ConversionDefinition);

beforeAll(async () => {
  tw = await createTestWorkspace('cvm');
  actor = { pool: getPool(tw.url), workspace: tw.workspace, userId: tw.admin.id };
});

describe('saving a conversion mapping', () => {
  it('refuses every incompatible entry at once, each with its pointer', async () => {
    const doc = stock();
    doc.account.fields.push({ from: 'email', to: 'annual_revenue' }); // text into currency
    doc.contact.fields.push({ from: 'description', to: 'department' }); // long text into a 255-character text
    doc.contact.fields.push({ from: 'phone', to: 'name' }); // a second source for the contact's name
    doc.opportunity.fields.push({ from: 'region', to: 'loss_reason' }); // picklist values the target lacks
    doc.opportunity.fields.push({ from: 'nickname', to: 'next_step' }); // no such lead field
    const e = await refused(designer.saveItem(actor, 'conversion', doc, 'update'));
    expect(e.code).toBe('METADATA_INVALID');
    const at = (pointer: string) => e.details?.find((d) => d.pointer === pointer);
    expect(at('/account/fields/4/to')).toMatchObject({ code: 'conversion.type', file: 'conversions/lead.default.json' });
    expect(at('/account/fields/4/to')?.message).toBe('"email" (email) cannot fill "annual_revenue" (currency)');
    expect(at('/contact/fields/5/to')?.code).toBe('conversion.length');
    expect(at('/contact/fields/6/to')?.code).toBe('conversion.twice');
    expect(at('/opportunity/fields/2/to')).toMatchObject({ code: 'conversion.options' });
    expect(at('/opportunity/fields/2/to')?.message).toContain('east');
    expect(at('/opportunity/fields/3/from')?.code).toBe('conversion.field');
  });

  it('accepts a custom field mapped onto a compatible custom field', async () => {
    const wechat = { name: 'wechat', type: 'text', label: { en: 'WeChat', zh: '微信' }, maxLength: 60 } as const;
    await designer.saveField(actor, 'lead', wechat, 'create');
    await designer.saveField(actor, 'contact', { ...wechat, maxLength: 100 }, 'create');
    const doc = stock();
    doc.contact.fields.push({ from: 'wechat', to: 'wechat' });
    expect((await designer.saveItem(actor, 'conversion', doc, 'update')).revision).toBeGreaterThan(0);
  });

  it('keeps a mapped field from being deleted, naming the mapping', async () => {
    const e = await refused(designer.archiveField(actor, 'lead', 'wechat'));
    expect(e.details).toContainEqual(expect.objectContaining({ file: 'conversions/lead.default.json', pointer: '/contact/fields/5/from', code: 'conversion.field' }));
    const e2 = await refused(designer.archiveField(actor, 'contact', 'wechat'));
    expect(e2.details).toContainEqual(expect.objectContaining({ file: 'conversions/lead.default.json', pointer: '/contact/fields/5/to' }));
  });
});
