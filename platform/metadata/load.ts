/** Load stock metadata files (metadata/objects, layouts, views), validating each against its meta-schema. */
import fs from 'node:fs';
import path from 'node:path';
import type { ErrorDetail } from '../core/errors';
import { buildMetadata, type MetadataDocuments } from './build';
import type { MetadataModel } from './model';
import { validateMetadata, type MetadataKind } from './schemas';

const FOLDERS: { folder: string; kind: MetadataKind; key: keyof MetadataDocuments }[] = [
  { folder: 'objects', kind: 'object', key: 'objects' },
  { folder: 'layouts', kind: 'layout', key: 'layouts' },
  { folder: 'views', kind: 'listview', key: 'views' },
  { folder: 'rules', kind: 'rule', key: 'rules' },
  { folder: 'processes', kind: 'process', key: 'processes' },
  { folder: 'approvals', kind: 'approval', key: 'approvals' },
];

/** Read and schema-check every document under `dir`; returns the documents and every error found. */
export function readMetadataDocuments(dir: string): { docs: MetadataDocuments; errors: ErrorDetail[] } {
  const docs: MetadataDocuments = { objects: [], layouts: [], views: [], rules: [], processes: [], approvals: [], unusable: [] };
  const errors: ErrorDetail[] = [];
  for (const { folder, kind, key } of FOLDERS) {
    const full = path.join(/*turbopackIgnore: true*/ dir, folder);
    if (!fs.existsSync(/*turbopackIgnore: true*/ full)) continue;
    for (const name of fs.readdirSync(/*turbopackIgnore: true*/ full).filter((n) => n.endsWith('.json')).sort()) {
      const file = `${folder}/${name}`;
      let data: unknown;
      try {
        data = JSON.parse(fs.readFileSync(path.join(/*turbopackIgnore: true*/ full, name), 'utf8'));
      } catch (e) {
        errors.push({ file, pointer: '/', code: 'json.syntax', message: `${file} is not valid JSON: ${(e as Error).message}` });
        continue;
      }
      // Filters are checked against the object's fields by the condition parser, which gives precise pointers.
      const schemaErrors = validateMetadata(kind, data, file).filter((e) => !(kind === 'listview' && e.pointer?.startsWith('/filter')));
      if (schemaErrors.length) {
        errors.push(...schemaErrors);
        // Remember the object so layouts and views of it are not also reported as orphans.
        const name = (data as { name?: unknown })?.name;
        if (kind === 'object' && typeof name === 'string') docs.unusable!.push(name);
        continue;
      }
      (docs[key] as { file: string; def: unknown }[]).push({ file, def: data });
    }
  }
  return { docs, errors };
}

/** The stock metadata folder shipped with the product. */
export function stockMetadataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.TESSERA_METADATA_DIR ?? path.join(process.cwd(), 'metadata'));
}

/** Load, validate and build the metadata in `dir`; throws METADATA_INVALID listing every problem. */
export function loadMetadata(dir: string = stockMetadataDir()): MetadataModel {
  const { docs, errors } = readMetadataDocuments(dir);
  return buildMetadata(docs, errors);
}
