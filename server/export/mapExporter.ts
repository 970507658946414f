/**
 * PDF and PNG exports off the event loop: laying out and drawing a 600-card
 * map takes about a second of CPU, which no socket or request should wait
 * for. A TaskWorker of exportWorker.ts. Its heap and time are sized for the
 * largest map there may be (MAP_LIMITS: 10,000 cards), measured: its A4 PDF
 * took 13 s and 640 MB of heap.
 */
import { TaskWorker, type TaskWorkerOptions } from '../taskWorker';
import type { ServerExport, ServerExportResult } from './renderOnServer';

export class MapExporter {
  readonly #tasks: TaskWorker<ServerExport, ServerExportResult>;

  constructor(opts: TaskWorkerOptions = {}) {
    this.#tasks = new TaskWorker(
      new URL('./exportWorker.ts', import.meta.url),
      { task: 'export', input: 'the map' },
      {
        maxMemoryMb: 512,
        ...opts,
      },
    );
  }

  /** The file, or why the options draw nothing; rejects with TaskWorkerError when the worker cannot answer. */
  render(request: ServerExport): Promise<ServerExportResult> {
    return this.#tasks.run(request);
  }

  close(): Promise<void> {
    return this.#tasks.close();
  }
}
