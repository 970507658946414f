/**
 * HTTP: the REST API under /api, /health, and the built app (with the SPA
 * fallback to index.html). Every body is size-capped and validated with the
 * model's zod schemas; no request can crash the process.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import type { z } from 'zod';
import { SERVER_ORIGIN, loadMapDocument, metaMap, newId } from '../src/model/doc';
import { CreateMapRequestSchema, IdSchema, UpdateMapRequestSchema } from '../src/model/schema';
import { buildTemplate } from '../src/model/templates';
import type { Config } from './config';
import type { Logger } from './log';
import type { Store } from './store/types';
import { CLOSE_MAP_DELETED } from './ws/connection';
import type { RoomRegistry } from './ws/rooms';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `body larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `body larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
}

function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new HttpError(
    400,
    'invalid request body',
    parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
}

export interface HttpDeps {
  config: Config;
  store: Store;
  rooms: RoomRegistry;
  log: Logger;
}

export function createHttpHandler({ config, store, rooms, log }: HttpDeps) {
  const api = async (req: IncomingMessage, res: ServerResponse, parts: string[]) => {
    const method = req.method ?? 'GET';
    if (parts.length === 1 && parts[0] === 'maps') {
      if (method === 'GET') return sendJson(res, 200, await store.listMaps());
      if (method === 'POST') {
        const body = validate(CreateMapRequestSchema, await readJson(req, config.MAX_BODY_BYTES));
        const now = Date.now();
        const map = buildTemplate(body.template ?? 'blank', { locale: body.locale ?? 'en', title: body.title?.trim() || undefined, now });
        const doc = new Y.Doc();
        loadMapDocument(doc, map, SERVER_ORIGIN);
        const id = newId();
        await store.createMap({ id, title: map.meta.title, createdAt: now, updatedAt: now }, Y.encodeStateAsUpdate(doc));
        doc.destroy();
        log.info('map created', { map: id, template: body.template ?? 'blank' });
        return sendJson(res, 201, { id });
      }
      throw new HttpError(405, 'method not allowed');
    }
    if (parts.length === 2 && parts[0] === 'maps') {
      const id = IdSchema.safeParse(parts[1]);
      const record = id.success ? await store.getMap(id.data) : null;
      if (!id.success || !record) throw new HttpError(404, 'map not found');
      if (method === 'GET') return sendJson(res, 200, record);
      if (method === 'PATCH') {
        const { title } = validate(UpdateMapRequestSchema, await readJson(req, config.MAX_BODY_BYTES));
        const room = await rooms.get(record.id);
        const updatedAt = Date.now();
        // Through the doc, so everyone on the map sees the new title live.
        room.doc.transact(() => {
          metaMap(room.doc).set('title', title);
          metaMap(room.doc).set('updatedAt', updatedAt);
        }, SERVER_ORIGIN);
        await store.updateMap(record.id, { title, updatedAt });
        rooms.scheduleIdle(room);
        return sendJson(res, 200, { ...record, title, updatedAt });
      }
      if (method === 'DELETE') {
        rooms.evict(record.id, CLOSE_MAP_DELETED, 'map deleted');
        await store.deleteMap(record.id);
        log.info('map deleted', { map: record.id });
        res.writeHead(204).end();
        return;
      }
      throw new HttpError(405, 'method not allowed');
    }
    throw new HttpError(404, 'not found');
  };

  const staticRoot = path.resolve(config.STATIC_DIR);
  const serveStatic = (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed');
    const file = path.resolve(staticRoot, '.' + decodeURIComponent(pathname));
    const inside = file.startsWith(staticRoot + path.sep);
    const isFile = inside && fs.existsSync(file) && fs.statSync(file).isFile();
    const target = isFile ? file : path.join(staticRoot, 'index.html');
    if (!fs.existsSync(target)) {
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<!doctype html><title>Journeyboard</title><p>The app is not built yet: run <code>npm run build</code> (or <code>npm start</code>).</p>',
      );
      return;
    }
    const immutable = isFile && pathname.startsWith('/assets/');
    res.writeHead(200, {
      'content-type': MIME[path.extname(target)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(target).pipe(res);
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let pathname = '/';
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (pathname === '/health') return sendJson(res, 200, { ok: true, rooms: rooms.size, connections: rooms.connections });
      if (pathname === '/api' || pathname.startsWith('/api/')) {
        const parts = pathname.split('/').filter(Boolean).slice(1);
        return await api(req, res, parts);
      }
      return serveStatic(req, res, pathname);
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) {
        if (err.status === 413) res.setHeader('connection', 'close');
        return sendJson(res, err.status, { error: err.message, ...(err.issues ? { issues: err.issues } : {}) });
      }
      if (err instanceof URIError) return sendJson(res, 400, { error: 'malformed URL' });
      log.error('request failed', { method: req.method, path: pathname, err });
      return sendJson(res, 500, { error: 'internal error' });
    }
  };
}
