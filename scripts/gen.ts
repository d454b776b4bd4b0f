/** Rewrite the generated metadata schema and types (see platform/metadata/generate.ts) and Ant Design's stylesheet. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { generateArtefacts } from '../platform/metadata/generate';
import { ANTD_STYLESHEET_PATH, antdStylesheet } from '../platform/ui/theme/antdStylesheet';

const root = path.resolve(import.meta.dirname, '..');
for (const a of [...(await generateArtefacts(root)), { path: ANTD_STYLESHEET_PATH, content: antdStylesheet() }]) {
  await fs.mkdir(path.dirname(path.join(root, a.path)), { recursive: true });
  await fs.writeFile(path.join(root, a.path), a.content);
  console.log(`wrote ${a.path}`);
}
