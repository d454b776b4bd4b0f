import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANTD_STYLESHEET_PATH, antdStylesheet } from '../../../platform/ui/theme/antdStylesheet';

const root = path.resolve(import.meta.dirname, '../../..');

describe("Ant Design's generated stylesheet", () => {
  // Renders every antd component once: seconds, more on a busy machine.
  it('matches the theme tokens and the installed antd (run `npm run gen` if not)', { timeout: 60_000 }, () => {
    const committed = fs.readFileSync(path.join(root, ANTD_STYLESHEET_PATH), 'utf8');
    // Compared whole, but reported briefly: the file is one line of a megabyte.
    expect(committed === antdStylesheet(), `${ANTD_STYLESHEET_PATH} is stale`).toBe(true);
  });

  it('carries the theme: the primary colour and the production class hash the pages use', () => {
    const css = fs.readFileSync(path.join(root, ANTD_STYLESHEET_PATH), 'utf8');
    expect(css).toContain('--ant-color-primary:#1f5fbf');
    expect(css).toMatch(/:where\(\.css-[a-z0-9]+\)\.ant-btn/);
    expect(css).not.toContain('dev-only');
  });
});
