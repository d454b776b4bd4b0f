import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The same '@/...' alias as tsconfig.json, so tests can import the app's route modules.
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two workers on a 2-core machine; each test file works in its own workspace schema.
          maxWorkers: 2,
        },
      },
    ],
  },
});
