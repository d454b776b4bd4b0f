import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateArtefacts } from '../../../platform/metadata/generate';

const root = path.resolve(import.meta.dirname, '../../..');

describe('generated metadata artefacts', () => {
  it('object.schema.json and the TypeScript types match their sources (run `npm run gen` if not)', async () => {
    for (const a of await generateArtefacts(root)) {
      expect(fs.readFileSync(path.join(root, a.path), 'utf8'), a.path).toBe(a.content);
    }
  });
});
