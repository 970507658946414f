import { defineConfig } from '@playwright/test';
import { chromiumPath, chromiumArgs } from './tests/e2e/chromium';

// The e2e suite runs the real server (built app + API + websocket on one
// port) with a throwaway DATA_DIR, and drives the Chromium scripts/e2e.ts
// found (tests/e2e/chromium.ts).
const port = Number(process.env.E2E_PORT ?? 8797);
const dataDir = process.env.E2E_DATA_DIR ?? `/tmp/journeyboard-e2e-${process.pid}`;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // A guard against a hung test, not a speed check: two or three browsers per
  // test on two shared cores take their time (`test.slow()` triples it).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  // Two spec files at a time: a browser test mostly waits (on the server, on
  // frames), so two of them share the two cores well; tests inside a file
  // keep their order. Specs that need their own server start it on a free port.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    // Recording a trace of every test (to keep those that fail) made the
    // suite about a third slower (127-130 s against 87-99 s for four specs),
    // and in CI nobody opens them. Locally a failing test keeps its trace;
    // in CI `npm run test:e2e -- --trace retain-on-failure` turns them on.
    trace: process.env.CI ? 'off' : 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    // A fresh context installs the service worker, which precaches the whole
    // build (72 files, 3 MB) and then copies every response it passes on into
    // its cache: per person per test, in a suite that opens some 200 of them.
    // The specs about working offline allow it (offline, export-offline).
    serviceWorkers: 'block',
  },
  webServer: {
    command: 'node --import tsx server/index.ts',
    url: `http://127.0.0.1:${port}/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  },
});
