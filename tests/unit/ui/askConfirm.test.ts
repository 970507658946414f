import { afterEach, describe, expect, it } from 'vitest';
import { answerQuestion, askConfirm, cancelQuestions, pendingQuestion } from '../../../src/ui/askConfirm';

const question = (title: string) => ({ title, message: `${title}?`, confirmLabel: title, danger: true });

afterEach(() => cancelQuestions());

describe('askConfirm: one question on screen at a time, each answered once', () => {
  it('the answer on screen is the answer awaited: yes and no', async () => {
    const yes = askConfirm(question('Delete stage'));
    expect(pendingQuestion()).toMatchObject({
      title: 'Delete stage',
      message: 'Delete stage?',
      confirmLabel: 'Delete stage',
      danger: true,
    });
    answerQuestion(pendingQuestion()!.id, true);
    await expect(yes).resolves.toBe(true);
    expect(pendingQuestion()).toBeNull();

    const no = askConfirm(question('Delete lane'));
    answerQuestion(pendingQuestion()!.id, false);
    await expect(no).resolves.toBe(false);
  });

  it('a second question waits for the first; a late second answer to the first does not answer it', async () => {
    const first = askConfirm(question('first'));
    const second = askConfirm(question('second'));
    const firstId = pendingQuestion()!.id;
    expect(pendingQuestion()!.title).toBe('first');
    answerQuestion(firstId, true);
    answerQuestion(firstId, true); // a double click on the first dialog's button
    expect(pendingQuestion()!.title).toBe('second');
    answerQuestion(pendingQuestion()!.id, false);
    expect([await first, await second]).toEqual([true, false]);
  });

  it('leaving the page answers every question no', async () => {
    const answers = Promise.all([askConfirm(question('a')), askConfirm(question('b'))]);
    cancelQuestions();
    expect(pendingQuestion()).toBeNull();
    await expect(answers).resolves.toEqual([false, false]);
  });
});
