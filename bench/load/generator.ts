/**
 * The load generator: a child process (forked by bench/throughput.ts and
 * bench/workshop.ts, which talk to it over IPC) holding many lightweight
 * y-websocket clients: minimal websocket sockets (rawSocket.ts), messages
 * encoded and framed before they are due, relayed messages read in place
 * only as far as needed (wire.ts), one Y.Doc per
 * map (switching its clientID per simulated client: each client edits a
 * card of its own, so its updates depend only on the map's initial state
 * and on its own earlier updates, which its socket delivers in order).
 *
 * It measures itself too: event-loop delay and utilisation, CPU, and how
 * late messages went out against their schedule. When those are high the
 * generator, not the server, is the bottleneck, and the figure says so.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { listEntities, updateCardText } from '../../src/model';
import { PRESENCE_COLORS, wireState, type PeerState } from '../../src/sync/presence';
import { mapDoc } from '../../tests/fixtures/model';
import { Histogram, type HistogramData } from './histogram';
import { RawWebSocket, clientFrame, type MessageHandler } from './rawSocket';
import type { ServerKind } from './servers';
import {
  MESSAGE_AWARENESS,
  MESSAGE_SYNC,
  Reader,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  awarenessMessage,
  awarenessOfEntries,
  editSeq,
  syncMessage,
} from './wire';

export interface Target {
  kind: ServerKind;
  httpUrl: string;
  /** a room's websocket URL is this plus the room's name (a map id for Journeyboard) */
  roomBase: string;
  /** several nodes of one cluster: client k of a map joins through roomBases[k % length] (roomBase unused) */
  roomBases?: string[];
  /** names the reference's rooms apart between runs */
  tag: string;
}

export interface ThroughputSetup extends Target {
  scenario: 'throughput';
  maps: number;
  clientsPerMap: number;
}

export interface WorkshopSetup extends Target {
  scenario: 'workshop';
  clients: number;
  awarenessHz: number;
  editsPerSecond: number;
  /** re-send every awareness change received, as the stock y-websocket provider does */
  echo: boolean;
}

export interface SelfLoad {
  /** event-loop delay while running, ms */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** event-loop utilisation (0..1): near 1, the generator itself is saturated */
  elu: number;
  cpuPercent: number;
  /** how late messages went out against their schedule, ms */
  sendLag: HistogramData;
}

export interface StepResult extends SelfLoad {
  sent: number;
  sendSeconds: number;
  /** deliveries to the other clients of each edit's map */
  expected: number;
  received: number;
  latency: HistogramData;
  /** a cluster: the deliveries to clients on another node than the sender's (a subset of latency) */
  crossNodeLatency?: HistogramData;
  /** the sender's own edit relayed back to it (the reference does that) */
  echoes: number;
  /** deliveries of edits of an earlier step */
  late: number;
  /** sockets the server closed (a refused update, a rate limit): the step is not valid */
  closedSockets: number;
  /** when sending started and ended, process.hrtime µs (the window of a CPU profile) */
  window: [number, number];
}

export interface WorkshopResult extends SelfLoad {
  seconds: number;
  clients: number;
  awarenessFrameBytes: number;
  sent: { awareness: number; edits: number; echoes: number };
  /** messages the server delivered to the clients, all kinds */
  delivered: { messages: number; bytes: number; awarenessStates: number; selfAwareness: number; edits: number };
  expected: { awarenessStates: number; edits: number };
  awarenessLatency: HistogramData;
  editLatency: HistogramData;
  closedSockets: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Hands out distinct random Yjs client ids (also awareness ids, as in a provider). */
const usedIds = new Set<number>();
function newClientId(): number {
  for (;;) {
    const id = (Math.random() * 0xffffffff) >>> 0;
    if (id > 0 && !usedIds.has(id)) {
      usedIds.add(id);
      return id;
    }
  }
}

let closedSockets = 0;

async function open(url: string): Promise<RawWebSocket> {
  const ws = await RawWebSocket.connect(url);
  ws.onClose = (code, reason) => {
    if (shuttingDown) return;
    closedSockets++;
    console.error(`load generator: the server closed a socket: ${code ?? 'no close frame'} ${reason}`);
  };
  return ws;
}

/** The next message on `ws` that `test` accepts (a copy); messages before it are dropped (setup only). */
function nextMessage(ws: RawWebSocket, test: (m: Buffer) => boolean, what: string, timeoutMs = 30_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.onMessage = () => {};
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    ws.onMessage = (buf, start, end) => {
      const m = buf.subarray(start, end);
      if (!test(m)) return;
      clearTimeout(timer);
      ws.onMessage = () => {};
      resolve(Buffer.from(m));
    };
  });
}

const isStep2 = (d: Buffer) => d[0] === MESSAGE_SYNC && d[1] === SYNC_STEP2;

/** Runs `fn` over `items`, `concurrency` at a time. */
async function pool<T, R>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

let template: Uint8Array | null = null;

/**
 * A map the server holds and the generator's replica of it, synced: for
 * Journeyboard created through POST /api/maps and read back through a
 * socket; for the reference (which stores nothing) the same template sent
 * by the first client. Returns the replica and that first socket.
 */
async function openMap(target: Target, index: number): Promise<{ doc: Y.Doc; room: string; first: RawWebSocket }> {
  const doc = new Y.Doc();
  if (target.kind === 'journeyboard') {
    const res = await fetch(`${target.httpUrl}/api/maps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ template: 'backpack', locale: 'en' }),
    });
    if (res.status !== 201) throw new Error(`create map: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    const first = await open(baseFor(target, 0) + id);
    const answer = nextMessage(first, isStep2, 'the map');
    first.send(syncMessage(SYNC_STEP1, Y.encodeStateVector(doc)));
    const step2 = await answer;
    const r = new Reader(step2, 2);
    const len = r.varUint();
    Y.applyUpdate(doc, step2.subarray(r.pos, r.pos + len));
    return { doc, room: id, first };
  }
  template ??= Y.encodeStateAsUpdate(mapDoc('backpack'));
  Y.applyUpdate(doc, template);
  const room = `${target.tag}-${index}`;
  const first = await open(target.roomBase + room);
  first.send(syncMessage(SYNC_UPDATE, template));
  // Its answer to a step 1 sent after the state shows the state is in.
  const answer = nextMessage(first, isStep2, 'the map');
  first.send(syncMessage(SYNC_STEP1, Y.encodeStateVector(doc)));
  await answer;
  return { doc, room, first };
}

/** Where client `k` of a map joins: a cluster spreads a map's clients over its nodes. */
const baseFor = (target: Target, k: number): string =>
  target.roomBases ? target.roomBases[k % target.roomBases.length]! : target.roomBase;

/** Opens a socket on `room` for the map's client `k` and waits for the server's first message (its sync step 1: joined). */
async function join(target: Target, room: string, k: number): Promise<RawWebSocket> {
  const ws = await open(baseFor(target, k) + room);
  await nextMessage(ws, () => true, 'sync step 1');
  return ws;
}

/** Edits card `cardId` of `doc` as Yjs client `clientId`; the update as a websocket frame of a y-websocket message. */
function editFrame(doc: Y.Doc, clientId: number, cardId: string, text: string): Buffer {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  doc.on('update', capture);
  doc.clientID = clientId;
  // Card text is a Y.Text edited by diff: the new text alone would send only the
  // digits that changed, without the marker the receivers look for. Clearing it
  // first, in the same transaction, sends the whole text (one update, as a paste would).
  doc.transact(() => {
    updateCardText(doc, cardId, '');
    updateCardText(doc, cardId, text);
  });
  doc.off('update', capture);
  if (update === null) throw new Error('the edit changed nothing');
  return clientFrame(syncMessage(SYNC_UPDATE, update));
}

const editText = (base: string, seq: number) => `${base} §jb${seq}§`;

class SelfMeter {
  private readonly loop = monitorEventLoopDelay({ resolution: 1 });
  private readonly elu = performance.eventLoopUtilization();
  private readonly cpu = process.cpuUsage();
  private readonly t0 = performance.now();
  readonly sendLag = new Histogram();

  constructor() {
    this.loop.enable();
  }

  done(): SelfLoad {
    this.loop.disable();
    const cpu = process.cpuUsage(this.cpu);
    const wall = performance.now() - this.t0;
    return {
      loopDelayP99Ms: +(this.loop.percentile(99) / 1e6).toFixed(1),
      loopDelayMaxMs: +(this.loop.max / 1e6).toFixed(1),
      elu: +performance.eventLoopUtilization(this.elu).utilization.toFixed(2),
      cpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / wall) * 100),
      sendLag: this.sendLag.toJSON(),
    };
  }
}

// ---------------------------------------------------------------- throughput

interface Client {
  ws: RawWebSocket;
  /** index in `clients` */
  index: number;
  map: number;
  yId: number;
  cardId: string;
  baseText: string;
}

interface Step {
  base: number;
  n: number;
  sendTime: Float64Array;
  senderOf: Int32Array;
  hist: Histogram;
  crossHist: Histogram;
  received: number;
  echoes: number;
  late: number;
}

const tp = {
  setup: null as ThroughputSetup | null,
  docs: [] as Y.Doc[],
  clients: [] as Client[],
  /** a fixed shuffle of the maps: consecutive edits go to different maps */
  perm: [] as number[],
  /** where the round-robin over clients stands */
  cursor: 0,
  nextSeq: 1,
  prepared: null as { rate: number; frames: Buffer[]; senders: Int32Array; base: number } | null,
  step: null as Step | null,
};

/** Which node client `index` joined through (its place in the map: see baseFor). */
const nodeOf = (index: number): number => {
  const setup = tp.setup!;
  return (index % setup.clientsPerMap) % (setup.roomBases?.length ?? 1);
};

function onThroughputMessage(client: Client): MessageHandler {
  return (buf, start, end) => {
    if (buf[start] !== MESSAGE_SYNC || buf[start + 1] !== SYNC_UPDATE) return;
    const seq = editSeq(buf, start, end);
    if (seq < 0) return;
    const s = tp.step;
    const idx = s ? seq - s.base : -1;
    if (!s || idx < 0 || idx >= s.n) {
      if (s) s.late++;
      return;
    }
    if (s.senderOf[idx] === client.index) {
      s.echoes++;
      return;
    }
    const ms = performance.now() - s.sendTime[idx]!;
    s.hist.add(ms);
    if (nodeOf(s.senderOf[idx]!) !== nodeOf(client.index)) s.crossHist.add(ms);
    s.received++;
  };
}

async function setupThroughput(setup: ThroughputSetup) {
  tp.setup = setup;
  const opened = await pool(
    Array.from({ length: setup.maps }, (_, i) => i),
    8,
    async (m) => {
      const { doc, room, first } = await openMap(setup, m);
      const cards = listEntities(doc, 'cards');
      if (cards.length < setup.clientsPerMap) throw new Error(`the template has ${cards.length} cards, fewer than clients per map`);
      const sockets = [first];
      for (let k = 1; k < setup.clientsPerMap; k++) sockets.push(await join(setup, room, k));
      return { doc, sockets, cards };
    },
  );
  opened.forEach(({ doc, sockets, cards }, m) => {
    tp.docs.push(doc);
    sockets.forEach((ws, k) => {
      const client: Client = { ws, index: tp.clients.length, map: m, yId: newClientId(), cardId: cards[k]!.id, baseText: cards[k]!.text };
      ws.onMessage = onThroughputMessage(client);
      tp.clients.push(client);
    });
  });
  tp.perm = Array.from({ length: setup.maps }, (_, i) => i).sort(() => Math.random() - 0.5);
  return { sockets: tp.clients.length, maps: tp.docs.length };
}

/** Encodes the edits of a step at `rate` updates/s for `seconds`, in the order they will be sent. */
function prepareThroughput(rate: number, seconds: number) {
  const setup = tp.setup!;
  const n = Math.max(1, Math.round(rate * seconds));
  const frames: Buffer[] = new Array(n);
  const senders = new Int32Array(n);
  const base = tp.nextSeq;
  const perRow = setup.maps;
  const total = tp.clients.length;
  for (let i = 0; i < n; i++) {
    const j = (tp.cursor + i) % total;
    const k = Math.floor(j / perRow);
    const m = tp.perm[j % perRow]!;
    const client = tp.clients[m * setup.clientsPerMap + k]!;
    frames[i] = editFrame(tp.docs[m]!, client.yId, client.cardId, editText(client.baseText, base + i));
    senders[i] = client.index;
  }
  tp.cursor = (tp.cursor + n) % total;
  tp.nextSeq = base + n;
  tp.prepared = { rate, frames, senders, base };
  return { edits: n, bytes: frames.reduce((s, m) => s + m.byteLength, 0) };
}

async function runThroughput(drainMs: number): Promise<StepResult> {
  const p = tp.prepared;
  if (!p) throw new Error('prepare first');
  tp.prepared = null;
  const n = p.frames.length;
  const step: Step = {
    base: p.base,
    n,
    sendTime: new Float64Array(n),
    senderOf: p.senders,
    hist: new Histogram(),
    crossHist: new Histogram(),
    received: 0,
    echoes: 0,
    late: 0,
  };
  tp.step = step;
  const closedBefore = closedSockets;
  const meter = new SelfMeter();
  const msPerEdit = 1000 / p.rate;
  const hrStart = Number(process.hrtime.bigint() / 1000n);
  const start = performance.now();
  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(n, Math.floor((now - start) / msPerEdit) + 1);
      for (; i < due; i++) {
        const sender = tp.clients[p.senders[i]!]!;
        const t = performance.now();
        meter.sendLag.add(Math.max(0, t - (start + i * msPerEdit)));
        step.sendTime[i] = t;
        sender.ws.sendFrame(p.frames[i]!);
      }
      if (i < n) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  const sendEnd = performance.now();
  const expected = n * (tp.setup!.clientsPerMap - 1);
  while (step.received < expected && performance.now() - sendEnd < drainMs) await sleep(5);
  const self = meter.done();
  return {
    sent: n,
    sendSeconds: +((sendEnd - start) / 1000).toFixed(2),
    expected,
    received: step.received,
    latency: step.hist.toJSON(),
    ...(tp.setup!.roomBases ? { crossNodeLatency: step.crossHist.toJSON() } : {}),
    echoes: step.echoes,
    late: step.late,
    closedSockets: closedSockets - closedBefore,
    window: [hrStart, hrStart + Math.round((sendEnd - start) * 1000)],
    ...self,
  };
}

// ------------------------------------------------------------------ workshop

const NAMES = ['Anna', '林晓雨', 'Bo', 'Carla Jiménez', 'Dmitri', '王芳', 'Emeka', 'Fatima', 'Giulia', '陈伟', 'Hiro', 'Ingrid'];

interface Person {
  ws: RawWebSocket;
  index: number;
  yId: number;
  cardId: string;
  baseText: string;
  state: PeerState;
  clock: number;
  /** when each of its awareness clocks was sent (ring buffer; NaN: not measured) */
  sentAt: Float64Array;
  sentClock: Int32Array;
  /** the clock of every other client's state as this client last saw it (what a provider's awareness holds) */
  known: Map<number, number>;
  phase: number;
  nextAwareness: number;
  nextEdit: number;
}

const RING = 4096;

const ws_ = {
  setup: null as WorkshopSetup | null,
  doc: null as Y.Doc | null,
  people: [] as Person[],
  byYId: new Map<number, Person>(),
  measuring: false,
  /** edit seq -> [send time, sender index] */
  edits: new Map<number, [number, number]>(),
  nextSeq: 1,
  frameBytes: { sum: 0, n: 0 },
  counts: {
    sentAwareness: 0,
    sentEdits: 0,
    sentEchoes: 0,
    messages: 0,
    bytes: 0,
    awarenessStates: 0,
    selfAwareness: 0,
    edits: 0,
  },
  awarenessHist: new Histogram(),
  editHist: new Histogram(),
};

function onWorkshopMessage(me: Person): MessageHandler {
  return (buf, start, end) => {
    const now = performance.now();
    const measuring = ws_.measuring;
    const c = ws_.counts;
    if (measuring) {
      c.messages++;
      c.bytes += end - start;
    }
    if (buf[start] === MESSAGE_SYNC) {
      if (buf[start + 1] !== SYNC_UPDATE) return;
      const seq = editSeq(buf, start, end);
      const sent = seq < 0 ? undefined : ws_.edits.get(seq);
      if (!sent || sent[1] === me.index) return;
      ws_.editHist.add(now - sent[0]);
      c.edits++;
      return;
    }
    if (buf[start] !== MESSAGE_AWARENESS) return;
    const r = new Reader(buf, start + 1);
    r.varUint(); // length of the awareness update
    const count = r.varUint();
    let echo: Uint8Array[] | null = null;
    for (let e = 0; e < count; e++) {
      const from = r.pos;
      const clientId = r.varUint();
      const clock = r.varUint();
      const len = r.varUint();
      r.pos += len;
      const sender = ws_.byYId.get(clientId);
      if (sender === me) {
        if (measuring) c.selfAwareness++;
        continue;
      }
      if (sender && sender.sentClock[clock % RING] === clock) {
        const t = sender.sentAt[clock % RING]!;
        if (!Number.isNaN(t)) {
          ws_.awarenessHist.add(now - t);
          c.awarenessStates++;
        }
      }
      // A stock provider applies what is newer and re-sends exactly those entries.
      if (clock > (me.known.get(clientId) ?? 0)) {
        me.known.set(clientId, clock);
        (echo ??= []).push(buf.subarray(from, r.pos));
      }
    }
    if (echo && ws_.setup!.echo) {
      me.ws.send(awarenessOfEntries(echo.length, echo));
      if (measuring) c.sentEchoes++;
    }
  };
}

/** A state like the app's while the pointer moves: unrounded flow coordinates, as screenToFlowPosition gives them. */
function movedState(p: Person, now: number): PeerState {
  const t = now / 1000;
  const cursor = {
    x: 640 + 420 * Math.cos(p.phase + t * 1.3) + Math.random() / 3,
    y: 360 + 260 * Math.sin(p.phase + t * 0.9) + Math.random() / 3,
  };
  return wireState({ ...p.state, cursor });
}

function sendAwareness(p: Person, now: number, measured: boolean): void {
  p.clock++;
  const json = JSON.stringify(movedState(p, now));
  const message = awarenessMessage(p.yId, p.clock, json);
  p.sentClock[p.clock % RING] = p.clock;
  p.sentAt[p.clock % RING] = measured ? performance.now() : NaN;
  p.ws.send(message);
  if (measured) {
    ws_.counts.sentAwareness++;
    ws_.frameBytes.sum += message.byteLength;
    ws_.frameBytes.n++;
  }
}

async function setupWorkshop(setup: WorkshopSetup) {
  ws_.setup = setup;
  const { doc, room, first } = await openMap(setup, 0);
  ws_.doc = doc;
  const cards = listEntities(doc, 'cards');
  const sockets = [first];
  for (let k = 1; k < setup.clients; k++) sockets.push(await join(setup, room, k));
  sockets.forEach((ws, k) => {
    const selection = k % 3 === 0 ? [cards[(k * 7) % cards.length]!.id] : [];
    const person: Person = {
      ws,
      index: k,
      yId: newClientId(),
      cardId: cards[k % cards.length]!.id,
      baseText: cards[k % cards.length]!.text,
      state: {
        user: {
          id: Math.random().toString(36).slice(2, 12) + Math.random().toString(36).slice(2, 13),
          name: `${NAMES[k % NAMES.length]} ${k}`,
          color: PRESENCE_COLORS[k % PRESENCE_COLORS.length]!,
        },
        cursor: null,
        selection,
        viewport: {
          x: -120.3 - Math.random() * 300,
          y: 40.7 + Math.random() * 200,
          zoom: 0.8 + Math.random() * 0.4,
          width: 1440,
          height: 789,
        },
        drag: null,
        followMe: false,
      },
      clock: 0,
      sentAt: new Float64Array(RING).fill(NaN),
      sentClock: new Int32Array(RING).fill(-1),
      known: new Map(),
      phase: Math.random() * Math.PI * 2,
      nextAwareness: 0,
      nextEdit: 0,
    };
    ws.onMessage = onWorkshopMessage(person);
    ws_.people.push(person);
    ws_.byYId.set(person.yId, person);
  });
  // Everyone says hello, and waits to see everyone else (as in a real room before the workshop starts).
  for (const p of ws_.people) sendAwareness(p, performance.now(), false);
  const deadline = Date.now() + 20_000;
  while (ws_.people.some((p) => p.known.size < setup.clients - 1)) {
    if (Date.now() > deadline) throw new Error('the clients did not all see each other');
    await sleep(20);
  }
  const frame = awarenessMessage(ws_.people[0]!.yId, 999, JSON.stringify(movedState(ws_.people[0]!, 0))).byteLength;
  return { sockets: ws_.people.length, awarenessFrameBytes: frame };
}

async function runWorkshop(seconds: number, warmupSeconds: number, drainMs: number): Promise<WorkshopResult> {
  const setup = ws_.setup!;
  const doc = ws_.doc!;
  const awarenessMs = 1000 / setup.awarenessHz;
  const editMs = 1000 / setup.editsPerSecond;
  const start = performance.now();
  const measureFrom = start + warmupSeconds * 1000;
  const end = measureFrom + seconds * 1000;
  for (const p of ws_.people) {
    p.nextAwareness = start + Math.random() * awarenessMs;
    p.nextEdit = start + Math.random() * editMs;
  }
  const closedBefore = closedSockets;
  let meter: SelfMeter | null = null;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      if (now >= end) return resolve();
      if (!ws_.measuring && now >= measureFrom) {
        ws_.measuring = true;
        meter = new SelfMeter();
      }
      const measured = ws_.measuring;
      for (const p of ws_.people) {
        if (p.nextAwareness <= now) {
          meter?.sendLag.add(now - p.nextAwareness);
          sendAwareness(p, now, measured);
          // A browser sends at most every 50 ms: a late one does not cause a burst.
          p.nextAwareness = Math.max(p.nextAwareness + awarenessMs, now);
        }
        if (p.nextEdit <= now) {
          const seq = ws_.nextSeq++;
          const frame = editFrame(doc, p.yId, p.cardId, editText(p.baseText, seq));
          if (measured) {
            ws_.edits.set(seq, [performance.now(), p.index]);
            ws_.counts.sentEdits++;
          }
          p.ws.sendFrame(frame);
          p.nextEdit = Math.max(p.nextEdit + editMs, now);
        }
      }
      setTimeout(tick, 1);
    };
    tick();
  });
  ws_.measuring = false;
  const c = ws_.counts;
  const others = setup.clients - 1;
  const drainEnd = performance.now() + drainMs;
  while ((c.awarenessStates < c.sentAwareness * others || c.edits < c.sentEdits * others) && performance.now() < drainEnd) await sleep(5);
  const self = (meter as SelfMeter | null)?.done() ?? new SelfMeter().done();
  return {
    seconds,
    clients: setup.clients,
    awarenessFrameBytes: Math.round(ws_.frameBytes.sum / Math.max(1, ws_.frameBytes.n)),
    sent: { awareness: c.sentAwareness, edits: c.sentEdits, echoes: c.sentEchoes },
    delivered: { messages: c.messages, bytes: c.bytes, awarenessStates: c.awarenessStates, selfAwareness: c.selfAwareness, edits: c.edits },
    expected: { awarenessStates: c.sentAwareness * others, edits: c.sentEdits * others },
    awarenessLatency: ws_.awarenessHist.toJSON(),
    editLatency: ws_.editHist.toJSON(),
    closedSockets: closedSockets - closedBefore,
    ...self,
  };
}

// ----------------------------------------------------------------------- IPC

let shuttingDown = false;

export type Command =
  | { cmd: 'setup'; setup: ThroughputSetup | WorkshopSetup }
  | { cmd: 'prepare'; rate: number; seconds: number }
  | { cmd: 'run'; drainMs: number }
  | { cmd: 'workshop'; seconds: number; warmupSeconds: number; drainMs: number }
  | { cmd: 'close' };

async function handle(c: Command): Promise<unknown> {
  switch (c.cmd) {
    case 'setup':
      return c.setup.scenario === 'throughput' ? setupThroughput(c.setup) : setupWorkshop(c.setup);
    case 'prepare':
      return prepareThroughput(c.rate, c.seconds);
    case 'run':
      return runThroughput(c.drainMs);
    case 'workshop':
      return runWorkshop(c.seconds, c.warmupSeconds, c.drainMs);
    case 'close': {
      shuttingDown = true;
      for (const s of [...tp.clients.map((x) => x.ws), ...ws_.people.map((x) => x.ws)]) s.terminate();
      setTimeout(() => process.exit(0), 50);
      return null;
    }
  }
}

process.on('message', (m: { id: number } & Command) => {
  handle(m).then(
    (result) => process.send!({ id: m.id, ok: true, result }),
    (err: unknown) => process.send!({ id: m.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
