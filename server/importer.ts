/**
 * Map imports off the event loop. Parsing, validating and building a big map
 * file takes the better part of a second of CPU (seconds, before the entity
 * limits), and while the main thread does it no socket or request is served.
 * So a MapImporter hands each file to a worker thread (importWorker.ts, which
 * runs prepareImport) and the main thread only stores what comes back.
 *
 * One worker, started at the first import and reused; imports are rare, so
 * they wait their turn in a short queue. The worker has a heap limit and each
 * import a time limit: a file that needs more memory, or more time, costs its
 * own request a clear error (ImportWorkerError) and the worker a restart,
 * never the server. An idle worker is stopped after a while, giving its
 * memory back.
 */
import { Worker } from 'node:worker_threads';
import type { ImportRequest, WorkerReply } from './importWorker';
import type { ImportPreparation } from './prepareImport';

export type { ImportPreparation, PreparedImport, RefusedImport } from './prepareImport';

export interface MapImporterOptions {
  /** heap (V8 old generation) the worker may use; a file that needs more fails with 'memory' (default 256) */
  maxMemoryMb?: number;
  /** ms one import may take in the worker before it is stopped and fails with 'timeout' (default 30 000) */
  timeoutMs?: number;
  /** imports that may wait behind the running one; more fail with 'busy' (default 4) */
  maxQueued?: number;
  /** ms an idle worker is kept for the next import (default 60 000) */
  idleMs?: number;
}

/**
 * Heap for the default MAX_IMPORT_BYTES (10 MiB). A near-limit legitimate
 * file (10 000 cards, 9.5 MB) needs about 100 MB to prepare; the rest is
 * headroom, and a file shaped to cost more (millions of tiny objects) fails
 * with 'memory' instead of taking the server's memory.
 */
export const DEFAULT_IMPORT_MEMORY_MB = 256;
/** Heap a worker needs per MiB of file, measured with the heap limit lowered until legitimate files failed, then doubled. */
const MEMORY_MB_PER_FILE_MIB = 20;

/** The worker heap for files of up to `maxImportBytes` (config MAX_IMPORT_BYTES): the default, more for a raised limit. */
export const importMemoryMb = (maxImportBytes: number): number =>
  Math.max(DEFAULT_IMPORT_MEMORY_MB, Math.ceil((MEMORY_MB_PER_FILE_MIB * maxImportBytes) / 2 ** 20));
const DEFAULTS: Required<MapImporterOptions> = { maxMemoryMb: DEFAULT_IMPORT_MEMORY_MB, timeoutMs: 30_000, maxQueued: 4, idleMs: 60_000 };
/** Loading the worker's modules (tsx compiles them on first use) takes a second or two; a worker that never gets there is broken. */
const START_TIMEOUT_MS = 60_000;

/**
 * Why an import failed for a reason other than the file's content:
 * - memory: the file needs more memory than an import may use (HTTP 413)
 * - timeout: it took longer than an import may (503: the server may just be busy)
 * - busy: too many imports are waiting (503)
 * - closed: the importer is shut down (503)
 * - crashed: the worker failed; a bug, logged with its cause (500)
 */
export type ImportFailure = 'memory' | 'timeout' | 'busy' | 'closed' | 'crashed';

export class ImportWorkerError extends Error {
  override name = 'ImportWorkerError';
  constructor(
    readonly reason: ImportFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const closedError = () => new ImportWorkerError('closed', 'the server is shutting down');

const crashed = (cause: unknown) => new ImportWorkerError('crashed', 'the import failed on the server', { cause });

/** A worker's `error` event as the failure of the import it was doing. */
function failureOf(err: unknown): ImportWorkerError {
  if ((err as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new ImportWorkerError('memory', 'the file needs more memory than an import may use', { cause: err });
  }
  return crashed(err);
}

const BOOT_URL = new URL('./tsWorker.mjs', import.meta.url);
const ENTRY_URL = new URL('./importWorker.ts', import.meta.url);

type Waiter<T> = { resolve: (value: T) => void; reject: (err: ImportWorkerError) => void };

/** One worker thread and the one import it may be doing. Once it fails it stays failed: MapImporter starts another. */
class ImportThread {
  readonly #worker: Worker;
  readonly #ready: Promise<void>;
  #readyWaiter: Waiter<void> | null = null;
  #pending: Waiter<ImportPreparation> | null = null;
  #failure: ImportWorkerError | null = null;

  constructor(maxMemoryMb: number) {
    this.#ready = new Promise<void>((resolve, reject) => (this.#readyWaiter = { resolve, reject }));
    this.#ready.catch(() => {}); // a worker that dies unused is no unhandled rejection
    this.#worker = new Worker(BOOT_URL, {
      workerData: { entry: ENTRY_URL.href },
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
    });
    this.#worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        this.#readyWaiter?.resolve();
        this.#readyWaiter = null;
        return;
      }
      const pending = this.#pending;
      this.#pending = null;
      if (reply.type === 'done') pending?.resolve(reply.result);
      else pending?.reject(crashed(new Error(reply.message)));
    });
    // An error is followed by an exit: the first says why, so it is the one reported. Before the worker
    // is ready no file is in it: running out of memory then is a server fault (a limit set too low).
    this.#worker.on('error', (err) => this.#fail(this.#readyWaiter ? crashed(err) : failureOf(err)));
    this.#worker.on('exit', (code) => this.#fail(crashed(new Error(`the import worker exited with code ${code}`))));
  }

  get failed(): boolean {
    return this.#failure !== null;
  }

  /**
   * Prepares one file in at most `timeoutMs` (counted once the worker is
   * loaded); rejects with ImportWorkerError if the worker fails, is too slow
   * or is stopped meanwhile.
   */
  async run(request: ImportRequest, timeoutMs: number): Promise<ImportPreparation> {
    await this.#within(this.#ready, START_TIMEOUT_MS, () => crashed(new Error('the import worker did not start in time')));
    if (this.#failure) throw this.#failure;
    const result = new Promise<ImportPreparation>((resolve, reject) => (this.#pending = { resolve, reject }));
    this.#worker.postMessage(request);
    return this.#within(result, timeoutMs, () => new ImportWorkerError('timeout', 'the import took longer than the server allows'));
  }

  /** A worker with no import to do must not keep the process alive. */
  keepProcessAlive(yes: boolean): void {
    if (yes) this.#worker.ref();
    else this.#worker.unref();
  }

  /** Stops the worker; the import it is doing (if any) fails with `reason`. */
  async stop(reason: ImportWorkerError): Promise<void> {
    this.#fail(reason);
    await this.#worker.terminate();
  }

  /** `promise`, unless `ms` pass first: then the worker is stopped (the only way to end a busy thread) and the wait fails. */
  async #within<T>(promise: Promise<T>, ms: number, failure: () => ImportWorkerError): Promise<T> {
    const timer = setTimeout(() => void this.stop(failure()), ms);
    try {
      return await promise;
    } finally {
      clearTimeout(timer);
    }
  }

  #fail(failure: ImportWorkerError): void {
    if (this.#failure) return;
    this.#failure = failure;
    const waiters = [this.#readyWaiter, this.#pending];
    this.#readyWaiter = null;
    this.#pending = null;
    for (const waiter of waiters) waiter?.reject(failure);
  }
}

interface Job {
  request: ImportRequest;
  resolve: (r: ImportPreparation) => void;
  reject: (e: unknown) => void;
}

export class MapImporter {
  readonly #opts: Required<MapImporterOptions>;
  #thread: ImportThread | null = null;
  #queue: Job[] = [];
  #running = false;
  #closed = false;
  #idleTimer: NodeJS.Timeout | null = null;

  constructor(opts: MapImporterOptions = {}) {
    this.#opts = { ...DEFAULTS, ...opts };
  }

  /**
   * A map file (its bytes as received, or text) to what the store needs to
   * create the map, with its timestamps set to `now`; or the file's issues.
   * Rejects with ImportWorkerError when the worker cannot answer (see
   * ImportFailure); the input is copied to the worker, the caller keeps it.
   */
  prepare(input: Uint8Array | string, now: number = Date.now()): Promise<ImportPreparation> {
    if (this.#closed) return Promise.reject(closedError());
    if (this.#queue.length >= this.#opts.maxQueued) {
      return Promise.reject(new ImportWorkerError('busy', 'too many imports at once: try again in a moment'));
    }
    return new Promise<ImportPreparation>((resolve, reject) => {
      this.#queue.push({ request: { input, now }, resolve, reject });
      this.#next();
    });
  }

  /** Stops the worker; imports running or waiting fail with 'closed'. For the server's shutdown. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#clearIdle();
    for (const job of this.#queue.splice(0)) job.reject(closedError());
    const thread = this.#thread;
    this.#thread = null;
    if (thread) await thread.stop(closedError());
  }

  #next(): void {
    if (this.#running || this.#closed) return;
    const job = this.#queue.shift();
    if (!job) return;
    this.#running = true;
    this.#clearIdle();
    this.#run(job.request)
      .then(job.resolve, job.reject)
      .finally(() => {
        this.#running = false;
        if (this.#queue.length > 0) this.#next();
        else this.#idle();
      });
  }

  /** One import on the live worker (a new one if there is none or the last one failed). */
  async #run(request: ImportRequest): Promise<ImportPreparation> {
    if (!this.#thread || this.#thread.failed) this.#thread = new ImportThread(this.#opts.maxMemoryMb);
    const thread = this.#thread;
    thread.keepProcessAlive(true);
    try {
      return await thread.run(request, this.#opts.timeoutMs);
    } finally {
      thread.keepProcessAlive(false);
    }
  }

  #idle(): void {
    const thread = this.#thread;
    if (!thread) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      if (this.#thread === thread && !this.#running) {
        this.#thread = null;
        void thread.stop(closedError());
      }
    }, this.#opts.idleMs);
    this.#idleTimer.unref();
  }

  #clearIdle(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
  }
}
