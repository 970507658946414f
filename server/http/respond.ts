/**
 * Reading request bodies and writing JSON answers: every body is
 * size-capped, JSON nested past MAX_JSON_DEPTH is refused before it is
 * parsed, and every error a client can cause is an HttpError with a status
 * and a message (and, for an invalid body, every issue by path).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { MAX_JSON_DEPTH, jsonNestingDepth, tooDeepMessage } from '../../src/model/exchange/jsonDepth';
import type { TaskFailure, TaskWorkerError } from '../taskWorker';

export interface Issue {
  path: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: Issue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

export const noContent = (res: ServerResponse, headers: Record<string, string> = {}): void => {
  res.writeHead(204, { 'cache-control': 'no-store', ...headers }).end();
};

/**
 * A body past its limit is still read, and thrown away, up to this many
 * times the limit (64 MiB at most) before the 413 goes out: a browser still
 * uploading a file when the server closes the connection sees a reset, not
 * the answer, and can only say "network error". Beyond that the connection
 * is closed at once: nobody gets to make the server read without end.
 */
const DRAIN_FACTOR = 4;
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;

/** The body's bytes. 413 past `limit` bytes (declared or actual). */
export async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const drainBudget = Math.max(limit, Math.min(limit * DRAIN_FACTOR, DRAIN_MAX_BYTES));
  const tooLarge = (drained: boolean) =>
    new HttpError(413, `request body larger than ${limit} bytes`, undefined, drained ? {} : { connection: 'close' });
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > drainBudget) throw tooLarge(false);
  const chunks: Buffer[] = [];
  let size = 0;
  let over = declared > limit;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > drainBudget) throw tooLarge(false);
    if (size > limit) over = true;
    if (!over) chunks.push(chunk);
  }
  if (over) throw tooLarge(true);
  return Buffer.concat(chunks);
}

/** The body as JSON; empty means `{}`. 413 past `limit` bytes, 400 if not JSON or nested too deep. */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const text = (await readBytes(req, limit)).toString('utf8');
  if (text.trim() === '') return {};
  if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new HttpError(400, 'request body is nested too deeply', [{ path: '', message: tooDeepMessage(MAX_JSON_DEPTH) }]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'request body is not valid JSON', [{ path: '', message: 'not valid JSON' }]);
  }
}

/** `value` as `schema` says, or 400 with every issue by path. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, what = 'request body'): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new HttpError(
    400,
    `invalid ${what}`,
    parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}

/** What a request answers when its worker task failed for a reason other than its input (taskWorker.ts). */
export function taskFailureError(err: TaskWorkerError): HttpError {
  const status = TASK_FAILURE_STATUS[err.reason];
  return new HttpError(status, err.message, undefined, status === 503 ? { 'retry-after': '5' } : {});
}

const TASK_FAILURE_STATUS: Record<TaskFailure, number> = { memory: 413, timeout: 503, busy: 503, closed: 503, crashed: 500 };
