/**
 * A websocket client reduced to what a load generator needs, on a plain TCP
 * socket: the upgrade handshake, binary frames out (pre-framed, masked with
 * a zero key, which RFC 6455 allows and which costs nothing), binary frames
 * in read in place from the received chunk (no copy, no event per frame),
 * pings answered, closes reported. With `ws` the generator spent about
 * 30 µs per received message (a 9-way fan-out at thousands of edits a
 * second is tens of thousands of them) and saturated before the servers it
 * was measuring; here a message costs the read and a few comparisons.
 *
 * Not a general client: no fragmented messages, text frames or extensions
 * (neither server sends them to a binary y-websocket client).
 */
import crypto from 'node:crypto';
import net from 'node:net';

const OP_CONTINUATION = 0x0;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

/** A client frame of `payload` (FIN, masked with a zero key): built once, sent as it is. */
export function clientFrame(payload: Uint8Array, opcode = OP_BINARY): Buffer {
  const len = payload.byteLength;
  const head = len < 126 ? 2 : len < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + 4 + len);
  frame[0] = 0x80 | opcode;
  if (len < 126) frame[1] = 0x80 | len;
  else if (len < 65536) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(len, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(len), 2);
  }
  frame.writeUInt32BE(0, head); // the masking key: zeros, so the payload goes as it is
  frame.set(payload, head + 4);
  return frame;
}

export type MessageHandler = (buf: Buffer, start: number, end: number) => void;

export class RawWebSocket {
  /** called once when the connection ends; `code` is the close frame's, if the server sent one */
  onClose: (code: number | null, reason: string) => void = () => {};
  private handler: MessageHandler | null = null;
  /** messages that arrived before there was a handler (copies) */
  private early: Buffer[] = [];
  private pending: Buffer | null = null;
  private closeCode: number | null = null;
  private closeReason = '';
  private ended = false;

  private constructor(private readonly socket: net.Socket) {}

  get open(): boolean {
    return !this.ended;
  }

  /** Called for each binary message with its payload's range in `buf` (valid only during the call). */
  set onMessage(handler: MessageHandler) {
    this.handler = handler;
    for (const m of this.early.splice(0)) handler(m, 0, m.length);
  }

  static connect(url: string, timeoutMs = 30_000): Promise<RawWebSocket> {
    const u = new URL(url);
    const socket = net.connect(Number(u.port), u.hostname);
    socket.setNoDelay(true);
    const key = crypto.randomBytes(16).toString('base64');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`no upgrade from ${url}`)), timeoutMs);
      let head = Buffer.alloc(0);
      const fail = (err: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(err);
      };
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        socket.off('error', fail);
        clearTimeout(timer);
        const status = head.subarray(0, head.indexOf('\r\n')).toString();
        if (!/^HTTP\/1\.1 101 /.test(status)) return fail(new Error(`upgrade refused: ${status}`));
        const ws = new RawWebSocket(socket);
        socket.on('data', (c: Buffer) => ws.receive(c));
        socket.on('error', () => {});
        socket.on('close', () => {
          ws.ended = true;
          ws.onClose(ws.closeCode, ws.closeReason);
        });
        // Frames that came with the upgrade's answer wait in `early` for the caller's handler.
        const rest = head.subarray(end + 4);
        if (rest.length > 0) ws.receive(Buffer.from(rest));
        resolve(ws);
      };
      socket.on('data', onData);
      socket.once('error', fail);
      socket.write(
        `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
  }

  /** Sends a frame made by clientFrame. */
  sendFrame(frame: Buffer): void {
    if (!this.ended) this.socket.write(frame);
  }

  send(payload: Uint8Array): void {
    this.sendFrame(clientFrame(payload));
  }

  terminate(): void {
    this.ended = true;
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    let buf = chunk;
    if (this.pending) {
      buf = Buffer.concat([this.pending, chunk]);
      this.pending = null;
    }
    let pos = 0;
    while (buf.length - pos >= 2) {
      const b0 = buf[pos]!;
      let len = buf[pos + 1]! & 0x7f;
      let at = pos + 2;
      if (len === 126) {
        if (buf.length - pos < 4) break;
        len = buf.readUInt16BE(pos + 2);
        at = pos + 4;
      } else if (len === 127) {
        if (buf.length - pos < 10) break;
        len = Number(buf.readBigUInt64BE(pos + 2));
        at = pos + 10;
      }
      if (buf.length - at < len) break;
      const opcode = b0 & 0x0f;
      if (opcode === OP_BINARY) {
        if (this.handler) this.handler(buf, at, at + len);
        else this.early.push(Buffer.from(buf.subarray(at, at + len)));
      } else if (opcode === OP_PING) this.sendFrame(clientFrame(buf.subarray(at, at + len), OP_PONG));
      else if (opcode === OP_CLOSE) {
        this.closeCode = len >= 2 ? buf.readUInt16BE(at) : 1005;
        this.closeReason = buf.subarray(at + 2, at + len).toString();
        this.sendFrame(clientFrame(buf.subarray(at, at + Math.min(len, 2)), OP_CLOSE));
        this.socket.end();
      } else if (opcode === OP_CONTINUATION || (b0 & 0x80) === 0) {
        throw new Error('fragmented messages are not supported by this client');
      }
      pos = at + len;
    }
    if (pos < buf.length) this.pending = Buffer.from(buf.subarray(pos));
  }
}
