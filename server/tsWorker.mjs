/**
 * The first module of a worker thread whose code is TypeScript. The server
 * runs under tsx (`tsx server/index.ts`, `node --import tsx`), but on Node 20
 * a worker thread gets no tsx loader: not inherited, and not through
 * `execArgv: ['--import', 'tsx']` either (its `.ts` entry fails with "Unknown
 * file extension"). Plain JavaScript, this module registers tsx inside the
 * worker, then imports the entry that `workerData.entry` names (a file URL).
 */
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
