/**
 * Exports made by the server (issue 13): GET /api/maps/:id/export.pdf and
 * export.png for the zh-CN backpack template (63 cards) and the same map
 * filled to 600 cards, through a real server: time from request to the last
 * byte (the first request also starts the export worker and loads fonts:
 * reported apart), file size, PDF pages. While the 600-card exports run, a
 * client keeps asking /health: its worst wait shows whether an export held
 * the event loop.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { largeMapOnServer } from './largeMapOnServer';
import { createMap, freePort, kill9, spawnServer, tempDir } from '../tests/fixtures/server';
import { healthWatch } from './healthWatch';

const RUNS = 3;

async function pagesOf(bytes: Uint8Array): Promise<number> {
  // A copy: pdf.js takes over (detaches) the buffer it is given.
  const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false }).promise;
  const n = pdf.numPages;
  await pdf.destroy();
  return n;
}

async function timed(url: string) {
  const t0 = performance.now();
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { ms: Math.round(performance.now() - t0), bytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(base: string, mapId: string, format: 'pdf' | 'png', query: string) {
  const url = `${base}/api/maps/${mapId}/export.${format}${query}`;
  const times: number[] = [];
  let last: Uint8Array = new Uint8Array();
  for (let i = 0; i < RUNS; i++) {
    const { ms, bytes } = await timed(url);
    times.push(ms);
    last = bytes;
  }
  const detail =
    format === 'pdf'
      ? { pages: await pagesOf(last) }
      : { width: Buffer.from(last).readUInt32BE(16), height: Buffer.from(last).readUInt32BE(20) };
  return { medianMs: median(times), runsMs: times, kb: Math.round(last.byteLength / 1024), ...detail };
}

export async function serverExport() {
  const port = await freePort();
  const child = await spawnServer(port, tempDir());
  const base = `http://127.0.0.1:${port}`;
  try {
    const template = await createMap(base, { template: 'backpack', locale: 'zh-CN' });
    // The first export starts the worker thread and converts the fonts it needs.
    const cold = await timed(`${base}/api/maps/${template}/export.pdf`);
    const author = await largeMapOnServer(base, 600, 'zh-CN');
    const big = author.provider.roomname;
    author.close();
    const results: Record<string, unknown> = { coldFirstPdfMs: cold.ms };
    for (const [name, id] of [
      ['template63', template],
      ['cards600', big],
    ] as const) {
      const watch = healthWatch(base);
      results[name] = {
        pdfFit: await measure(base, id, 'pdf', ''),
        pdfA4Summary: await measure(base, id, 'pdf', '?paper=a4&summary=1'),
        png: await measure(base, id, 'png', ''),
        worstHealthMs: await watch(),
      };
    }
    return results;
  } finally {
    await kill9(child);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await serverExport(), null, 2));
