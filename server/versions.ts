/**
 * Version history: named versions people save ("before workshop"),
 * automatic ones the room takes while people edit (at most one per
 * AUTO_VERSION_INTERVAL_MS), previews, and restores.
 *
 * - A version is the map document's full Yjs state, deflated (raw DEFLATE):
 *   a template map's state shrinks to about a third. It counts toward the
 *   map's MAX_MAP_STORAGE_BYTES with the document and its comments.
 * - Saving always goes through the map's room, so edits not yet stored (or
 *   made this very moment) are in the version.
 * - A restore is a new change on top of the live document (restoreContent,
 *   src/model/restore.ts), preceded by an automatic version of what was
 *   there; nobody's undo stack or offline edits are invalidated. It is made
 *   `quietly`, so it does not itself call for an automatic version.
 */
import zlib from 'node:zlib';
import * as Y from 'yjs';
import { SERVER_ORIGIN, docToMapDocument, metaMap, newId } from '../src/model/doc';
import { migrateDoc } from '../src/model/migrate';
import { restoreContent } from '../src/model/restore';
import { type MarkReviewedResult, type VersionKind, type VersionList, type VersionSummary } from '../src/model/versions';
import { IdSchema, MapDocumentSchema, type MapDocument } from '../src/model/schema';
import type { Logger } from './log';
import type { NewVersion, Store, VersionRecord } from './store/types';
import type { Room } from './ws/room';
import { mapStats } from '../src/model/stats';
import type { CompareSideRef } from '../src/model/compare/wire';
import type { StoredState } from './compare/compareStates';

export interface VersionPolicy {
  /** MAX_VERSIONS_PER_MAP: named versions per map */
  maxNamed: number;
  /** AUTO_VERSION_INTERVAL_MS */
  intervalMs: number;
  /** AUTO_VERSIONS_KEPT */
  autoKept: number;
  /** MAX_MAP_STORAGE_BYTES */
  maxStorageBytes: number;
}

/** A request about versions that cannot be done; the HTTP layer answers `status` with the message. */
export class VersionError extends Error {
  override name = 'VersionError';
  constructor(
    readonly status: 404 | 409 | 413 | 422,
    message: string,
  ) {
    super(message);
  }
}

export const compressState = (state: Uint8Array): Uint8Array => new Uint8Array(zlib.deflateRawSync(state));
export const decompressState = (stored: Uint8Array): Uint8Array => new Uint8Array(zlib.inflateRawSync(stored));

export function versionSummary(v: VersionRecord): VersionSummary {
  return {
    id: v.id,
    name: v.name,
    kind: v.kind,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
    bytes: v.bytes,
    cards: v.cards,
    ...(v.beforeRestoreOf !== undefined ? { beforeRestoreOf: v.beforeRestoreOf } : {}),
  };
}

const NOT_FOUND = () => new VersionError(404, 'version not found');

interface Capture {
  version: NewVersion;
  /** the room's edit count the version includes */
  edits: number;
}

export class Versions {
  constructor(
    private readonly store: Store,
    private readonly policy: VersionPolicy,
    private readonly log: Logger,
  ) {}

  get intervalMs(): number {
    return this.policy.intervalMs;
  }

  /** The room's document as it is this instant (synchronous: no edit can slip in between). */
  private capture(room: Room, fields: { kind: VersionKind; name: string; createdBy: string; beforeRestoreOf?: string }): Capture {
    const version: NewVersion = {
      id: newId(),
      mapId: room.mapId,
      createdAt: Date.now(),
      cards: mapStats(room.doc).cards,
      state: compressState(Y.encodeStateAsUpdate(room.doc)),
      ...fields,
    };
    return { version, edits: room.editCount };
  }

  async list(mapId: string): Promise<VersionList> {
    const [versions, bytes] = await Promise.all([this.store.listVersions(mapId), this.store.storageBytes(mapId)]);
    return { versions: versions.map(versionSummary), storage: { bytes, limit: this.policy.maxStorageBytes } };
  }

  /** A named version of the room's document. 409 past MAX_VERSIONS_PER_MAP, 413 past the storage limit. */
  async saveNamed(room: Room, name: string, createdBy: string): Promise<VersionSummary> {
    const { version, edits } = this.capture(room, { kind: 'named', name, createdBy });
    const { maxNamed, maxStorageBytes } = this.policy;
    const result = await this.store.createVersion(version, { maxNamed, maxStorageBytes });
    if (!result.ok) {
      if (result.reason === 'map not found') throw new VersionError(404, 'map not found');
      if (result.reason === 'too many versions') {
        throw new VersionError(409, `this map already has ${maxNamed} named versions: delete one to save another`);
      }
      const stored = await this.store.storageBytes(room.mapId);
      this.log.info('named version refused: storage limit', { map: room.mapId, stored, bytes: version.state.byteLength });
      throw new VersionError(
        413,
        `saving this version (${version.state.byteLength} bytes) would take the map past its storage limit ` +
          `(${stored} of ${maxStorageBytes} bytes used): delete named versions to make room`,
      );
    }
    room.noteVersion(version.createdAt, edits);
    this.log.info('version saved', { map: room.mapId, version: version.id, bytes: result.version.bytes });
    return versionSummary(result.version);
  }

  /**
   * "Mark as reviewed": sets the map's `lastReviewedAt` to the server's clock
   * (a server change, broadcast and stored like any edit, so everyone on the
   * map sees it at once) and saves a named version that includes it. If the
   * version cannot be saved (named version or storage limit), the mark is
   * taken back and the error thrown: a review is always in the history. The
   * map's row is written at once, so the dashboard shows the map as reviewed
   * on its next load rather than a few seconds later.
   */
  async markReviewed(room: Room, name: string, createdBy: string): Promise<MarkReviewedResult> {
    const meta = metaMap(room.doc);
    const before = meta.get('lastReviewedAt');
    const at = Date.now();
    room.quietly(() => room.doc.transact(() => meta.set('lastReviewedAt', at), SERVER_ORIGIN));
    let version: VersionSummary;
    try {
      version = await this.saveNamed(room, name, createdBy);
    } catch (err) {
      if (!room.isDestroyed && meta.get('lastReviewedAt') === at) {
        room.quietly(() =>
          room.doc.transact(
            () => (before === undefined ? meta.delete('lastReviewedAt') : meta.set('lastReviewedAt', before)),
            SERVER_ORIGIN,
          ),
        );
      }
      throw err;
    }
    await room.flush();
    this.log.info('map marked reviewed', { map: room.mapId, version: version.id });
    return { lastReviewedAt: at, version };
  }

  /** When the map's newest version was saved (null: never). */
  async newestAt(mapId: string): Promise<number | null> {
    return (await this.store.listVersions(mapId))[0]?.createdAt ?? null;
  }

  /**
   * An automatic version of the room's document, then the oldest automatic
   * ones beyond AUTO_VERSIONS_KEPT go. null if it would break the storage
   * limit, or (`onePerInterval`) if the map has a version from the last
   * interval: another node may have taken it a moment ago.
   */
  private async saveAuto(
    room: Room,
    extra: { createdBy?: string; beforeRestoreOf?: string } = {},
    onePerInterval = false,
  ): Promise<VersionRecord | null> {
    const { version, edits } = this.capture(room, {
      kind: 'auto',
      name: '',
      createdBy: extra.createdBy ?? '',
      ...(extra.beforeRestoreOf !== undefined ? { beforeRestoreOf: extra.beforeRestoreOf } : {}),
    });
    const limits = { maxStorageBytes: this.policy.maxStorageBytes, ...(onePerInterval ? { minIntervalMs: this.policy.intervalMs } : {}) };
    const result = await this.store.createVersion(version, limits);
    if (!result.ok) {
      if (result.reason === 'map not found') throw new VersionError(404, 'map not found');
      if (result.reason === 'too soon') return null;
      this.log.warn('automatic version skipped: storage limit', {
        map: room.mapId,
        bytes: version.state.byteLength,
        limit: this.policy.maxStorageBytes,
      });
      return null;
    }
    room.noteVersion(version.createdAt, edits);
    const pruned = await this.store.pruneAutoVersions(room.mapId, this.policy.autoKept);
    this.log.debug('automatic version saved', { map: room.mapId, version: version.id, bytes: result.version.bytes, pruned });
    return result.version;
  }

  /** An automatic version of the room's document, unless the map has one from the last interval (AutoVersions calls this). */
  async takeAuto(room: Room): Promise<void> {
    await this.saveAuto(room, {}, true);
  }

  private async find(mapId: string, versionId: string) {
    const id = IdSchema.safeParse(versionId);
    const record = id.success ? await this.store.getVersion(mapId, id.data) : null;
    if (!record) throw NOT_FOUND();
    return record;
  }

  /** A version's content in the open format (migrated to the current schema version), validated. 422 if it is not a valid map. */
  private contentOf(record: VersionRecord & { state: Uint8Array }): MapDocument {
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, decompressState(record.state));
      migrateDoc(doc, null);
      const parsed = MapDocumentSchema.safeParse(docToMapDocument(doc));
      if (!parsed.success) throw new Error(parsed.error.message);
      return parsed.data;
    } catch (err) {
      this.log.warn('version content not valid', { map: record.mapId, version: record.id, err });
      throw new VersionError(422, 'this version’s content is not a valid map');
    } finally {
      doc.destroy();
    }
  }

  /** A version as one side of a compare: what it is, and its state as stored (the compare worker reads it). 404 if there is none. */
  async compareSide(mapId: string, versionId: string): Promise<{ ref: CompareSideRef; stored: StoredState }> {
    const record = await this.find(mapId, versionId);
    return {
      ref: { id: record.id, kind: record.kind, name: record.name, createdAt: record.createdAt },
      stored: { state: record.state, deflated: true },
    };
  }

  /** GET …/versions/:versionId: the summary and the content, for a read-only preview. */
  async content(mapId: string, versionId: string): Promise<VersionSummary & { map: MapDocument }> {
    const record = await this.find(mapId, versionId);
    return { ...versionSummary(record), map: this.contentOf(record) };
  }

  /**
   * Restores a version into the live room: first an automatic version of
   * what is there now (so the restore can itself be undone by restoring
   * that), then the restore as one server change, broadcast and stored like
   * any edit. 413 if the storage limit leaves no room for that first version.
   */
  async restore(room: Room, versionId: string, createdBy: string): Promise<{ restored: string; backup: string }> {
    const record = await this.find(room.mapId, versionId);
    const target = this.contentOf(record);
    const backup = await this.saveAuto(room, { createdBy, beforeRestoreOf: record.id });
    if (backup === null) {
      throw new VersionError(
        413,
        'the map is at its storage limit, so what is there now could not be kept as a version: delete named versions, then restore',
      );
    }
    // With SQLite nothing can run between the backup's capture and here (no I/O was awaited).
    if (room.isDestroyed) throw new VersionError(404, 'map not found');
    room.quietly(() => restoreContent(room.doc, target, SERVER_ORIGIN));
    this.log.info('version restored', { map: room.mapId, version: record.id, backup: backup.id });
    return { restored: record.id, backup: backup.id };
  }

  /** Deletes a named version; automatic ones are only pruned (they are the safety net). */
  async remove(mapId: string, versionId: string): Promise<void> {
    const record = await this.find(mapId, versionId);
    if (record.kind !== 'named')
      throw new VersionError(409, 'automatic versions cannot be deleted: the oldest are removed as new ones are taken');
    if (!(await this.store.deleteVersion(mapId, record.id))) throw NOT_FOUND();
    this.log.info('version deleted', { map: mapId, version: record.id });
  }
}
