/**
 * Group commit for document appends. Every room appends its batch of an
 * event-loop turn on its own; committing each as its own transaction made
 * commits (SQLite's WAL writes, PostgreSQL's round trip and WAL flush) the
 * largest cost of a busy server. The batcher collects the appends of all
 * rooms and hands them to the store's `commit` together: in the check phase
 * of the turn they were made in (after every I/O callback of that poll), or,
 * while a commit is still in flight, as soon as it is done. One commit is in
 * flight at a time, so under load a batch holds what arrived during the last
 * commit, and an append waits at most for one commit before its own.
 *
 * `commit` settles each append itself (done with the document's log length,
 * or failed), so one bad append (a map deleted meanwhile) need not fail the
 * others; if it throws, every append of the batch fails with that error.
 */
import type { DocId } from './types';

export interface PendingAppend {
  doc: DocId;
  updates: Uint8Array[];
  done(logLength: number): void;
  failed(err: unknown): void;
}

export interface AppendBatcher {
  /** Resolves with the document's log length once the updates are committed. */
  append(doc: DocId, updates: Uint8Array[]): Promise<number>;
  /** Commits what is waiting now and waits for every commit in flight (closing the store). */
  flush(): Promise<void>;
}

export function appendBatcher(commit: (batch: PendingAppend[]) => void | Promise<void>): AppendBatcher {
  let queue: PendingAppend[] = [];
  let scheduled = false;
  let running: Promise<void> | null = null;

  const drain = async () => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await commit(batch);
      } catch (err) {
        for (const item of batch) item.failed(err);
      }
    }
    running = null;
  };
  const start = () => {
    scheduled = false;
    running ??= drain();
  };

  return {
    append(doc, updates) {
      return new Promise<number>((done, failed) => {
        queue.push({ doc, updates, done, failed });
        // While a commit is in flight its loop takes this one next; otherwise the turn's end does.
        if (running === null && !scheduled) {
          scheduled = true;
          setImmediate(start);
        }
      });
    },
    async flush() {
      if (queue.length > 0) start();
      await running;
    },
  };
}
