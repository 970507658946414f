/**
 * The format migration of a stored map, once per map whichever node (or
 * process) loads it first: the store runs `migrationUpdate` on the stored
 * state while every other upgrade of that map waits (DocStore.upgradeDoc),
 * and appends what it returns. Migrating in each room would create the new
 * items (each card's votes map) once per room, and votes cast on the copy
 * that loses would vanish.
 */
import * as Y from 'yjs';
import { SERVER_ORIGIN, metaMap } from '../../src/model/doc';
import { migrateDoc } from '../../src/model/migrate';
import { SCHEMA_VERSION } from '../../src/model/schema';
import type { DocStore } from '../store/types';
import type { Room, RoomExtension } from './room';

/** Whether a loaded doc's format is older than this server's. */
export function needsMigration(doc: Y.Doc): boolean {
  const version = metaMap(doc).get('schemaVersion');
  return version !== undefined && version !== SCHEMA_VERSION;
}

/** The update that brings a stored map's format up to date, or null if it is. Throws for a version this server cannot read. */
export function migrationUpdate(stored: readonly Uint8Array[]): Uint8Array | null {
  const doc = new Y.Doc();
  try {
    doc.transact(() => stored.forEach((u) => Y.applyUpdate(doc, u)));
    const before = Y.encodeStateVector(doc);
    return migrateDoc(doc, SERVER_ORIGIN) ? Y.encodeStateAsUpdate(doc, before) : null;
  } finally {
    doc.destroy();
  }
}

/** Migrates the map a room loaded, in the store, then reads back what the migration (this node's or another's) stored. */
export class MapMigration implements RoomExtension {
  constructor(private readonly store: DocStore) {}

  async loaded(room: Room): Promise<void> {
    if (!needsMigration(room.doc)) return;
    try {
      await this.store.upgradeDoc(room.id, migrationUpdate);
      await room.resync();
      room.log.info('map migrated', { map: room.id, to: SCHEMA_VERSION });
    } catch (err) {
      room.log.error('map not migrated', { map: room.id, error: String(err) });
    }
  }
}
