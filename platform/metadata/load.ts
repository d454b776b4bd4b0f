/** Load stock metadata files (metadata/objects and each registered kind's folder), validating each against its meta-schema. */
import fs from 'node:fs';
import path from 'node:path';
import type { ErrorDetail } from '../core/errors';
import { problem } from '../core/problems';
import { buildMetadata, documentsOf, emptyDocuments, type MetadataDocuments } from './build';
import { objectKind } from './kinds/object';
import { documentKinds } from './kinds/registry';
import type { MetadataModel } from './model';
import { validateMetadata } from './schemas';

/** Objects first, then every registered kind, in registry order. */
function folders(): { folder: string; schemaName: string; leaveToCrossCheck?: (pointer: string) => boolean }[] {
  return [objectKind, ...documentKinds()];
}

/** Read and schema-check every document under `dir`; returns the documents and every error found. */
export function readMetadataDocuments(dir: string): { docs: MetadataDocuments; errors: ErrorDetail[] } {
  const docs = emptyDocuments();
  const errors: ErrorDetail[] = [];
  for (const { folder, schemaName: kind, leaveToCrossCheck } of folders()) {
    const full = path.join(/*turbopackIgnore: true*/ dir, folder);
    if (!fs.existsSync(/*turbopackIgnore: true*/ full)) continue;
    for (const name of fs.readdirSync(/*turbopackIgnore: true*/ full).filter((n) => n.endsWith('.json')).sort()) {
      const file = `${folder}/${name}`;
      let data: unknown;
      try {
        data = JSON.parse(fs.readFileSync(path.join(/*turbopackIgnore: true*/ full, name), 'utf8'));
      } catch (e) {
        errors.push(problem('json.syntax', { reason: (e as Error).message }, { file, pointer: '/' }));
        continue;
      }
      // Some parts are checked by the kind's cross-checks, which give precise pointers (a list view's filter).
      const schemaErrors = validateMetadata(kind, data, file).filter((e) => !(leaveToCrossCheck && e.pointer && leaveToCrossCheck(e.pointer)));
      if (schemaErrors.length) {
        errors.push(...schemaErrors);
        // Remember the object so layouts and views of it are not also reported as orphans.
        const name = (data as { name?: unknown })?.name;
        if (kind === 'object' && typeof name === 'string') docs.unusable!.push(name);
        continue;
      }
      documentsOf(docs, folder).push({ file, def: data });
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
