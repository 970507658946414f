/** Decoding what y-websocket clients send, before anything acts on it. */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, decodeClientMessage } from '../../../server/ws/protocol';

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

describe('decodeClientMessage', () => {
  it('decodes the messages a WebsocketProvider sends', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('title', 't');
    const step1 = frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(e, doc);
    });
    expect(decodeClientMessage(step1)).toEqual({ type: 'sync-step1', stateVector: Y.encodeStateVector(doc) });

    const update = frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc));
    });
    expect(decodeClientMessage(update)).toEqual({ type: 'update', update: Y.encodeStateAsUpdate(doc) });
    const step2 = frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeSyncStep2(e, doc, Y.encodeStateVector(new Y.Doc()));
    });
    expect(decodeClientMessage(step2).type).toBe('update');

    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalStateField('user', { name: '王' });
    const aw = frame((e) => {
      encoding.writeVarUint(e, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    });
    expect(decodeClientMessage(aw)).toMatchObject({
      type: 'awareness',
      entries: [{ clientID: doc.clientID, clock: 1, state: { user: { name: '王' } } }],
    });
    awareness.destroy();

    expect(decodeClientMessage(Uint8Array.from([MESSAGE_QUERY_AWARENESS]))).toEqual({ type: 'query-awareness' });
  });

  it('throws on anything else', () => {
    const bad: Uint8Array[] = [
      new Uint8Array(0),
      Uint8Array.from([0xff, 0xff, 0xff]),
      Uint8Array.from([7]),
      Uint8Array.from([0, 9, 0]), // unknown sync type
      Uint8Array.from([0, 2, 200, 1]), // length past the end
      Uint8Array.from([0, 0, 1, 0xff]), // state vector truncated
      Uint8Array.from([3, 3]), // trailing bytes
      Uint8Array.from([1, 4, 1, 1, 1, 5]), // awareness entry truncated
    ];
    for (const m of bad) expect(() => decodeClientMessage(m), `[${[...m].join(',')}]`).toThrow();
  });
});
