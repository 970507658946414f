/**
 * The compare worker thread (a TaskWorker's entry, started by
 * mapComparer.ts): one compare of two stored states at a time.
 */
import { serveTasks } from '../taskThread';
import { compareStates, type CompareRequest, type CompareStatesResult } from './compareStates';

serveTasks<CompareRequest, CompareStatesResult>(async (request) => ({ result: compareStates(request), transfer: [] }));
