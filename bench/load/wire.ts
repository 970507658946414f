/**
 * The few y-websocket messages the load generator speaks, encoded once and
 * read without decoding more than needed: a generator that decoded every
 * relayed message with Yjs would saturate long before the server.
 */
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, type);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** An awareness message with one client's state, as a provider sends its own. */
export function awarenessMessage(clientID: number, clock: number, stateJson: string): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientID);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, stateJson);
  return wrapAwareness(encoding.toUint8Array(inner));
}

/** An awareness message of `count` entries already encoded one after the other (what a stock provider echoes). */
export function awarenessOfEntries(count: number, entries: Uint8Array[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, count);
  for (const entry of entries) encoding.writeUint8Array(inner, entry);
  return wrapAwareness(encoding.toUint8Array(inner));
}

function wrapAwareness(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** A cursor over a received message: varints without allocating. */
export class Reader {
  constructor(
    readonly buf: Uint8Array,
    public pos = 0,
  ) {}

  varUint(): number {
    let num = 0;
    let mult = 1;
    for (;;) {
      const b = this.buf[this.pos++];
      if (b === undefined) throw new RangeError('truncated message');
      num += (b & 0x7f) * mult;
      if (b < 0x80) return num;
      mult *= 128;
    }
  }
}

/**
 * The marker each benchmark edit writes into the card text, `§jb<seq>§`:
 * found in a relayed update with one indexOf, whatever the server
 * re-encoded around it.
 */
export const EDIT_MARKER = Buffer.from('§jb');

/** The edit number in the relayed update at `buf[start, end)`, or -1 if it carries none. */
export function editSeq(buf: Buffer, start: number, end: number): number {
  const found = buf.subarray(start, end).indexOf(EDIT_MARKER, 2);
  if (found < 0) return -1;
  let seq = 0;
  let digits = 0;
  for (let j = start + found + EDIT_MARKER.length; j < end; j++, digits++) {
    const c = buf[j]!;
    if (c < 48 || c > 57) break;
    seq = seq * 10 + (c - 48);
  }
  return digits > 0 ? seq : -1;
}
