// Runs the Playwright suite. Outside CI a machine without Chromium skips it
// with a clear message; in CI (CI=true) a missing browser is a failure.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.env.CI) {
    console.error(
      `e2e: Chromium not found at ${chromium}; CI must run the browser tests (apt-get install chromium, or set CHROMIUM_PATH).`,
    );
    process.exit(1);
  }
  console.warn(
    `e2e: SKIPPED — Chromium not found at ${chromium}. Install it (apt-get install -y chromium fonts-noto-cjk) or set CHROMIUM_PATH.`,
  );
  process.exit(0);
}
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
