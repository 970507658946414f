/**
 * Map imports off the event loop (a TaskWorker running importWorker.ts):
 * parsing, validating and building a big map file takes the better part of
 * a second of CPU, during which no socket or request would be served.
 */
import type { ImportRequest } from './importWorker';
import type { ImportPreparation } from './prepareImport';
import { TaskWorker, type TaskWorkerOptions } from './taskWorker';

export type { ImportPreparation, PreparedImport, RefusedImport } from './prepareImport';

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

export class MapImporter {
  readonly #tasks: TaskWorker<ImportRequest, ImportPreparation>;

  constructor(opts: TaskWorkerOptions = {}) {
    this.#tasks = new TaskWorker(
      new URL('./importWorker.ts', import.meta.url),
      { task: 'import', input: 'the file' },
      {
        maxMemoryMb: DEFAULT_IMPORT_MEMORY_MB,
        ...opts,
      },
    );
  }

  /**
   * A map file (its bytes as received, or text) to what the store needs to
   * create the map, with its timestamps set to `now`; or the file's issues.
   * Rejects with TaskWorkerError when the worker cannot answer (see
   * TaskFailure); the input is copied to the worker, the caller keeps it.
   */
  prepare(input: Uint8Array | string, now: number = Date.now()): Promise<ImportPreparation> {
    return this.#tasks.run({ input, now });
  }

  /** Stops the worker; imports running or waiting fail with 'closed'. For the server's shutdown. */
  close(): Promise<void> {
    return this.#tasks.close();
  }
}
