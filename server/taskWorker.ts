/**
 * CPU-heavy work off the event loop. Preparing a big map import, or drawing
 * a big map into a PDF, takes the better part of a second of CPU, and while
 * the main thread does it no socket or request is served. So a TaskWorker
 * hands each task to a worker thread (an entry module that answers through
 * serveTasks, taskThread.ts) and the main thread only uses what comes back.
 *
 * One worker per kind of task, started at the first task and reused; tasks
 * wait their turn in a short queue. The worker has a heap limit and each
 * task a time limit: a task that needs more memory, or more time, costs its
 * own request a clear error (TaskWorkerError) and the worker a restart,
 * never the server. An idle worker is stopped after a while, giving its
 * memory back.
 */
import { Worker } from 'node:worker_threads';
import type { TaskReply } from './taskThread';

export interface TaskWorkerOptions {
  /** heap (V8 old generation) the worker may use; a task that needs more fails with 'memory' (default 256) */
  maxMemoryMb?: number;
  /** ms one task may take in the worker before it is stopped and fails with 'timeout' (default 30 000) */
  timeoutMs?: number;
  /** tasks that may wait behind the running one; more fail with 'busy' (default 4) */
  maxQueued?: number;
  /** ms an idle worker is kept for the next task (default 60 000) */
  idleMs?: number;
}

const DEFAULTS: Required<TaskWorkerOptions> = { maxMemoryMb: 256, timeoutMs: 30_000, maxQueued: 4, idleMs: 60_000 };
/** Loading the worker's modules (tsx compiles them on first use) takes a second or two; a worker that never gets there is broken. */
const START_TIMEOUT_MS = 60_000;
const BOOT_URL = new URL('./tsWorker.mjs', import.meta.url);

/**
 * Why a task failed for a reason other than its input:
 * - memory: it needs more memory than a task may use (HTTP 413)
 * - timeout: it took longer than a task may (503: the server may just be busy)
 * - busy: too many tasks are waiting (503)
 * - closed: the worker is shut down (503)
 * - crashed: the worker failed; a bug, logged with its cause (500)
 */
export type TaskFailure = 'memory' | 'timeout' | 'busy' | 'closed' | 'crashed';

export class TaskWorkerError extends Error {
  override name = 'TaskWorkerError';
  constructor(
    readonly reason: TaskFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What a task is called in errors ("import", "export") and how its input's size is named ("the file", "the map"). */
export interface TaskNames {
  task: string;
  input: string;
}

type Waiter<T> = { resolve: (value: T) => void; reject: (err: TaskWorkerError) => void };

/** One worker thread and the one task it may be doing. Once it fails it stays failed: TaskWorker starts another. */
class TaskThread<Req, Res> {
  readonly #worker: Worker;
  readonly #ready: Promise<void>;
  readonly #names: TaskNames;
  #readyWaiter: Waiter<void> | null = null;
  #pending: Waiter<Res> | null = null;
  #failure: TaskWorkerError | null = null;

  constructor(entry: URL, names: TaskNames, maxMemoryMb: number) {
    this.#names = names;
    this.#ready = new Promise<void>((resolve, reject) => (this.#readyWaiter = { resolve, reject }));
    this.#ready.catch(() => {}); // a worker that dies unused is no unhandled rejection
    this.#worker = new Worker(BOOT_URL, {
      workerData: { entry: entry.href },
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
    });
    this.#worker.on('message', (reply: TaskReply<Res>) => {
      if (reply.type === 'ready') {
        this.#readyWaiter?.resolve();
        this.#readyWaiter = null;
        return;
      }
      const pending = this.#pending;
      this.#pending = null;
      if (reply.type === 'done') pending?.resolve(reply.result);
      else pending?.reject(this.#crashed(new Error(reply.message)));
    });
    // An error is followed by an exit: the first says why, so it is the one reported. Before the worker
    // is ready no task is in it: running out of memory then is a server fault (a limit set too low).
    this.#worker.on('error', (err) => this.#fail(this.#readyWaiter ? this.#crashed(err) : this.#failureOf(err)));
    this.#worker.on('exit', (code) => this.#fail(this.#crashed(new Error(`the ${names.task} worker exited with code ${code}`))));
  }

  get failed(): boolean {
    return this.#failure !== null;
  }

  /**
   * Runs one task in at most `timeoutMs` (counted once the worker is
   * loaded); rejects with TaskWorkerError if the worker fails, is too slow
   * or is stopped meanwhile.
   */
  async run(request: Req, timeoutMs: number): Promise<Res> {
    await this.#within(this.#ready, START_TIMEOUT_MS, () =>
      this.#crashed(new Error(`the ${this.#names.task} worker did not start in time`)),
    );
    if (this.#failure) throw this.#failure;
    const result = new Promise<Res>((resolve, reject) => (this.#pending = { resolve, reject }));
    this.#worker.postMessage(request);
    return this.#within(
      result,
      timeoutMs,
      () => new TaskWorkerError('timeout', `the ${this.#names.task} took longer than the server allows`),
    );
  }

  /** A worker with no task to do must not keep the process alive. */
  keepProcessAlive(yes: boolean): void {
    if (yes) this.#worker.ref();
    else this.#worker.unref();
  }

  /** Stops the worker; the task it is doing (if any) fails with `reason`. */
  async stop(reason: TaskWorkerError): Promise<void> {
    this.#fail(reason);
    await this.#worker.terminate();
  }

  /** `promise`, unless `ms` pass first: then the worker is stopped (the only way to end a busy thread) and the wait fails. */
  async #within<T>(promise: Promise<T>, ms: number, failure: () => TaskWorkerError): Promise<T> {
    const timer = setTimeout(() => void this.stop(failure()), ms);
    try {
      return await promise;
    } finally {
      clearTimeout(timer);
    }
  }

  #crashed(cause: unknown): TaskWorkerError {
    return new TaskWorkerError('crashed', `the ${this.#names.task} failed on the server`, { cause });
  }

  /** A worker's `error` event as the failure of the task it was doing. */
  #failureOf(err: unknown): TaskWorkerError {
    if ((err as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      const { task, input } = this.#names;
      return new TaskWorkerError('memory', `${input} needs more memory than an ${task} may use`, { cause: err });
    }
    return this.#crashed(err);
  }

  #fail(failure: TaskWorkerError): void {
    if (this.#failure) return;
    this.#failure = failure;
    const waiters = [this.#readyWaiter, this.#pending];
    this.#readyWaiter = null;
    this.#pending = null;
    for (const waiter of waiters) waiter?.reject(failure);
  }
}

interface Job<Req, Res> {
  request: Req;
  resolve: (r: Res) => void;
  reject: (e: unknown) => void;
}

const closedError = () => new TaskWorkerError('closed', 'the server is shutting down');

export class TaskWorker<Req, Res> {
  readonly #entry: URL;
  readonly #names: TaskNames;
  readonly #opts: Required<TaskWorkerOptions>;
  #thread: TaskThread<Req, Res> | null = null;
  #queue: Job<Req, Res>[] = [];
  #running = false;
  #closed = false;
  #idleTimer: NodeJS.Timeout | null = null;

  /** `entry`: the worker's module (a file URL), which answers through serveTasks. */
  constructor(entry: URL, names: TaskNames, opts: TaskWorkerOptions = {}) {
    this.#entry = entry;
    this.#names = names;
    this.#opts = { ...DEFAULTS, ...opts };
  }

  /**
   * What the worker answers for `request` (copied to it: the caller keeps
   * it). Rejects with TaskWorkerError when the worker cannot answer (see
   * TaskFailure).
   */
  run(request: Req): Promise<Res> {
    if (this.#closed) return Promise.reject(closedError());
    if (this.#queue.length >= this.#opts.maxQueued) {
      return Promise.reject(new TaskWorkerError('busy', `too many ${this.#names.task}s at once: try again in a moment`));
    }
    return new Promise<Res>((resolve, reject) => {
      this.#queue.push({ request, resolve, reject });
      this.#next();
    });
  }

  /** Stops the worker; tasks running or waiting fail with 'closed'. For the server's shutdown. */
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

  /** One task on the live worker (a new one if there is none or the last one failed). */
  async #run(request: Req): Promise<Res> {
    if (!this.#thread || this.#thread.failed) this.#thread = new TaskThread(this.#entry, this.#names, this.#opts.maxMemoryMb);
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
