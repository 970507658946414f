/**
 * A socket's frames of one event-loop turn leave in one write, in order;
 * a client that does not read is cut off.
 */
import { afterEach, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { createSocketSend } from '../../../server/ws/connection';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

/** A server-side socket (as the server holds one) and the client reading it. */
async function socketPair(): Promise<{ server: WebSocket; client: WebSocket; received: number[] }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const accepted = new Promise<WebSocket>((r) => wss.once('connection', (ws) => r(ws)));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  const received: number[] = [];
  client.on('message', (data: Buffer) => received.push(data[0]!));
  await new Promise<void>((r) => client.once('open', () => r()));
  const server = await accepted;
  cleanup.push(() => {
    client.terminate();
    wss.close();
  });
  return { server, client, received };
}

/** Counts the writes the TCP socket under `ws` hands to the kernel. */
function countWrites(ws: WebSocket): { writes: number } {
  const socket = (ws as unknown as { _socket: { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void } })._socket;
  const counter = { writes: 0 };
  for (const method of ['_write', '_writev'] as const) {
    const original = socket[method];
    socket[method] = function (this: unknown, ...args: unknown[]) {
      counter.writes++;
      return original.apply(this, args);
    };
  }
  return counter;
}

const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
};

it('sends the frames of one turn in one write, in order, and later turns too', async () => {
  const { server, received } = await socketPair();
  const counter = countWrites(server);
  const send = createSocketSend(server, () => undefined);
  for (let i = 0; i < 20; i++) send(Uint8Array.of(i));
  await until(() => received.length === 20);
  expect(received).toEqual(Array.from({ length: 20 }, (_, i) => i));
  expect(counter.writes).toBe(1);

  send(Uint8Array.of(100));
  await until(() => received.length === 21);
  expect(received[20]).toBe(100);
  expect(counter.writes).toBe(2);
});

it('sends nothing on a closed socket, and cuts off a client that does not read', async () => {
  const { server } = await socketPair();
  let overflow = 0;
  const send = createSocketSend(server, (bytes) => (overflow = bytes));
  Object.defineProperty(server, 'bufferedAmount', { get: () => 65 * 1024 * 1024 });
  send(Uint8Array.of(1));
  expect(overflow).toBe(65 * 1024 * 1024);
  await until(() => server.readyState === WebSocket.CLOSED);
  expect(server.readyState).toBe(WebSocket.CLOSED);
  expect(() => send(Uint8Array.of(2))).not.toThrow();
});
