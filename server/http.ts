/**
 * HTTP: the REST API under /api, /health, and the built app (with the SPA
 * fallback to index.html). Every body is size-capped and validated with the
 * model's zod schemas; no request can crash the process.
 *
 * Access (server/auth.ts): /api/maps* is the workspace's (open without a
 * workspace password, else behind the session cookie), except that a share
 * token may read its own map's summary and JSON export and use its version
 * history (any role lists and previews; an editor link also saves,
 * restores, deletes).
 * /api/session signs in and out; /api/access tells a page its role.
 * Requests that change something are refused from pages on other origins.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { z } from 'zod';
import { SERVER_ORIGIN, docToMapDocument, loadMapDocument, metaMap, newId } from '../src/model/doc';
import {
  CreateMapRequestSchema,
  IdSchema,
  MetaSchema,
  UpdateMapRequestSchema,
  type Locale,
  type MapDocument,
  type MapSummary,
} from '../src/model/schema';
import { CreateVersionRequestSchema, RestoreVersionRequestSchema } from '../src/model/versions';
import { buildTemplate } from '../src/model/templates';
import { titleMatcher } from '../src/model/search';
import { tokenParam, type Access, type ShareLinks } from './auth';
import type { Config } from './config';
import type { Logger } from './log';
import { AttemptLimiter, sessionCookie } from './session';
import type { MapRecord, Store } from './store/types';
import { VersionError, type Versions } from './versions';
import { CLOSE } from '../src/model/closeCodes';
import { MapNotFoundError } from './ws/room';
import { mapStats } from '../src/model/stats';
import { parseMapFile, type MapFileComments } from '../src/model/exchange/mapFile';
import { attachmentDisposition, commentsState, fileCounts, importedMap, readMapFile } from './exchange';
import type { RoomRegistry } from './ws/rooms';
import type { SharedSockets } from './ws/shared';

export interface Issue {
  path: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: Issue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const notAllowed = (allow: string) => new HttpError(405, 'method not allowed', undefined, { allow });

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>Journeyboard</title>' +
  '<p>The Journeyboard app is not built yet. Run <code>npm run build</code> (or <code>npm start</code>, which builds and serves).</p>';

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

const summary = (r: MapRecord): MapSummary => ({
  id: r.id,
  title: r.title,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  ...(r.stats ? { stats: r.stats } : {}),
});

/** POST /api/maps/:id/duplicate: the copy's title, else "<title> (copy)" in the map's language. */
const DuplicateMapRequestSchema = z.object({ title: UpdateMapRequestSchema.shape.title.optional() });

/** POST /api/session */
const SignInRequestSchema = z.object({ password: z.string().min(1).max(1024) });

const MAX_TITLE = MetaSchema.shape.title.maxLength ?? 200;
const COPY_SUFFIX: Record<Locale, string> = { en: ' (copy)', 'zh-CN': '（副本）' };

/** "<title> (copy)", the title shortened so the whole still fits the title limit. */
function copyTitle(title: string, locale: Locale): string {
  const suffix = COPY_SUFFIX[locale];
  let base = title.slice(0, MAX_TITLE - suffix.length);
  if (/[\uD800-\uDBFF]$/.test(base)) base = base.slice(0, -1); // never half an emoji
  return base + suffix;
}

/** The body as text. 413 past `limit` bytes (declared or actual). */
async function readText(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () => new HttpError(413, `request body larger than ${limit} bytes`, undefined, { connection: 'close' });
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The body as JSON; empty means `{}`. 413 past `limit` bytes (declared or actual), 400 if not JSON. */
async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const text = await readText(req, limit);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'request body is not valid JSON', [{ path: '', message: 'not valid JSON' }]);
  }
}

function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new HttpError(
    400,
    'invalid request body',
    parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}

export interface HttpDeps {
  config: Config;
  store: Store;
  rooms: RoomRegistry;
  access: Access;
  shared: SharedSockets;
  versions: Versions;
  log: Logger;
}

export function createHttpHandler({ config, store, rooms, access, shared, versions, log }: HttpDeps) {
  const signInAttempts = new AttemptLimiter();

  /** The map's three links at its current link version. */
  const linksOf = async (req: IncomingMessage, id: string): Promise<ShareLinks> => {
    const version = await store.linkVersion(id);
    if (version === null) throw new HttpError(404, 'map not found');
    return access.links(req, id, version);
  };

  const createMap = async (req: IncomingMessage, res: ServerResponse) => {
    const body = validate(CreateMapRequestSchema, await readJson(req, config.MAX_BODY_BYTES));
    const now = Date.now();
    const template = body.template ?? 'blank';
    const map = buildTemplate(template, { locale: body.locale ?? 'en', title: body.title?.trim() || undefined, now });
    const id = await storeNewMap(map, now);
    log.info('map created', { map: id, template, locale: map.meta.locale });
    sendJson(res, 201, { id, links: await linksOf(req, id) });
  };

  /** A new map with `map` as its content (and `comments`), in a fresh doc (its own client id, no history); resolves with its id. */
  const storeNewMap = async (map: MapDocument, now: number, comments?: MapFileComments): Promise<string> => {
    const doc = new Y.Doc();
    try {
      loadMapDocument(doc, map, SERVER_ORIGIN);
      const id = newId();
      const record = { id, title: map.meta.title, createdAt: now, updatedAt: now, stats: mapStats(doc) };
      await store.createMap(record, Y.encodeStateAsUpdate(doc), comments ? { comments: commentsState(comments) } : {});
      return id;
    } finally {
      doc.destroy();
    }
  };

  const duplicateMap = async (req: IncomingMessage, res: ServerResponse, record: MapRecord) => {
    const body = validate(DuplicateMapRequestSchema, await readJson(req, config.MAX_BODY_BYTES));
    // Through the room, so edits not yet stored (or made this very moment) are in the copy.
    const room = await rooms.get(record.id);
    let source: MapDocument;
    try {
      source = docToMapDocument(room.doc);
    } catch (err) {
      log.warn('map not duplicated: invalid content', { map: record.id, err });
      throw new HttpError(422, 'the map’s content is not valid, so it cannot be copied');
    } finally {
      rooms.scheduleIdle(room); // loaded only to copy it: unload it again later
    }
    const now = Date.now();
    const title = body.title ?? copyTitle(source.meta.title, source.meta.locale);
    const id = await storeNewMap({ ...source, meta: { ...source.meta, title, createdAt: now, updatedAt: now } }, now);
    log.info('map duplicated', { map: id, from: record.id });
    sendJson(res, 201, { id, links: await linksOf(req, id) });
  };

  /** GET /api/maps/:id/export.json[?comments=1]: the map file (src/model/exchange/mapFile.ts) as a download. */
  const exportMap = async (res: ServerResponse, record: MapRecord, query: URLSearchParams) => {
    const file = await readMapFile(rooms, record.id, query.get('comments') === '1');
    if (!file) throw new HttpError(422, 'the map’s content is not valid, so it cannot be exported');
    sendJson(res, 200, file, { 'content-disposition': attachmentDisposition(file.meta.title, `journey-map-${record.id}`) });
  };

  /** POST /api/maps/import: the body is a map file; a new map with its content (and comments), or every issue and nothing created. */
  const importMap = async (req: IncomingMessage, res: ServerResponse) => {
    const parsed = parseMapFile(await readText(req, config.MAX_IMPORT_BYTES));
    if (!parsed.ok) throw new HttpError(400, 'invalid map file', parsed.issues);
    const now = Date.now();
    const id = await storeNewMap(importedMap(parsed.map, now), now, parsed.comments);
    log.info('map imported', { map: id, ...fileCounts(parsed.map, parsed.comments) });
    sendJson(res, 201, { id, links: await linksOf(req, id) });
  };

  const listMaps = async (res: ServerResponse, query: URLSearchParams) => {
    // `?q=`: the same title match as the dashboard's search box (src/model/search.ts).
    const matches = titleMatcher(query.get('q') ?? '');
    const maps = await store.listMaps();
    sendJson(res, 200, maps.filter((m) => matches(m.title)).map(summary));
  };

  const renameMap = async (req: IncomingMessage, res: ServerResponse, record: MapRecord) => {
    const { title } = validate(UpdateMapRequestSchema, await readJson(req, config.MAX_BODY_BYTES));
    const room = await rooms.get(record.id);
    const updatedAt = Date.now();
    // Through the doc, so everyone on the map sees the new title live; the
    // room stores the change like any other, and the row below at once.
    room.doc.transact(() => {
      metaMap(room.doc).set('title', title);
      metaMap(room.doc).set('updatedAt', updatedAt);
    }, SERVER_ORIGIN);
    await store.updateMap(record.id, { title, updatedAt });
    rooms.scheduleIdle(room); // loaded only for this rename: unload it again later
    sendJson(res, 200, summary({ ...record, title, updatedAt }));
  };

  const findMap = async (rawId: string | undefined): Promise<MapRecord> => {
    const id = IdSchema.safeParse(rawId);
    const record = id.success ? await store.getMap(id.data) : null;
    if (!record) throw new HttpError(404, 'map not found');
    return record;
  };

  /** Revokes every link of the map issued so far; sockets that came in through one are closed. */
  const rotateLinks = async (req: IncomingMessage, res: ServerResponse, record: MapRecord) => {
    const version = await store.rotateLinks(record.id);
    if (version === null) throw new HttpError(404, 'map not found');
    const closed = shared.revoke(record.id, version, CLOSE.unauthorized, 'link revoked');
    log.info('links rotated', { map: record.id, closedSockets: closed });
    sendJson(res, 200, access.links(req, record.id, version));
  };

  const remoteAddress = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown';

  const signIn = async (req: IncomingMessage, res: ServerResponse) => {
    const sessions = access.sessions;
    if (sessions === null) throw new HttpError(409, 'this server has no workspace password: nothing to sign in to');
    const address = remoteAddress(req);
    // Checked before the password, so guessing on at the limit learns nothing.
    const wait = signInAttempts.retryAfter(address);
    if (wait > 0) {
      log.debug('sign-in refused: too many attempts', { remote: address });
      throw new HttpError(429, 'too many sign-in attempts: try again later', undefined, { 'retry-after': String(wait) });
    }
    const { password } = validate(SignInRequestSchema, await readJson(req, config.MAX_BODY_BYTES));
    if (!sessions.passwordMatches(password)) {
      signInAttempts.fail(address);
      log.warn('sign-in failed: wrong password', { remote: address });
      throw new HttpError(401, 'wrong password');
    }
    log.info('signed in', { remote: address });
    res.writeHead(204, { 'set-cookie': sessionCookie(sessions.issue(), access.secureCookies), 'cache-control': 'no-store' }).end();
  };

  const session = async (req: IncomingMessage, res: ServerResponse, method: string) => {
    if (method === 'GET') return sendJson(res, 200, { passwordRequired: access.passwordRequired, signedIn: access.hasWorkspace(req) });
    if (method === 'POST') return signIn(req, res);
    if (method === 'DELETE') {
      res.writeHead(204, { 'set-cookie': sessionCookie(null, access.secureCookies), 'cache-control': 'no-store' }).end();
      return;
    }
    throw notAllowed('GET, POST, DELETE');
  };

  /** GET /api/access?map=<id>[&token=<token>]: the role this page has on the map, as its socket will get it. */
  const accessOf = async (req: IncomingMessage, res: ServerResponse, query: URLSearchParams) => {
    const mapId = IdSchema.safeParse(query.get('map'));
    if (!mapId.success || query.getAll('map').length !== 1) {
      throw new HttpError(400, 'invalid query', [{ path: 'map', message: 'one map id is required' }]);
    }
    const admission = await access.admit(req, mapId.data, tokenParam(query));
    if (!admission.ok) throw new HttpError(admission.status, admission.reason);
    sendJson(res, 200, { mapId: mapId.data, role: admission.role });
  };

  /** A request by share token on map `rawId`: the token must be good for it, and an editor's for `write`. */
  const authorizeToken = async (req: IncomingMessage, rawId: string | undefined, token: string, need: 'read' | 'write') => {
    const id = IdSchema.safeParse(rawId);
    if (!id.success) throw new HttpError(404, 'map not found');
    const admission = await access.admit(req, id.data, token);
    if (!admission.ok) throw new HttpError(admission.status, admission.reason);
    if (need === 'write' && admission.role !== 'editor') {
      throw new HttpError(403, `a ${admission.role} link may list and preview versions, not save, restore or delete them`);
    }
  };

  /**
   * Whether this /api/maps request may go on. The workspace may do
   * everything; without it, a share token may read its own map's summary
   * and export it (GET /api/maps/:id[/export.json]?token=…), never import.
   * On a map's versions a token decides alone, as it does for the map's
   * sockets: a viewer's page may not restore even where the workspace is open.
   */
  const authorizeMaps = async (req: IncomingMessage, method: string, parts: string[], query: URLSearchParams) => {
    const token = tokenParam(query);
    const reading = method === 'GET' || method === 'HEAD';
    if (token !== null && parts.length >= 3 && parts[2] === 'versions') {
      return authorizeToken(req, parts[1], token, reading ? 'read' : 'write');
    }
    if (access.hasWorkspace(req)) return;
    const ownMapRead = parts.length === 2 || (parts.length === 3 && parts[2] === 'export.json');
    if (token !== null && ownMapRead && reading) return authorizeToken(req, parts[1], token, 'read');
    // A link, however good, is no way into the dashboard.
    throw new HttpError(401, 'sign in required');
  };

  /** POST /api/maps/:id/versions { name, createdBy? }: a named version of the map as the server holds it now. */
  const saveVersion = async (req: IncomingMessage, res: ServerResponse, record: MapRecord) => {
    const body = validate(CreateVersionRequestSchema, await readJson(req, config.MAX_BODY_BYTES));
    // Through the room, like duplicate: edits not yet stored are in the version.
    const room = await rooms.get(record.id);
    try {
      sendJson(res, 201, await versions.saveNamed(room, body.name, body.createdBy ?? ''));
    } finally {
      rooms.scheduleIdle(room);
    }
  };

  /** POST /api/maps/:id/versions/:versionId/restore { createdBy? } */
  const restoreVersion = async (req: IncomingMessage, res: ServerResponse, record: MapRecord, versionId: string) => {
    const body = validate(RestoreVersionRequestSchema, await readJson(req, config.MAX_BODY_BYTES));
    const room = await rooms.get(record.id);
    try {
      sendJson(res, 200, await versions.restore(room, versionId, body.createdBy ?? ''));
    } finally {
      rooms.scheduleIdle(room);
    }
  };

  /** /api/maps/:id/versions[/:versionId[/restore]] */
  const versionRoutes = async (req: IncomingMessage, res: ServerResponse, method: string, parts: string[]): Promise<void> => {
    const record = await findMap(parts[1]);
    const versionId = parts[3] ?? '';
    if (parts.length === 3) {
      if (method === 'GET') return sendJson(res, 200, await versions.list(record.id));
      if (method === 'POST') return saveVersion(req, res, record);
      throw notAllowed('GET, POST');
    }
    if (parts.length === 4) {
      if (method === 'GET') return sendJson(res, 200, await versions.content(record.id, versionId));
      if (method === 'DELETE') {
        await versions.remove(record.id, versionId);
        res.writeHead(204).end();
        return;
      }
      throw notAllowed('GET, DELETE');
    }
    if (parts.length === 5 && parts[4] === 'restore') {
      if (method === 'POST') return restoreVersion(req, res, record, versionId);
      throw notAllowed('POST');
    }
    throw new HttpError(404, 'not found');
  };

  const api = async (req: IncomingMessage, res: ServerResponse, parts: string[], query: URLSearchParams): Promise<void> => {
    const method = req.method ?? 'GET';
    // A page on another site must not create, change or delete anything (nor sign in).
    if (method !== 'GET' && method !== 'HEAD' && access.isCrossOrigin(req)) throw new HttpError(403, 'cross-origin request refused');
    if (parts.length === 1 && parts[0] === 'session') return session(req, res, method);
    if (parts.length === 1 && parts[0] === 'access') {
      if (method === 'GET') return accessOf(req, res, query);
      throw notAllowed('GET');
    }
    if (parts[0] !== 'maps') throw new HttpError(404, 'not found');
    await authorizeMaps(req, method, parts, query);
    if (parts.length === 1 && parts[0] === 'maps') {
      if (method === 'GET') return listMaps(res, query);
      if (method === 'POST') return createMap(req, res);
      throw notAllowed('GET, POST');
    }
    if (parts.length === 2 && parts[1] === 'import') {
      if (method === 'POST') return importMap(req, res);
      throw notAllowed('POST');
    }
    if (parts.length >= 3 && parts[2] === 'versions') return versionRoutes(req, res, method, parts);
    if (parts.length === 3 && parts[2] === 'export.json') {
      const record = await findMap(parts[1]);
      if (method === 'GET') return exportMap(res, record, query);
      throw notAllowed('GET');
    }
    if (parts.length === 3 && parts[0] === 'maps' && parts[2] === 'duplicate') {
      const record = await findMap(parts[1]);
      if (method === 'POST') return duplicateMap(req, res, record);
      throw notAllowed('POST');
    }
    if (parts.length === 3 && parts[0] === 'maps' && parts[2] === 'links') {
      const record = await findMap(parts[1]);
      if (method === 'GET') return sendJson(res, 200, await linksOf(req, record.id));
      throw notAllowed('GET');
    }
    if (parts.length === 4 && parts[0] === 'maps' && parts[2] === 'links' && parts[3] === 'rotate') {
      const record = await findMap(parts[1]);
      if (method === 'POST') return rotateLinks(req, res, record);
      throw notAllowed('POST');
    }
    if (parts.length === 2 && parts[0] === 'maps') {
      const record = await findMap(parts[1]);
      if (method === 'GET') return sendJson(res, 200, summary(record));
      if (method === 'PATCH') return renameMap(req, res, record);
      if (method === 'DELETE') {
        // Sockets first, so no edit lands between the delete and the close.
        rooms.evict(record.id, CLOSE.mapDeleted, 'map deleted');
        await store.deleteMap(record.id);
        shared.forget(record.id);
        log.info('map deleted', { map: record.id });
        res.writeHead(204).end();
        return;
      }
      throw notAllowed('GET, PATCH, DELETE');
    }
    throw new HttpError(404, 'not found');
  };

  const staticRoot = path.resolve(config.STATIC_DIR);
  const sendFile = async (req: IncomingMessage, res: ServerResponse, file: string, cacheControl: string) => {
    res.writeHead(200, {
      'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
      // The page's URL may carry a share token: never hand it to another site as a Referer.
      'referrer-policy': 'no-referrer',
    });
    if (req.method === 'HEAD') return void res.end();
    const stream = fs.createReadStream(file);
    // A read error after the headers went out: all we can do is cut the response.
    stream.on('error', (err) => {
      log.warn('static file read failed', { file, err });
      res.destroy();
    });
    stream.pipe(res);
  };
  const isFile = async (file: string) =>
    fs.promises.stat(file).then(
      (s) => s.isFile(),
      () => false,
    );

  const serveStatic = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw notAllowed('GET, HEAD');
    const file = path.resolve(staticRoot, '.' + decodeURIComponent(pathname));
    // path.resolve has removed every `..`: what is not under the root is outside it.
    if (file.startsWith(staticRoot + path.sep) && !file.includes('\0') && (await isFile(file))) {
      const hashed = pathname.startsWith('/assets/');
      return sendFile(req, res, file, hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    // A missing asset (or any file-like path) is a 404, not the app: a browser
    // asking for a stale /assets/x.js must not be handed HTML.
    if (pathname.startsWith('/assets/') || path.extname(pathname) !== '') throw new HttpError(404, 'not found');
    const index = path.join(staticRoot, 'index.html');
    if (await isFile(index)) return sendFile(req, res, index, 'no-cache');
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(NOT_BUILT);
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let pathname = '/';
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      pathname = url.pathname;
      if (pathname === '/health') return sendJson(res, 200, { ok: true, rooms: rooms.size, connections: rooms.connections });
      if (pathname === '/api' || pathname.startsWith('/api/'))
        return await api(req, res, pathname.split('/').filter(Boolean).slice(1), url.searchParams);
      if (pathname === '/ws' || pathname.startsWith('/ws/'))
        throw new HttpError(426, 'websocket endpoint: upgrade required', undefined, { upgrade: 'websocket' });
      return await serveStatic(req, res, pathname);
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) {
        return sendJson(res, err.status, { error: err.message, ...(err.issues ? { issues: err.issues } : {}) }, err.headers);
      }
      if (err instanceof VersionError) return sendJson(res, err.status, { error: err.message });
      if (err instanceof URIError) return sendJson(res, 400, { error: 'malformed URL' });
      // deleted while a rename or a duplicate was loading its room
      if (err instanceof MapNotFoundError) return sendJson(res, 404, { error: 'map not found' });
      log.error('request failed', { method: req.method, path: pathname, err });
      return sendJson(res, 500, { error: 'internal error' });
    }
  };
}
