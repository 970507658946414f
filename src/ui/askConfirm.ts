/**
 * The one way to ask "are you sure?": `await askConfirm({...})` from anywhere
 * (a component, or the actions table, which has no component to render a
 * dialog in). The question waits here until the one <ConfirmHost/> at the
 * app's root shows it in a ConfirmDialog and the user answers.
 */
import { create } from 'zustand';

export interface Question {
  title: string;
  message: string;
  /** the action named on the button that says yes ("Delete stage"), not "OK" */
  confirmLabel: string;
  /** a destructive action: the safe answer (Cancel) has focus first */
  danger?: boolean;
}

export interface PendingQuestion extends Question {
  /** tells one question's dialog from the next (a new dialog, so focus starts afresh) */
  id: number;
}

interface Asked extends PendingQuestion {
  resolve(yes: boolean): void;
}

/** Questions in the order asked: the first is on screen, the others wait their turn. */
const useQuestions = create<{ queue: readonly Asked[] }>(() => ({ queue: [] }));
let nextId = 1;

export function askConfirm(question: Question): Promise<boolean> {
  return new Promise((resolve) => {
    const asked: Asked = { ...question, id: nextId++, resolve };
    useQuestions.setState((s) => ({ queue: [...s.queue, asked] }));
  });
}

/**
 * The answer to the question on screen. A question is answered once: a
 * second answer for the same id (a double click) is ignored, and cannot
 * answer the question that came next.
 */
export function answerQuestion(id: number, yes: boolean): void {
  const { queue } = useQuestions.getState();
  const first = queue[0];
  if (!first || first.id !== id) return;
  useQuestions.setState({ queue: queue.slice(1) });
  first.resolve(yes);
}

/** Every question asked so far is answered no (the page they were about is gone). */
export function cancelQuestions(): void {
  const { queue } = useQuestions.getState();
  if (queue.length === 0) return;
  useQuestions.setState({ queue: [] });
  for (const asked of queue) asked.resolve(false);
}

/** The question to show now, if any. */
export const usePendingQuestion = (): PendingQuestion | null => useQuestions((s) => s.queue[0] ?? null);

/** The same, outside React (tests). */
export const pendingQuestion = (): PendingQuestion | null => useQuestions.getState().queue[0] ?? null;
