/**
 * The core kinds: objects (`object:<object>`, with one `field:<object>.<field>` item per field,
 * metadata/objects, schema object.schema.json) and extensions (a package's changes to an object it
 * does not own, `extensions/<object>.json`, schema extension.schema.json). Every other kind hangs on
 * an object, so objects are built first (build.ts) and are not in the document-kind registry.
 */
import extensionSchema from '../../../metadata/schema/extension.schema.json' with { type: 'json' };
import objectSchema from '../../../metadata/schema/object.schema.json' with { type: 'json' };

/** A core kind: its folder, schema and how its items are keyed. */
export interface CoreKind {
  name: 'object' | 'extension';
  folder: string;
  schemaName: 'object' | 'extension';
  schema: object;
}

export const objectKind: CoreKind = { name: 'object', folder: 'objects', schemaName: 'object', schema: objectSchema };
/** Packages only: stock and workspace layers change objects through items directly. */
export const extensionKind: CoreKind = { name: 'extension', folder: 'extensions', schemaName: 'extension', schema: extensionSchema };
