/**
 * What a node does about a control event from any node (itself included):
 * close the sockets of rotated links (4401) and of deleted maps (4410). When
 * events may have been missed (Redis was away), every map with open sockets
 * or a room here is checked against the store instead.
 */
import { CLOSE } from '../src/model/closeCodes';
import type { ControlEvent } from './fanout/types';
import type { Logger } from './log';
import type { MapCatalog } from './store/types';
import type { RoomRegistry } from './ws/rooms';
import type { SharedSockets } from './ws/shared';

export function controlHandler(deps: { store: MapCatalog; rooms: RoomRegistry; shared: SharedSockets; log: Logger }) {
  const { store, rooms, shared, log } = deps;
  const revoke = (mapId: string, linkVersion: number) => {
    const closed = shared.revoke(mapId, linkVersion, CLOSE.unauthorized, 'link revoked');
    if (closed > 0) log.info('sockets of revoked links closed', { map: mapId, closed });
  };
  const deleted = (mapId: string) => {
    rooms.evict(mapId, CLOSE.mapDeleted, 'map deleted');
    shared.forget(mapId);
  };
  const reconcile = async () => {
    for (const mapId of new Set([...shared.mapIds(), ...rooms.mapIds()])) {
      const linkVersion = await store.linkVersion(mapId);
      if (linkVersion === null) deleted(mapId);
      else revoke(mapId, linkVersion);
    }
  };
  return (event: ControlEvent): void => {
    switch (event.type) {
      case 'links-rotated':
        return revoke(event.mapId, event.linkVersion);
      case 'map-deleted':
        return deleted(event.mapId);
      case 'events-missed':
        return void reconcile().catch((err: unknown) => log.error('checking open maps against the store failed', { err }));
    }
  };
}
