/**
 * Revisions (history with readable diffs, revert) and layers: a stock upgrade keeps every admin
 * change, and a real conflict is reported, not silently resolved.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, getRecord } from '../../../platform/data';
import { getPool } from '../../../platform/db/pool';
import type { ChangeActor } from '../../../platform/metadata/changes';
import * as designer from '../../../platform/metadata/designer';
import { getMetadata } from '../../../platform/metadata/registry';
import { listConflicts, listRevisions } from '../../../platform/metadata/revisions';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';

let tw: TestWorkspace;
let actor: ChangeActor;
const meta = () => getMetadata(tw.workspace, getPool(tw.url));

beforeAll(async () => {
  tw = await createTestWorkspace('rev');
  actor = { pool: getPool(tw.url), workspace: tw.workspace, userId: tw.admin.id };
});

describe('revisions', () => {
  it('records who changed what, readably, and reverts to an earlier revision keeping data', async () => {
    const start = (await designer.saveField(actor, 'contact', { name: 'wechat', type: 'text', label: { en: 'WeChat', zh: '微信' } }, 'create')).revision!;
    const ctx = await tw.ctx();
    const c = await createRecord(ctx, 'contact', { name: 'Wei Chen', wechat: 'wei_chen_88' });
    await designer.saveField(actor, 'contact', { name: 'wechat', type: 'text', label: { en: 'WeChat ID', zh: '微信号' } }, 'update');
    await designer.saveView(actor, {
      object: 'contact',
      name: 'with_wechat',
      label: { en: 'With WeChat', zh: '有微信' },
      columns: ['name', 'wechat'],
      filter: { field: 'wechat', op: 'is_not_empty' },
    } as never);
    await designer.saveField(actor, 'contact', { name: 'hobby', type: 'text', label: { en: 'Hobby', zh: '爱好' } }, 'create');

    const revs = await listRevisions(getPool(tw.url), tw.workspace.id);
    expect(revs.map((r) => r.summary).slice(0, 4)).toEqual([
      'Added field contact.hobby',
      'Saved list view contact.with_wechat',
      'Changed field contact.wechat',
      'Added field contact.wechat',
    ]);
    expect(revs[0].userName).toBe('Admin');
    const labelChange = revs[2].changes[0];
    expect(labelChange).toMatchObject({ key: 'field:contact.wechat', action: 'changed' });
    expect(labelChange.lines).toEqual([
      { path: 'label.en', before: 'WeChat', after: 'WeChat ID' },
      { path: 'label.zh', before: '微信', after: '微信号' },
    ]);

    await designer.revertTo(actor, start);
    const m = await meta();
    const contact = m.objects.get('contact')!;
    expect(contact.fieldMap.get('wechat')!.label.en).toBe('WeChat');
    expect(m.views.get('contact')!.some((v) => v.name === 'with_wechat')).toBe(false);
    // The field added after the target revision is archived, its column kept.
    expect(contact.fieldMap.has('hobby')).toBe(false);
    expect(contact.archivedFields!.map((f) => f.name)).toContain('hobby');
    expect((await getRecord(await tw.ctx(), 'contact', c.id as string)).wechat).toBe('wei_chen_88');
    const latest = (await listRevisions(getPool(tw.url), tw.workspace.id))[0];
    expect(latest.summary).toBe(`Reverted to revision ${start}`);
  });

  it('saving the same definition again records nothing', async () => {
    const before = (await listRevisions(getPool(tw.url), tw.workspace.id)).length;
    const m = await meta();
    const res = await designer.saveField(actor, 'contact', m.objects.get('contact')!.fieldMap.get('wechat')!, 'update');
    expect(res.revision).toBeNull();
    expect((await listRevisions(getPool(tw.url), tw.workspace.id)).length).toBe(before);
  });
});

describe('a stock upgrade', () => {
  let dir: string;
  const original = process.env.TESSERA_METADATA_DIR;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-stock-'));
    fs.cpSync(path.resolve('metadata'), dir, { recursive: true });
  });
  afterAll(() => {
    if (original === undefined) delete process.env.TESSERA_METADATA_DIR;
    else process.env.TESSERA_METADATA_DIR = original;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function upgradeStock(edit: (account: { fields: { name: string; label: { en: string; zh: string }; helpText?: unknown }[] }) => void) {
    const file = path.join(dir, 'objects/account.json');
    const account = JSON.parse(fs.readFileSync(file, 'utf8'));
    edit(account);
    fs.writeFileSync(file, JSON.stringify(account, null, 2));
    // A new stock folder: what an upgraded installation would load at start-up.
    const next = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-stock-'));
    fs.cpSync(dir, next, { recursive: true });
    process.env.TESSERA_METADATA_DIR = next;
  }

  it('keeps every admin change, and reports a real conflict instead of resolving it silently', async () => {
    await designer.saveField(actor, 'account', { ...(await meta()).objects.get('account')!.fieldMap.get('industry')!, label: { en: 'Sector', zh: '行业' } }, 'update');
    upgradeStock((a) => {
      const industry = a.fields.find((f) => f.name === 'industry')!;
      industry.helpText = { en: 'The customer’s main line of business', zh: '客户的主营业务' };
      a.fields.find((f) => f.name === 'phone')!.label = { en: 'Switchboard', zh: '总机' };
    });
    let account = (await meta()).objects.get('account')!;
    expect(account.fieldMap.get('industry')!.label.en).toBe('Sector');
    expect(account.fieldMap.get('industry')!.helpText?.en).toBe('The customer’s main line of business');
    expect(account.fieldMap.get('phone')!.label.en).toBe('Switchboard');
    expect(await listConflicts(getPool(tw.url), tw.workspace.id)).toEqual([]);

    upgradeStock((a) => {
      a.fields.find((f) => f.name === 'industry')!.label = { en: 'Industry sector', zh: '行业' };
    });
    account = (await meta()).objects.get('account')!;
    expect(account.fieldMap.get('industry')!.label.en).toBe('Sector');
    const conflicts = await listConflicts(getPool(tw.url), tw.workspace.id);
    expect(conflicts).toEqual([{ key: 'field:account.industry', path: ['label', 'en'], was: 'Industry', now: 'Industry sector', mine: 'Sector' }]);

    await designer.resolveConflict(actor, 'field:account.industry', ['label', 'en'], 'theirs');
    expect((await meta()).objects.get('account')!.fieldMap.get('industry')!.label.en).toBe('Industry sector');
    expect(await listConflicts(getPool(tw.url), tw.workspace.id)).toEqual([]);
  });
});

describe('list views', () => {
  it('one shared view is the default: making another the default unsets the first', async () => {
    await designer.saveView(actor, { object: 'lead', name: 'hot', label: { en: 'Hot leads', zh: '热线索' }, isDefault: true, columns: ['name', 'status'] } as never);
    const views = (await meta()).views.get('lead')!;
    expect(views.filter((v) => v.isDefault).map((v) => v.name)).toEqual(['hot']);
  });
});
