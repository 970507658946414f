/**
 * The export worker thread (a TaskWorker's entry, started by
 * mapExporter.ts): one PDF or PNG at a time, its bytes transferred back.
 */
import { ownBuffer, serveTasks } from '../taskThread';
import { renderOnServer, type ServerExport, type ServerExportResult } from './renderOnServer';

serveTasks<ServerExport, ServerExportResult>(async (request) => {
  const result = await renderOnServer(request);
  if (!result.ok) return { result, transfer: [] };
  const bytes = ownBuffer(result.bytes);
  return { result: { ...result, bytes }, transfer: [bytes.buffer as ArrayBuffer] };
});
