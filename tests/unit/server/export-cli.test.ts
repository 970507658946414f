/**
 * `npm run export`, as a script would run it: against the store a server
 * wrote (the same DATA_DIR), a PDF and a PNG file, and a clear message with
 * exit code 2 for options it does not know. (The drawing of every template in
 * both languages is export-drawing.test.ts's job: the script and the server
 * share it, and each run of the script costs a tsx start and the fonts.)
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { serverHarness } from '../../fixtures/harness';
import { createMap } from '../../fixtures/server';

const { start } = serverHarness();
const run = promisify(execFile);

function exportCli(dataDir: string, args: string[]) {
  return run('npx', ['tsx', 'server/exportMap.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir }, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );
}

// Each run starts tsx and loads the fonts: seconds, more when the suite runs alongside.
describe('npm run export', { timeout: 120_000 }, () => {
  it('writes a PDF and a PNG of a map, from the store the server uses', async () => {
    const s = await start();
    const id = await createMap(s.url, { template: 'b2b', locale: 'zh-CN' });
    await s.close(); // what is stored is what the script reads
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'journeyboard-export-'));
    const file = path.join(out, 'b2b.pdf');
    const result = await exportCli(s.config.DATA_DIR, [id, '--format', 'pdf', '--out', file, '--paper', 'a4', '--summary']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/PDF, \d+ pages?, \d+ bytes/);
    const pdf = await getDocument({ data: new Uint8Array(fs.readFileSync(file)), isEvalSupported: false }).promise;
    expect(pdf.numPages).toBeGreaterThanOrEqual(2); // the summary, then the map
    await pdf.destroy();
    const png = path.join(out, 'b2b.png');
    expect((await exportCli(s.config.DATA_DIR, [id, '--format', 'png', '--out', png])).code).toBe(0);
    expect(fs.readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });

  it('refuses options it does not know, and a map it does not have, with exit code 2', async () => {
    const s = await start();
    const id = await createMap(s.url, { template: 'backpack', locale: 'en' });
    await s.close();
    const out = path.join(os.tmpdir(), `journeyboard-export-${process.pid}.pdf`);
    const bad = await exportCli(s.config.DATA_DIR, [id, '--format', 'pdf', '--out', out, '--paper', 'letter']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--paper: .*"fit"/);
    const unknown = await exportCli(s.config.DATA_DIR, ['noSuchMap123', '--format', 'pdf', '--out', out]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no map noSuchMap123/);
    // One nanoid in 64 starts with '-': still the map id, not an option.
    const dashed = await exportCli(s.config.DATA_DIR, ['-kNoSuchMap', '--format', 'pdf', '--out', out]);
    expect(dashed.stderr).toMatch(/no map -kNoSuchMap/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
