/** Rewrite the generated metadata schema and types (see platform/metadata/generate.ts), Ant Design's stylesheet and the per-language message catalogs. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { CATALOG_PATHS, catalogFile } from '../platform/core/catalog';
import type { Locale } from '../platform/core/label';
import { generateArtefacts } from '../platform/metadata/generate';
import { ANTD_STYLESHEET_PATH, antdStylesheet } from '../platform/ui/theme/antdStylesheet';

const root = path.resolve(import.meta.dirname, '..');
const catalogs = (Object.keys(CATALOG_PATHS) as Locale[]).map((locale) => ({ path: CATALOG_PATHS[locale], content: catalogFile(locale) }));
for (const a of [...(await generateArtefacts(root)), { path: ANTD_STYLESHEET_PATH, content: antdStylesheet() }, ...catalogs]) {
  await fs.mkdir(path.dirname(path.join(root, a.path)), { recursive: true });
  await fs.writeFile(path.join(root, a.path), a.content);
  console.log(`wrote ${a.path}`);
}
