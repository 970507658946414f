/**
 * The import worker thread (a TaskWorker's entry, started by
 * server/importer.ts): takes one map file at a time, answers with
 * prepareImport's result, its states transferred.
 */
import { prepareImport } from './prepareImport';
import { ownBuffer, serveTasks } from './taskThread';
import type { ImportPreparation } from './prepareImport';

export interface ImportRequest {
  input: Uint8Array | string;
  /** the new map's createdAt and updatedAt */
  now: number;
}

serveTasks<ImportRequest, ImportPreparation>(async ({ input, now }) => {
  const result = prepareImport(input, now);
  const transfer: ArrayBuffer[] = [];
  if (result.ok) {
    result.state = ownBuffer(result.state);
    transfer.push(result.state.buffer as ArrayBuffer);
    if (result.comments) {
      result.comments = ownBuffer(result.comments);
      transfer.push(result.comments.buffer as ArrayBuffer);
    }
  }
  return { result, transfer };
});
