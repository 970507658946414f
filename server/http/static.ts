/**
 * The built app (STATIC_DIR): its files, and index.html for every other
 * path (the app's own router takes over). Hashed assets are cached for a
 * year; nothing outside STATIC_DIR is ever read.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log';
import { HttpError } from './respond';

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

const isFile = async (file: string) =>
  fs.promises.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );

export function createStaticFiles(staticDir: string, log: Logger) {
  const root = path.resolve(staticDir);

  const sendFile = (req: IncomingMessage, res: ServerResponse, file: string, cacheControl: string) => {
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

  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed', undefined, { allow: 'GET, HEAD' });
    const file = path.resolve(root, '.' + decodeURIComponent(pathname));
    // path.resolve has removed every `..`: what is not under the root is outside it.
    if (file.startsWith(root + path.sep) && !file.includes('\0') && (await isFile(file))) {
      const hashed = pathname.startsWith('/assets/');
      return sendFile(req, res, file, hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    // A missing asset (or any file-like path) is a 404, not the app: a browser
    // asking for a stale /assets/x.js must not be handed HTML.
    if (pathname.startsWith('/assets/') || path.extname(pathname) !== '') throw new HttpError(404, 'not found');
    const index = path.join(root, 'index.html');
    if (await isFile(index)) return sendFile(req, res, index, 'no-cache');
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(NOT_BUILT);
  };
}
