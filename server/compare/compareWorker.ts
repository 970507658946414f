/**
 * The compare worker thread (a TaskWorker's entry, started by
 * mapComparer.ts): one compare of two stored states at a time, and its PDF
 * page when asked (bytes transferred back).
 */
import { ownBuffer, serveTasks } from '../taskThread';
import { compareStates } from './compareStates';
import { comparePdf } from './comparePdf';
import type { CompareTask, CompareTaskResult } from './mapComparer';

serveTasks<CompareTask, CompareTaskResult>(async (request) => {
  const result = compareStates(request);
  if (!result.ok || !request.pdf) return { result, transfer: [] };
  const pdf = ownBuffer(
    await comparePdf({ from: request.refs.from, to: request.refs.to, diff: result.diff, view: result.view }, request.pdf),
  );
  return { result: { ...result, pdf }, transfer: [pdf.buffer as ArrayBuffer] };
});
