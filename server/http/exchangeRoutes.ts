/**
 * Maps as files: GET /api/maps/:id/export.json (docs/FORMAT.md), export.pdf
 * and export.png for any share link of the map, POST /api/maps/import for
 * the workspace. An import is parsed, validated and built into a document,
 * and a PDF or PNG drawn, off the event loop (MapImporter, MapExporter), so
 * a big or hostile file never stalls anyone else.
 */
import { newId } from '../../src/model/doc';
import { MAX_LINKED_LOOKUP } from '../../src/model/journeys/wire';
import type { Access } from '../auth';
import { attachmentDisposition, readMapFile, readMapStates } from '../exchange';
import { PdfQuerySchema, PngQuerySchema, optionsOf } from '../export/exportQuery';
import type { MapExporter } from '../export/mapExporter';
import type { ExportFormat } from '../export/renderOnServer';
import type { ImportPreparation, MapImporter } from '../importer';
import { TaskWorkerError } from '../taskWorker';
import type { Logger } from '../log';
import type { Store } from '../store/types';
import type { RoomRegistry } from '../ws/rooms';
import { findMap, linksOf } from './mapRoutes';
import { HttpError, readBytes, sendJson, taskFailureError, validate } from './respond';
import type { RequestContext, Route } from './router';

export interface ExchangeRouteDeps {
  store: Store;
  rooms: RoomRegistry;
  access: Access;
  importer: MapImporter;
  exporter: MapExporter;
  maxImportBytes: number;
  log: Logger;
}

const CONTENT_TYPE: Record<ExportFormat, string> = { pdf: 'application/pdf', png: 'image/png' };

/** The titles of the maps a map links to, null for a map that is gone (at most MAX_LINKED_LOOKUP looked up; the rest drawn untitled). */
async function linkedTitlesOf(store: Store, ids: readonly string[]): Promise<[string, string | null][]> {
  const asked = ids.slice(0, MAX_LINKED_LOOKUP);
  const found = new Map((await store.getMaps(asked)).map((m) => [m.id, m.title]));
  return asked.map((id) => [id, found.get(id) ?? null]);
}

export function exchangeRoutes({ store, rooms, access, importer, exporter, maxImportBytes, log }: ExchangeRouteDeps): Route[] {
  /** GET /api/maps/:id/export.json[?comments=1]: the map file as a download, read through the room (live edits included). */
  const exportMap = async ({ res, params, query }: RequestContext) => {
    const record = await findMap(store, params.id);
    const file = await readMapFile(rooms, record.id, query.get('comments') === '1');
    if (!file) throw new HttpError(422, 'the map’s content is not valid, so it cannot be exported');
    sendJson(res, 200, file, { 'content-disposition': attachmentDisposition(file.meta.title, `journey-map-${record.id}`) });
  };

  /** GET /api/maps/:id/export.pdf|png?…: the map drawn by the same renderer as the browser's Export (exportQuery.ts for the options). */
  const exportDrawing =
    (format: ExportFormat) =>
    async ({ res, params, query, grant }: RequestContext) => {
      const options = validate<unknown>(format === 'pdf' ? PdfQuerySchema : PngQuerySchema, optionsOf(query), 'export options');
      const record = await findMap(store, params.id);
      const { linkedIds, ...states } = await readMapStates(rooms, record.id, (options as { comments: boolean }).comments);
      // A share link's holder sees this map only: its export names no other map (drawn as "Linked map").
      const linkedTitles = grant.via === 'token' ? [] : await linkedTitlesOf(store, linkedIds);
      let result;
      try {
        result = await exporter.render({ format, query: options as never, ...states, linkedTitles, now: Date.now() });
      } catch (err) {
        if (!(err instanceof TaskWorkerError)) throw err;
        log.warn('map export failed', { map: record.id, format, reason: err.reason, err: err.cause });
        throw taskFailureError(err);
      }
      if (!result.ok) throw new HttpError(400, result.message);
      res.writeHead(200, {
        'content-type': CONTENT_TYPE[format],
        'content-length': String(result.bytes.byteLength),
        'cache-control': 'no-store',
        'content-disposition': attachmentDisposition(record.title, `journey-map-${record.id}`, format),
      });
      res.end(result.bytes);
    };

  /** POST /api/maps/import: a new map with the file's content (and comments), or every issue and nothing created. */
  const importMap = async ({ req, res }: RequestContext) => {
    const body = await readBytes(req, maxImportBytes);
    const now = Date.now();
    let prepared: ImportPreparation;
    try {
      prepared = await importer.prepare(body, now);
    } catch (err) {
      if (!(err instanceof TaskWorkerError)) throw err;
      log.warn('map import failed', { reason: err.reason, bytes: body.byteLength, err: err.cause });
      throw taskFailureError(err);
    }
    if (!prepared.ok) throw new HttpError(400, 'invalid map file', prepared.issues);
    const id = newId();
    const record = { id, title: prepared.title, createdAt: now, updatedAt: now, stats: prepared.stats };
    await store.createMap(record, prepared.state, prepared.comments ? { comments: prepared.comments } : {});
    await store.putSearchCards(id, prepared.search);
    await store.putJourneyLinks(id, prepared.links);
    log.info('map imported', { map: id, ...prepared.counts });
    sendJson(res, 201, { id, links: await linksOf(store, access, req, id) });
  };

  return [
    { method: 'GET', path: '/api/maps/:id/export.json', access: { link: 'viewer' }, handle: exportMap },
    { method: 'GET', path: '/api/maps/:id/export.pdf', access: { link: 'viewer' }, handle: exportDrawing('pdf') },
    { method: 'GET', path: '/api/maps/:id/export.png', access: { link: 'viewer' }, handle: exportDrawing('png') },
    { method: 'POST', path: '/api/maps/import', access: 'workspace', cap: 'createMap', handle: importMap },
  ];
}
