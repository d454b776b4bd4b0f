import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// A fresh embedded database for every run, under the temp folder (reachable by the postgres user).
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `tessera-e2e-${process.pid}`);
if (!process.env.E2E_DATA_DIR) {
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.env.E2E_DATA_DIR = dataDir; // workers re-evaluate this file: keep one folder
}
const port = Number(process.env.E2E_PORT ?? 3100);
process.env.E2E_PORT = String(port);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // One retry: CI machines are small and shared; a test that fails twice fails the run.
  retries: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: 'npm start',
    url: `http://localhost:${port}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: { PORT: String(port), TESSERA_DATA_DIR: dataDir, TESSERA_PG_PORT: String(port + 20000) },
  },
});
