/**
 * Maps as JSON files (docs/FORMAT.md): GET /api/maps/:id/export.json for
 * any share link of the map, POST /api/maps/import for the workspace. An
 * import is parsed, validated and built into a document off the event loop
 * (MapImporter), so a big or hostile file never stalls anyone else.
 */
import { newId } from '../../src/model/doc';
import type { Access } from '../auth';
import { attachmentDisposition, readMapFile } from '../exchange';
import type { ImportPreparation, MapImporter } from '../importer';
import { TaskWorkerError } from '../taskWorker';
import type { Logger } from '../log';
import type { Store } from '../store/types';
import type { RoomRegistry } from '../ws/rooms';
import { findMap, linksOf } from './mapRoutes';
import { HttpError, readBytes, sendJson, taskFailureError } from './respond';
import type { RequestContext, Route } from './router';

export interface ExchangeRouteDeps {
  store: Store;
  rooms: RoomRegistry;
  access: Access;
  importer: MapImporter;
  maxImportBytes: number;
  log: Logger;
}

export function exchangeRoutes({ store, rooms, access, importer, maxImportBytes, log }: ExchangeRouteDeps): Route[] {
  /** GET /api/maps/:id/export.json[?comments=1]: the map file as a download, read through the room (live edits included). */
  const exportMap = async ({ res, params, query }: RequestContext) => {
    const record = await findMap(store, params.id);
    const file = await readMapFile(rooms, record.id, query.get('comments') === '1');
    if (!file) throw new HttpError(422, 'the map’s content is not valid, so it cannot be exported');
    sendJson(res, 200, file, { 'content-disposition': attachmentDisposition(file.meta.title, `journey-map-${record.id}`) });
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
    log.info('map imported', { map: id, ...prepared.counts });
    sendJson(res, 201, { id, links: await linksOf(store, access, req, id) });
  };

  return [
    { method: 'GET', path: '/api/maps/:id/export.json', access: { link: 'viewer' }, handle: exportMap },
    { method: 'POST', path: '/api/maps/import', access: 'workspace', cap: 'createMap', handle: importMap },
  ];
}
