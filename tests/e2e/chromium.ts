/**
 * Which Chromium the browser tests and the browser benchmarks drive.
 * Playwright cannot download its own browser here, so, in order:
 *   1. CHROMIUM_PATH, if set (it must be an executable file);
 *   2. the system's Chromium (/usr/bin/chromium, e.g. Debian's), if there is one;
 *   3. the Chromium that the npm package @sparticuz/chromium ships, unpacked
 *      into the temp folder on first use (about 2 s; then reused).
 * So `npm install && npm test` needs nothing but Node.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ResolvedChromium {
  executablePath: string;
  /** what was found: 'CHROMIUM_PATH', 'system' or '@sparticuz/chromium' */
  source: string;
  /** environment the browser needs beside the caller's */
  env: Record<string, string>;
}

/** A regular file we may execute (not /dev/null bound over a removed browser, not a folder). */
function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function resolveChromium(env: NodeJS.ProcessEnv = process.env): Promise<ResolvedChromium> {
  if (env.CHROMIUM_PATH) {
    if (!isExecutableFile(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file`);
    return { executablePath: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH', env: {} };
  }
  if (isExecutableFile(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: 'system', env: {} };
  const { default: chromium } = await import('@sparticuz/chromium');
  const executablePath = await chromium.executablePath();
  // It unpacks a fontconfig file beside it that finds the one font it brings (Open Sans) and
  // no system font: pages then look the same on every machine (the app brings its own fonts).
  return { executablePath, source: '@sparticuz/chromium', env: { FONTCONFIG_PATH: path.join(os.tmpdir(), 'fonts') } };
}

/** For Playwright's config, which cannot wait: the Chromium scripts/e2e.ts resolved and passed on. */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? SYSTEM_CHROMIUM;

/** Launch options for playwright's chromium.launch (the benchmarks). */
export async function chromiumLaunchOptions(): Promise<{ executablePath: string; args: string[]; env: Record<string, string> }> {
  const found = await resolveChromium();
  return { executablePath: found.executablePath, args: chromiumArgs, env: { ...stringEnv(process.env), ...found.env } };
}

const stringEnv = (env: NodeJS.ProcessEnv): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));

/**
 * Writes a fontconfig file (for FONTCONFIG_FILE) whose only font is the Latin
 * Open Sans that @sparticuz/chromium brings: a browser launched with it has
 * no font of the machine, Chinese or emoji. (With no font at all Chromium's
 * own UI text fails and the browser dies.)
 */
export async function latinOnlyFontconfig(file: string): Promise<void> {
  const { inflate } = await import('@sparticuz/chromium');
  const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '..', 'bin');
  const fonts = await inflate(path.join(bin, 'fonts.tar.br'));
  const cache = path.join(path.dirname(file), 'fontconfig-cache');
  fs.writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${fonts}</dir><cachedir>${cache}</cachedir></fontconfig>\n`,
  );
}
