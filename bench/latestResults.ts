/**
 * A benchmark run alone (`npx tsx bench/<name>.ts`) writes its figures into
 * bench/results/latest.json under its own key, with the time, and leaves the
 * other benchmarks' figures as they are (`npm run bench` rewrites them all).
 */
import fs from 'node:fs';
import path from 'node:path';

export function mergeIntoLatest(key: string, result: object): void {
  const out = path.join(import.meta.dirname, 'results', 'latest.json');
  const latest = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(out, JSON.stringify({ ...latest, [key]: { ...result, at: new Date().toISOString() } }, null, 2) + '\n');
}
