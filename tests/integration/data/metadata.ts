/** Stock metadata with extra fields, for tests of field types the stock objects do not use. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadMetadata } from '../../../platform/metadata/load';
import type { MetadataModel } from '../../../platform/metadata/model';

const STOCK = path.resolve(import.meta.dirname, '../../../metadata');

/** Load stock metadata with `fields` appended to `object` (validated like any metadata change). */
export function metadataWith(object: string, fields: Record<string, unknown>[]): MetadataModel {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-meta-ext-'));
  try {
    fs.cpSync(STOCK, dir, { recursive: true });
    const file = path.join(dir, 'objects', `${object}.json`);
    const def = JSON.parse(fs.readFileSync(file, 'utf8'));
    def.fields.push(...fields);
    fs.writeFileSync(file, JSON.stringify(def));
    return loadMetadata(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
