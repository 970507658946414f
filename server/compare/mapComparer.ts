/**
 * Version compares off the event loop: inflating two versions of a
 * 600-card map, loading them into docs, validating and diffing them takes
 * tens of milliseconds of CPU (bench: `compare600`), which no socket or
 * request should wait for. A TaskWorker of compareWorker.ts.
 */
import { TaskWorker, type TaskWorkerOptions } from '../taskWorker';
import type { CompareSideRef } from '../../src/model/compare/wire';
import type { ComparePdfOptions } from './comparePdf';
import type { CompareRequest, CompareStatesResult } from './compareStates';

/** A compare, and its PDF page when `pdf` is given (the sides' refs name them on the page). */
export interface CompareTask extends CompareRequest {
  refs: { from: CompareSideRef; to: CompareSideRef };
  pdf?: ComparePdfOptions;
}
export type CompareTaskResult = CompareStatesResult | (Extract<CompareStatesResult, { ok: true }> & { pdf: Uint8Array });

export class MapComparer {
  readonly #tasks: TaskWorker<CompareTask, CompareTaskResult>;

  constructor(opts: TaskWorkerOptions = {}) {
    // Two 10,000-card maps side by side at most (MAP_LIMITS); versions are within MAX_MAP_STORAGE_BYTES.
    this.#tasks = new TaskWorker(
      new URL('./compareWorker.ts', import.meta.url),
      { task: 'compare', input: 'the map' },
      { maxMemoryMb: 512, ...opts },
    );
  }

  /** The diff and the view, or which side is not a valid map; rejects with TaskWorkerError when the worker cannot answer. */
  compare(request: CompareTask): Promise<CompareTaskResult> {
    return this.#tasks.run(request);
  }

  close(): Promise<void> {
    return this.#tasks.close();
  }
}
