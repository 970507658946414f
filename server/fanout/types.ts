/**
 * Fan-out: how the nodes of a cluster tell each other what they stored and
 * who is where. One process needs none (local.ts); several share Redis
 * (redis.ts). A room only sees a DocChannel: it publishes what it stored and
 * hears what the other nodes stored, without a gap from the moment it read
 * the store (see Fanout.open).
 */
import type { DocId } from '../store/types';

/** What a room hears from the other nodes about its document. */
export interface RemoteListener {
  /** updates other nodes stored, in the order they published them */
  updates(updates: Uint8Array[]): void;
  /** an awareness update of another node's clients */
  awareness(update: Uint8Array): void;
  /** the presence of this node's clients on the document (another node opening it asks), or null if none */
  localPresence(): Uint8Array | null;
  /**
   * The channel could not be followed without a gap (Redis restarted, or
   * this node fell behind the stream's trimming): what other nodes stored
   * meanwhile must be read from the store again.
   */
  resync(): void;
}

/** One document's channel on this node. */
export interface DocChannel {
  /**
   * Starts delivering to the listener what other nodes published since the
   * channel was opened (held until now), then everything as it comes. Call
   * once the document is loaded from the store.
   */
  resume(): void;
  /** Tells the other nodes about updates this node stored (after storing them). */
  publish(updates: Uint8Array[]): void;
  /** Tells the other nodes about an awareness change of this node's clients (ephemeral: may be lost). */
  publishAwareness(update: Uint8Array): void;
  close(): void;
}

/** Cluster-wide events about maps, for the nodes' open sockets. */
export type ControlEvent =
  /** the map's links were rotated: sockets admitted by an older link version go (4401) */
  | { type: 'links-rotated'; mapId: string; linkVersion: number }
  /** the map was deleted: all its sockets go (4410) */
  | { type: 'map-deleted'; mapId: string }
  /** (this node only) events may have been missed while Redis was away: check open sockets and rooms against the store */
  | { type: 'events-missed' };

export interface FanoutHealth {
  ok: boolean;
  /** why not, for /health and the logs */
  error?: string;
}

export interface Fanout {
  /** This node's id, on every message it publishes (its own messages come back to it and are skipped). */
  readonly nodeId: string;
  /**
   * Opens a document's channel. Everything other nodes publish from this
   * moment on is held for the listener until `resume`: read the store after
   * `open` resolves, apply it, then resume, and nothing stored is missed.
   */
  open(doc: DocId, listener: RemoteListener): Promise<DocChannel>;
  /** Tells every node (this one included, at once) about an event. */
  control(event: ControlEvent): Promise<void>;
  onControl(listener: (event: ControlEvent) => void): void;
  health(): FanoutHealth;
  close(): Promise<void>;
}
