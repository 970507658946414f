/**
 * `npm run export -- <mapId> --format pdf|png --out <file> [options]`: a
 * map's PDF or PNG for scripts (a weekly review pack), made by the same code
 * as GET /api/maps/:id/export.pdf|png, from the store the server uses (the
 * same environment: DATA_DIR, DATABASE_URL). Options are the endpoints'
 * query parameters as flags: --paper fit|a4|a3, --summary, --comments,
 * --lang en|zh-CN, --author <name>, --scope map|selection|view,
 * --cards <id,id>, --view x,y,w,h, --background white|transparent.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { loadConfig } from './config';
import { PdfQuerySchema, PngQuerySchema } from './export/exportQuery';
import { renderOnServer } from './export/renderOnServer';
import { openStore } from './store/open';
import { docId } from './store/types';

const USAGE =
  'usage: npm run export -- <mapId> --format pdf|png --out <file> [--paper fit|a4|a3] [--summary] [--comments] [--lang en|zh-CN] [--author <name>] [--scope map|selection|view] [--cards <id,…>] [--view x,y,w,h] [--background white|transparent]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const OPTIONS = {
  format: { type: 'string' },
  out: { type: 'string' },
  paper: { type: 'string' },
  summary: { type: 'boolean' },
  comments: { type: 'boolean' },
  lang: { type: 'string' },
  author: { type: 'string' },
  scope: { type: 'string' },
  cards: { type: 'string' },
  view: { type: 'string' },
  background: { type: 'string' },
} as const;

/**
 * Map ids are nanoids, whose alphabet includes '-': one in 64 starts with it
 * ("-k3…"), which parseArgs would read as a short option. The id comes first,
 * so a first argument that is not one of our options is the id, whatever it
 * starts with; it is passed after '--' where nothing is an option.
 */
function argsWithMapIdLast(args: string[]): string[] {
  const [first, ...rest] = args;
  if (first === undefined || first === '--') return args;
  const name = first.startsWith('--') ? first.slice(2).split('=')[0] : undefined;
  if (name !== undefined && name in OPTIONS) return args;
  return [...rest, '--', first];
}

let parsed: ReturnType<typeof parseArgs<{ allowPositionals: true; options: typeof OPTIONS }>>;
try {
  parsed = parseArgs({ args: argsWithMapIdLast(process.argv.slice(2)), allowPositionals: true, options: OPTIONS });
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
const { positionals, values } = parsed;
const [mapId] = positionals;
const format = values.format;
if (!mapId || positionals.length > 1) fail('give one map id');
if (format !== 'pdf' && format !== 'png') fail('--format must be pdf or png');
if (typeof values.out !== 'string') fail('--out <file> is required');

const query: Record<string, string> = {};
for (const [name, value] of Object.entries(values)) {
  if (name === 'format' || name === 'out' || value === undefined) continue;
  query[name] = value === true ? '1' : String(value);
}
const options = (format === 'pdf' ? PdfQuerySchema : PngQuerySchema).safeParse(query);
if (!options.success) fail(options.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));

const store = await openStore(loadConfig());
try {
  if (!(await store.getMap(mapId))) fail(`no map ${mapId} in this store`);
  const stored = await store.loadState(mapId);
  const comments = options.data.comments ? await store.loadState(docId(mapId, 'comments')) : [];
  const result = await renderOnServer({
    format,
    query: options.data,
    map: Y.mergeUpdates(stored),
    comments: comments.length ? Y.mergeUpdates(comments) : null,
    now: Date.now(),
  });
  if (!result.ok) fail(result.message);
  fs.writeFileSync(values.out, result.bytes);
  console.log(
    `${values.out}: ${format.toUpperCase()}, ${result.pages} page${result.pages === 1 ? '' : 's'}, ${result.bytes.byteLength} bytes`,
  );
} finally {
  await store.close();
}
