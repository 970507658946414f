// Runs the Playwright suite in the Chromium that tests/e2e/chromium.ts finds
// (CHROMIUM_PATH, the system's, or the one an npm package ships), passed to
// Playwright's config through the environment.
import { spawnSync } from 'node:child_process';
import { resolveChromium } from '../tests/e2e/chromium';

const chromium = await resolveChromium().catch((err: unknown) => {
  console.error(`e2e: no Chromium to run the browser tests: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
console.log(`e2e: Chromium from ${chromium.source}: ${chromium.executablePath}`);
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ...chromium.env, CHROMIUM_PATH: chromium.executablePath },
});
process.exit(result.status ?? 1);
