/**
 * Fan-out between the nodes of a cluster through Redis (ioredis).
 *
 * - Updates: one Redis Stream per document (`<prefix>:doc:<docId>`), not
 *   pub/sub, which drops messages for a slow or reconnecting subscriber. A
 *   node publishes only what it has stored in PostgreSQL (store, then
 *   publish), so Redis holds nothing that cannot be lost. Opening a channel
 *   reads the stream's last id BEFORE the room reads the store, and the node
 *   follows the stream from that id: an update stored before that id was
 *   read is in what the room reads; one stored after it is in the stream.
 *   Streams are trimmed to the last `streamMaxAgeMs` (MINID) and expire when
 *   idle, so Redis memory stays bounded.
 * - One blocking XREAD per node over all its documents' streams (and the
 *   control stream); a channel opened or closed wakes it (CLIENT UNBLOCK).
 * - Awareness (cursors, who is here) is ephemeral: pub/sub per document.
 *   A node that dies sends nothing more, and the other nodes' rooms time its
 *   clients' entries out (y-protocols' 30 s), so no ghost cursors stay.
 * - Control events (links rotated, map deleted) go through a stream too.
 * - When Redis goes away, publishing fails fast (this node's clients are
 *   still served); when it is back, every open channel reads its stream's
 *   end again and the room re-reads the store: nothing stored meanwhile is
 *   missed, whatever Redis lost.
 *
 * Taken from y-redis (src/api.js): a stream per document, a node that loads
 * a document catches up from the stream id it read at load, one XREAD for all
 * of a node's streams. Changed: PostgreSQL, not the stream, is written first
 * and is the only truth (y-redis keeps updates in Redis until a worker
 * persists them), so there are no workers and no consumer groups, and the
 * stream only needs to outlive the moment between a node reading the store
 * and catching up.
 */
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from '../log';
import type { ServerMetrics } from '../metrics';
import type { DocId } from '../store/types';
import type { ControlEvent, DocChannel, Fanout, FanoutHealth, RemoteListener } from './types';

export interface RedisFanoutOptions {
  url: string;
  /** key prefix: several Journeyboards (or tests) can share one Redis */
  prefix: string;
  nodeId: string;
  log: Logger;
  /** how long updates stay in a stream: a node further behind than this re-reads the store (default 60 s) */
  streamMaxAgeMs?: number;
  metrics?: ServerMetrics;
}

interface ChannelState {
  listener: RemoteListener;
  /** the id of the last entry seen (or the stream's end when opened) */
  lastId: string;
  /** what arrived before `resume` (null once resumed): updates, or 'resync' for a node's call to re-read the store */
  held: (Uint8Array[] | 'resync')[] | null;
  awarenessChannel: string;
}

/** Updates as one stream field: a count, then each update (no merging: that would cost a decode). */
function encodeUpdates(updates: readonly Uint8Array[]): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, updates.length);
  for (const u of updates) encoding.writeVarUint8Array(e, u);
  return Buffer.from(encoding.toUint8Array(e));
}

function decodeUpdates(buf: Uint8Array): Uint8Array[] {
  const d = decoding.createDecoder(buf);
  const n = decoding.readVarUint(d);
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) out.push(decoding.readVarUint8Array(d));
  return out;
}

/** What goes over a document's awareness channel: presence, or a node asking the others for theirs. */
const AWARENESS_UPDATE = 0;
const PRESENCE_QUERY = 1;

/** An awareness channel message: its kind, the sender's node id, then the awareness update (none for a query). */
function encodeAwarenessMessage(kind: number, nodeId: string, update: Uint8Array = new Uint8Array()): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, kind);
  encoding.writeVarString(e, nodeId);
  encoding.writeVarUint8Array(e, update);
  return Buffer.from(encoding.toUint8Array(e));
}

/** Field values of a stream entry by name (entries are [name, value, name, value …]). */
function fieldsOf(raw: Buffer[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (let i = 0; i + 1 < raw.length; i += 2) out.set(raw[i]!.toString(), raw[i + 1]!);
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RedisFanout implements Fanout {
  readonly nodeId: string;
  private readonly cmd: Redis;
  private readonly reader: Redis;
  private readonly sub: Redis;
  private readonly channels = new Map<DocId, ChannelState>();
  private readonly controlListeners: ((event: ControlEvent) => void)[] = [];
  private readonly prefix: string;
  private readonly maxAgeMs: number;
  private readonly log: Logger;
  private readonly metrics: ServerMetrics | undefined;
  private controlLastId = '0-0';
  private readerClientId: number | null = null;
  private closed = false;
  private loop: Promise<void> | null = null;
  /** a connection was lost: read every channel's store again once all are back */
  private lost = false;
  /** documents whose stored updates this node could not publish: once Redis is back the other nodes are told to re-read them */
  private readonly unpublished = new Set<DocId>();
  private lastError: string | undefined;

  private constructor(opts: RedisFanoutOptions) {
    this.nodeId = opts.nodeId;
    this.prefix = opts.prefix;
    this.maxAgeMs = opts.streamMaxAgeMs ?? 60_000;
    this.log = opts.log;
    this.metrics = opts.metrics;
    const connection = (name: string, blocking: boolean) => {
      const redis = new Redis(opts.url, {
        connectionName: `journeyboard-${name}-${opts.nodeId}`,
        // Commands fail at once while Redis is away (this node serves its own clients meanwhile)…
        enableOfflineQueue: blocking,
        maxRetriesPerRequest: blocking ? null : 1,
        // …and the connection comes back by itself, at most a second apart.
        retryStrategy: (times) => Math.min(100 * times, 1000),
        lazyConnect: true,
      });
      redis.on('error', (err: Error) => {
        this.lastError = `${name}: ${err.message}`;
        this.lost = true;
      });
      redis.on('close', () => {
        if (!this.closed) this.lost = true;
      });
      redis.on('ready', () => void this.recovered());
      return redis;
    };
    this.cmd = connection('commands', false);
    this.reader = connection('reader', true);
    this.sub = connection('subscriber', true);
  }

  /** Connects (a clear error if Redis cannot be reached) and starts following the streams. */
  static async open(opts: RedisFanoutOptions): Promise<RedisFanout> {
    const fanout = new RedisFanout(opts);
    try {
      await Promise.all([fanout.cmd.connect(), fanout.reader.connect(), fanout.sub.connect()]);
    } catch (err) {
      await fanout.close();
      throw new Error(`cannot reach Redis at ${opts.url.replace(/\/\/[^@/]*@/, '//***@')}: ${(err as Error).message}`);
    }
    fanout.lost = false;
    fanout.controlLastId = await fanout.streamEnd(fanout.controlKey);
    fanout.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => fanout.onAwareness(channel.toString(), message));
    fanout.reader.on('ready', () => (fanout.readerClientId = null));
    fanout.loop = fanout.follow();
    return fanout;
  }

  private streamKey = (doc: DocId) => `${this.prefix}:doc:${doc}`;
  private get controlKey() {
    return `${this.prefix}:control`;
  }

  /** The id of a stream's last entry, or 0-0 if it has none. */
  private async streamEnd(key: string): Promise<string> {
    const last = (await this.cmd.xrevrange(key, '+', '-', 'COUNT', 1)) as [string, string[]][];
    return last[0]?.[0] ?? '0-0';
  }

  async open(doc: DocId, listener: RemoteListener): Promise<DocChannel> {
    const awarenessChannel = `${this.prefix}:aw:${doc}`;
    let lastId = '0-0';
    try {
      lastId = await this.streamEnd(this.streamKey(doc));
    } catch {
      // Redis is away: the map opens from the store all the same, and is read again when Redis is back.
      this.lost = true;
    }
    const state: ChannelState = { listener, lastId, held: [], awarenessChannel };
    this.channels.set(doc, state);
    // Once subscribed, ask who is on the map on the other nodes: their presence otherwise shows only with their next move.
    this.sub.subscribe(awarenessChannel).then(
      () => this.cmd.publish(awarenessChannel, encodeAwarenessMessage(PRESENCE_QUERY, this.nodeId)).catch(() => {}),
      () => (this.lost = true),
    );
    this.wake();
    return {
      resume: () => {
        const held = state.held ?? [];
        state.held = null;
        for (const entry of held) {
          if (entry === 'resync') listener.resync();
          else listener.updates(entry);
        }
      },
      publish: (updates) => void this.publish(doc, updates),
      publishAwareness: (update) => {
        this.cmd.publish(awarenessChannel, encodeAwarenessMessage(AWARENESS_UPDATE, this.nodeId, update)).catch(() => {
          // Ephemeral: the next change (or the clients' 15 s renewal) carries it.
        });
      },
      close: () => {
        if (this.channels.get(doc) !== state) return;
        this.channels.delete(doc);
        this.sub.unsubscribe(awarenessChannel).catch(() => {});
        this.wake();
      },
    };
  }

  private async publish(doc: DocId, updates: readonly Uint8Array[]): Promise<void> {
    const key = this.streamKey(doc);
    try {
      await this.cmd
        .multi()
        .xadd(key, 'MINID', '~', String(Date.now() - this.maxAgeMs), '*', 'n', this.nodeId, 'u', encodeUpdates(updates))
        .pexpire(key, this.maxAgeMs * 2)
        .exec();
    } catch (err) {
      // Stored in PostgreSQL all the same: the other nodes re-read it when Redis is back
      // (theirs may never have gone away: they are told, see recovered).
      this.unpublished.add(doc);
      this.metrics?.fanoutErrors.inc();
      this.lost = true;
      this.log.warn('publishing to Redis failed: the other nodes will read it from the store', { map: doc, err });
    }
  }

  async control(event: ControlEvent): Promise<void> {
    for (const listener of this.controlListeners) listener(event);
    try {
      await this.cmd.xadd(this.controlKey, 'MAXLEN', '~', '10000', '*', 'n', this.nodeId, 'e', JSON.stringify(event));
    } catch (err) {
      this.log.error('control event not published: other nodes reconcile when Redis is back', { event, err });
      this.lost = true;
    }
  }

  onControl(listener: (event: ControlEvent) => void): void {
    this.controlListeners.push(listener);
  }

  /** Makes the blocking XREAD return, so the next one reads the channels open now. */
  private wake(): void {
    if (this.readerClientId !== null) this.cmd.client('UNBLOCK', this.readerClientId).catch(() => {});
  }

  private async follow(): Promise<void> {
    while (!this.closed) {
      // A publication failed on a connection that stayed up: no 'ready' will come, so look here.
      if (this.lost) void this.recovered();
      try {
        this.readerClientId ??= (await this.reader.client('ID')) as number;
        const docs = [...this.channels.entries()];
        const keys = [this.controlKey, ...docs.map(([doc]) => this.streamKey(doc))];
        const ids = [this.controlLastId, ...docs.map(([, s]) => s.lastId)];
        const reply = (await this.reader.xreadBuffer('COUNT', 1000, 'BLOCK', 5000, 'STREAMS', ...keys, ...ids)) as
          [Buffer, [Buffer, Buffer[]][]][] | null;
        for (const [key, entries] of reply ?? []) this.deliver(key.toString(), entries);
      } catch (err) {
        if (this.closed) return;
        this.readerClientId = null;
        this.lost = true;
        this.lastError = `reader: ${(err as Error).message}`;
        await sleep(200);
      }
    }
  }

  private deliver(key: string, entries: [Buffer, Buffer[]][]): void {
    if (key === this.controlKey) {
      for (const [id, raw] of entries) {
        this.controlLastId = id.toString();
        const fields = fieldsOf(raw);
        if (fields.get('n')?.toString() === this.nodeId) continue;
        try {
          const event = JSON.parse(fields.get('e')?.toString() ?? 'null') as ControlEvent;
          for (const listener of this.controlListeners) listener(event);
        } catch (err) {
          this.log.warn('control event not understood', { err });
        }
      }
      return;
    }
    const doc = key.slice(`${this.prefix}:doc:`.length);
    const state = this.channels.get(doc);
    if (!state) return;
    for (const [id, raw] of entries) {
      state.lastId = id.toString();
      const fields = fieldsOf(raw);
      if (fields.get('n')?.toString() === this.nodeId) continue;
      if (fields.has('r')) {
        // Another node stored updates it could not publish: read them from the store.
        if (state.held) state.held.push('resync');
        else state.listener.resync();
        continue;
      }
      const data = fields.get('u');
      if (!data) continue;
      let updates: Uint8Array[];
      try {
        updates = decodeUpdates(data);
      } catch (err) {
        this.log.warn('stream entry not understood', { map: doc, err });
        continue;
      }
      // A stream id starts with the millisecond Redis added the entry: how long it took to get here.
      this.metrics?.fanoutLag.observe(Math.max(0, Date.now() - Number(state.lastId.split('-')[0])) / 1000);
      if (state.held) state.held.push(updates);
      else state.listener.updates(updates);
    }
  }

  private onAwareness(channel: string, message: Buffer): void {
    const doc = channel.slice(`${this.prefix}:aw:`.length);
    const state = this.channels.get(doc);
    if (!state) return;
    try {
      const d = decoding.createDecoder(message);
      const kind = decoding.readVarUint(d);
      if (decoding.readVarString(d) === this.nodeId) return;
      if (kind === AWARENESS_UPDATE) return state.listener.awareness(decoding.readVarUint8Array(d));
      if (kind !== PRESENCE_QUERY) return;
      const present = state.listener.localPresence();
      if (present !== null) this.cmd.publish(channel, encodeAwarenessMessage(AWARENESS_UPDATE, this.nodeId, present)).catch(() => {});
    } catch (err) {
      this.log.warn('awareness message not understood', { map: doc, err });
    }
  }

  /**
   * A connection is back. Once all three are, every channel starts again
   * from its stream's end and its room re-reads the store: whatever Redis
   * lost or this node missed meanwhile, the store has.
   */
  private async recovered(): Promise<void> {
    if (!this.lost || this.closed) return;
    if (![this.cmd, this.reader, this.sub].every((r) => r.status === 'ready')) return;
    this.lost = false;
    this.lastError = undefined;
    this.log.info('Redis is back: open maps read the store again', { maps: this.channels.size });
    try {
      this.controlLastId = await this.streamEnd(this.controlKey);
    } catch {
      this.lost = true;
      return;
    }
    // Control events published while Redis was away are lost: check what they would have said against the store.
    for (const listener of this.controlListeners) listener({ type: 'events-missed' });
    // What this node stored but could not publish: the nodes that kept Redis would never re-read it by themselves.
    for (const doc of [...this.unpublished]) {
      try {
        await this.cmd.xadd(this.streamKey(doc), 'MINID', '~', String(Date.now() - this.maxAgeMs), '*', 'n', this.nodeId, 'r', '1');
        this.unpublished.delete(doc);
      } catch {
        this.lost = true;
      }
    }
    for (const [doc, state] of this.channels) {
      try {
        state.lastId = await this.streamEnd(this.streamKey(doc));
        state.listener.resync();
      } catch (err) {
        this.lost = true;
        this.log.warn('resync after Redis came back failed: tried again on the next reconnect', { map: doc, err });
      }
    }
    this.wake();
  }

  health(): FanoutHealth {
    const down = [this.cmd, this.reader, this.sub].find((r) => r.status !== 'ready');
    return down ? { ok: false, error: this.lastError ?? `Redis connection ${down.status}` } : { ok: true };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
    for (const redis of [this.cmd, this.reader, this.sub]) redis.disconnect();
    // A read waiting for a Redis that is away may never settle: the loop stops at its next turn either way.
    await Promise.race([this.loop?.catch(() => {}), sleep(1000)]);
  }
}
