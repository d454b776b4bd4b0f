import fs from 'node:fs';
import { asPicklist } from '../../fieldShapes';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/core/errors';
import { loadMetadata } from '../../../platform/metadata/load';

const stockDir = path.resolve(import.meta.dirname, '../../../metadata');

/** Copy the stock metadata to a scratch folder, letting a test break some of it. */
function scratchCopy(edit: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-meta-'));
  fs.cpSync(stockDir, dir, { recursive: true });
  edit(dir);
  return dir;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests break metadata files on purpose
function editJson(file: string, fn: (d: any) => void) {
  const d = JSON.parse(fs.readFileSync(file, 'utf8'));
  fn(d);
  fs.writeFileSync(file, JSON.stringify(d));
}

describe('stock metadata', () => {
  it('validates and has the objects and API names integrations depend on', () => {
    const meta = loadMetadata(stockDir);
    const names = (o: string) => meta.objects.get(o)!.fields.map((f) => f.name);
    expect(names('lead')).toEqual(expect.arrayContaining(['name', 'company', 'title', 'phone', 'mobile', 'email', 'source', 'region', 'industry', 'status']));
    expect(names('account')).toEqual(expect.arrayContaining(['name', 'parent', 'type', 'industry', 'region', 'level', 'phone', 'website', 'address']));
    expect(names('contact')).toEqual(expect.arrayContaining(['name', 'account', 'title', 'phone', 'mobile', 'email']));
    expect(names('opportunity')).toEqual(expect.arrayContaining(['name', 'account', 'amount', 'close_date', 'stage', 'probability', 'description']));
    expect(names('contract')).toEqual(expect.arrayContaining(['number', 'name', 'account', 'opportunity', 'amount', 'cost', 'start_date', 'end_date', 'status']));
    expect(names('activity')).toEqual(expect.arrayContaining(['subject', 'type', 'status', 'start_at', 'end_at', 'account', 'contact', 'opportunity', 'lead', 'notes']));
    const activityTypes = asPicklist(meta.objects.get('activity')!.fieldMap.get('type')).options.map((o) => o.value);
    expect(activityTypes).toEqual(['task', 'event', 'visit', 'call', 'email']);
    for (const obj of meta.objects.values()) {
      for (const sys of ['id', 'owner', 'created_at', 'updated_at', 'version']) expect(obj.fieldMap.has(sys), `${obj.name}.${sys}`).toBe(true);
      for (const f of obj.fields) expect(f.label.zh, `${obj.name}.${f.name} has a Chinese label`).toBeTruthy();
    }
  });

  it('reports every problem at once, each naming its file and JSON pointer', () => {
    const dir = scratchCopy((d) => {
      editJson(path.join(d, 'objects/account.json'), (o) => {
        o.fields[1].target = 'nowhere';
        o.fields.push({ name: 'Bad Name', type: 'text', label: { en: 'x', zh: 'x' } });
      });
      editJson(path.join(d, 'objects/contact.json'), (o) => { o.fields[0].type = 'colour'; });
      editJson(path.join(d, 'views/opportunity.open.json'), (v) => {
        v.columns.push('no_such_field');
        v.filter = { all: [{ field: 'amount', op: 'contains', value: 'x' }] };
      });
      editJson(path.join(d, 'layouts/lead.default.json'), (l) => { l.sections[0].fields.push('ghost'); });
    });
    let error: AppError | undefined;
    try {
      loadMetadata(dir);
    } catch (e) {
      error = e as AppError;
    }
    expect(error?.code).toBe('METADATA_INVALID');
    const found = error!.details.map((d) => `${d.file}#${d.pointer}`);
    expect(found).toEqual(expect.arrayContaining([
      'objects/account.json#/fields/15/name',
      'objects/contact.json#/fields/0',
      'views/opportunity.open.json#/columns/7',
      'views/opportunity.open.json#/filter/all/0/op',
      'layouts/lead.default.json#/sections/0/fields/7',
    ]));
    // The lookup to a missing object is only checked once the schema errors of that file are fixed.
    // The message counts the problems; which and where are in the details.
    expect(error!.message).toBe(`Metadata has ${error!.details.length} problems`);
  });

  it('reports a lookup to a missing object', () => {
    const dir = scratchCopy((d) => editJson(path.join(d, 'objects/account.json'), (o) => { o.fields[1].target = 'nowhere'; }));
    expect(() => loadMetadata(dir)).toThrow(expect.objectContaining({
      message: 'Lookup target "nowhere" is not an object',
      details: [expect.objectContaining({ file: 'objects/account.json', pointer: '/fields/1/target', code: 'field.target' })],
    }));
  });
});
