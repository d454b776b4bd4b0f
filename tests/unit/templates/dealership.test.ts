import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ErrorDetail } from '../../../platform/core/errors';
import { normaliseInput, validateInput } from '../../../platform/data/validate';
import { buildMetadata, type MetadataDocuments } from '../../../platform/metadata/build';
import { readMetadataDocuments } from '../../../platform/metadata/load';
import { systemFields, type LayoutDefinition, type ListViewDefinition, type ObjectDefinition } from '../../../platform/metadata/model';
import { validateMetadata, type MetadataKind } from '../../../platform/metadata/schemas';

const root = path.resolve(import.meta.dirname, '../../..');
const stockDir = path.join(root, 'metadata');
const templateDir = path.join(root, 'seeds/templates/dealership_4s');

type Field = ObjectDefinition['fields'][number];
interface Extension {
  object: string;
  fields?: Field[];
}

function readJson<T = unknown>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Every `<folder>/*.json` of a metadata folder, as { file (relative), data }. */
function readFolder<T>(dir: string, folder: string): { file: string; data: T }[] {
  const full = path.join(dir, folder);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => ({ file: `${folder}/${n}`, data: readJson<T>(path.join(full, n)) }));
}

const KINDS: Record<string, MetadataKind> = { objects: 'object', extensions: 'extension', layouts: 'layout', views: 'listview' };

const stockObjects = readFolder<ObjectDefinition>(stockDir, 'objects').map((o) => o.data);
const templateObjects = readFolder<ObjectDefinition>(templateDir, 'objects').map((o) => o.data);
const extensions = readFolder<Extension>(templateDir, 'extensions').map((e) => e.data);
const layouts = readFolder<LayoutDefinition>(templateDir, 'layouts');
const views = readFolder<ListViewDefinition>(templateDir, 'views');

/** Field names of every object once the template is installed: system fields, own fields, extension fields. */
function effectiveFields(): Map<string, Map<string, Field>> {
  const out = new Map<string, Map<string, Field>>();
  for (const def of [...stockObjects, ...templateObjects]) {
    const system = systemFields(def.name, def.nameField ?? 'name') as Field[];
    out.set(def.name, new Map([...system, ...def.fields].map((f) => [f.name, f])));
  }
  for (const ext of extensions) {
    const fields = out.get(ext.object);
    for (const f of ext.fields ?? []) fields?.set(f.name, f);
  }
  return out;
}

/** Field names a condition tree compares. */
function conditionFields(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  const n = node as { all?: unknown[]; any?: unknown[]; not?: unknown; field?: string };
  if (n.all) return n.all.flatMap(conditionFields);
  if (n.any) return n.any.flatMap(conditionFields);
  if (n.not) return conditionFields(n.not);
  return n.field ? [n.field] : [];
}

describe('dealership_4s template', () => {
  it('every file passes its meta-schema', () => {
    const errors: ErrorDetail[] = [];
    errors.push(...validateMetadata('manifest', readJson(path.join(templateDir, 'manifest.json')), 'manifest.json'));
    for (const [folder, kind] of Object.entries(KINDS)) {
      const files = readFolder(templateDir, folder);
      expect(files.length, `${folder} has files`).toBeGreaterThan(0);
      for (const { file, data } of files) {
        // As load.ts does: filters are checked against the object's fields by the condition parser.
        errors.push(...validateMetadata(kind, data, file).filter((e) => !(kind === 'listview' && e.pointer?.startsWith('/filter'))));
      }
    }
    for (const { file, data } of views) {
      if (data.filter === undefined) continue;
      // The filter on its own against the condition schema, with pointers relative to the view file.
      errors.push(...validateMetadata('condition', data.filter, file).map((e) => ({ ...e, pointer: `/filter${e.pointer === '/' ? '' : e.pointer}` })));
    }
    expect(errors.map((e) => `${e.file}#${e.pointer} ${e.message}`)).toEqual([]);
  });

  it('has the manifest the package format documents', () => {
    const manifest = readJson<{ name: string; version: string; label: { en: string; zh: string }; requires: unknown }>(path.join(templateDir, 'manifest.json'));
    expect(manifest.name).toBe(path.basename(templateDir));
    expect(manifest.version).toBe('1.0.0');
    expect(manifest.label).toEqual({ en: 'Car dealership (4S)', zh: '汽车经销商（4S 店）' });
    expect(manifest.requires).toEqual({ tessera: '>=0.1.0', packages: {} });
    expect(templateObjects.map((o) => o.name).sort()).toEqual(['test_drive', 'vehicle', 'vehicle_order']);
  });

  it('names files after their documents and adds no field or object the stock metadata already has', () => {
    for (const def of templateObjects)
      expect(
        stockObjects.some((o) => o.name === def.name),
        `${def.name} is a new object`,
      ).toBe(false);
    for (const { file, data } of readFolder<ObjectDefinition>(templateDir, 'objects')) expect(file).toBe(`objects/${data.name}.json`);
    for (const { file, data } of readFolder<Extension>(templateDir, 'extensions')) {
      expect(file).toBe(`extensions/${data.object}.json`);
      const stock = stockObjects.find((o) => o.name === data.object);
      expect(stock, `${file} extends a stock object`).toBeDefined();
      const reserved = new Set([...stock!.fields.map((f) => f.name), ...systemFields(stock!.name, stock!.nameField ?? 'name').map((f) => f.name)]);
      for (const f of data.fields ?? []) expect(reserved.has(f.name), `${file}: ${f.name} is a new field`).toBe(false);
    }
    for (const { file, data } of [...layouts, ...views]) {
      const folder = file.split('/')[0];
      expect(file).toBe(`${folder}/${data.object}.${data.name}.json`);
    }
  });

  it('layouts and views only name fields of their object, and lookups point at existing objects', () => {
    const fields = effectiveFields();
    const problems: string[] = [];
    const check = (file: string, object: string, name: string) => {
      if (!fields.get(object)?.has(name)) problems.push(`${file}: "${name}" is not a field of ${object}`);
    };
    for (const { file, data } of layouts) {
      if (!fields.has(data.object)) problems.push(`${file}: object "${data.object}" does not exist`);
      for (const s of data.sections) for (const entry of s.fields) check(file, data.object, typeof entry === 'string' ? entry : entry.field);
      for (const r of data.relatedLists ?? []) check(file, r.object, r.field);
    }
    for (const { file, data } of views) {
      if (!fields.has(data.object)) problems.push(`${file}: object "${data.object}" does not exist`);
      for (const c of data.columns) check(file, data.object, c);
      for (const s of data.sort ?? []) check(file, data.object, s.field);
      for (const f of conditionFields(data.filter)) check(file, data.object, f);
    }
    const lookups = [
      ...templateObjects.flatMap((o) => o.fields.map((f) => ({ where: `objects/${o.name}.json`, f }))),
      ...extensions.flatMap((e) => (e.fields ?? []).map((f) => ({ where: `extensions/${e.object}.json`, f }))),
    ];
    for (const { where, f } of lookups) {
      if (f.type === 'lookup' && !fields.has(f.target)) problems.push(`${where}: lookup "${f.name}" targets missing object "${f.target}"`);
    }
    expect(problems).toEqual([]);
  });

  it('replaces the stock account and opportunity layouts, keeping their sections and adding a dealership one', () => {
    for (const object of ['account', 'opportunity']) {
      const stock = readJson<LayoutDefinition>(path.join(stockDir, `layouts/${object}.default.json`));
      const mine = layouts.find((l) => l.data.object === object && l.data.name === 'default')!.data;
      const dealership = mine.sections.find((s) => s.id === 'dealership');
      expect(dealership?.label).toEqual({ en: 'Dealership', zh: '经销信息' });
      expect(mine.sections.filter((s) => s.id !== 'dealership')).toEqual(stock.sections);
      const added = extensions.find((e) => e.object === object)!.fields!.map((f) => f.name);
      expect([...dealership!.fields].sort()).toEqual([...added].sort());
    }
  });

  it('builds into valid effective metadata with the stock objects, and its seed data passes record validation', () => {
    const stock = readMetadataDocuments(stockDir);
    const pkg = readMetadataDocuments(templateDir);
    expect([...stock.errors, ...pkg.errors].map((e) => e.message)).toEqual([]);
    const key = (d: { object: string; name: string }) => `${d.object}.${d.name}`;
    const replaced = new Set([...pkg.docs.layouts, ...pkg.docs.views].map((d) => key(d.def)));
    const docs: MetadataDocuments = {
      objects: [
        ...stock.docs.objects.map(({ file, def }) => {
          const added = extensions.filter((e) => e.object === def.name).flatMap((e) => e.fields ?? []);
          return { file, def: { ...def, fields: [...def.fields, ...added] as ObjectDefinition['fields'] } };
        }),
        ...pkg.docs.objects,
      ],
      layouts: [...stock.docs.layouts.filter((d) => !replaced.has(key(d.def))), ...pkg.docs.layouts],
      views: [...stock.docs.views.filter((d) => !replaced.has(key(d.def))), ...pkg.docs.views],
    };
    const meta = buildMetadata(docs);

    const vehicle = meta.objects.get('vehicle')!;
    expect(vehicle.nameField).toBe('vin');
    expect(vehicle.sharing?.default).toBe('read');
    expect(meta.objects.get('account')!.relatedLists.map((r) => `${r.object}.${r.field}`)).toEqual(
      expect.arrayContaining(['vehicle.account', 'test_drive.account', 'vehicle_order.account']),
    );
    for (const object of ['vehicle', 'test_drive', 'vehicle_order']) {
      expect(
        meta.views
          .get(object)!
          .filter((v) => v.isDefault)
          .map((v) => v.name),
        `${object} has one default view`,
      ).toEqual(['all']);
    }

    for (const file of fs.readdirSync(path.join(templateDir, 'data')).filter((n) => n.endsWith('.json'))) {
      const obj = meta.objects.get(path.basename(file, '.json'));
      expect(obj, `data/${file} names an object`).toBeDefined();
      const records = readJson<Record<string, unknown>[]>(path.join(templateDir, 'data', file));
      expect(records.length).toBeGreaterThan(0);
      records.forEach((r, i) => {
        expect(validateInput(meta, obj!, normaliseInput(obj!, r), 'create', 'en'), `data/${file}#/${i}`).toEqual([]);
      });
    }
  });

  it('seeds vehicles with distinct, well-formed VINs, some in stock and some in transit', () => {
    const vehicles = readJson<{ vin: string; stock_status: string; arrival_date?: string }[]>(path.join(templateDir, 'data/vehicle.json'));
    expect(vehicles.length).toBeGreaterThanOrEqual(8);
    for (const v of vehicles) expect(v.vin).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/);
    expect(new Set(vehicles.map((v) => v.vin)).size).toBe(vehicles.length);
    expect(vehicles.some((v) => v.stock_status === 'in_stock')).toBe(true);
    expect(vehicles.some((v) => v.stock_status === 'in_transit')).toBe(true);
    for (const v of vehicles.filter((x) => x.stock_status === 'in_stock')) expect(v.arrival_date, v.vin).toBeTruthy();
  });
});
