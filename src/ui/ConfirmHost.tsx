/**
 * Shows the question askConfirm is waiting on (mounted once, at the app's
 * root). The dialog is a Modal, so focus goes back on its own to what had it
 * when the question was asked: Cancel leaves the user where they were.
 */
import { ConfirmDialog } from './ConfirmDialog';
import { answerQuestion, usePendingQuestion } from './askConfirm';

export function ConfirmHost() {
  const question = usePendingQuestion();
  if (!question) return null;
  const { id, title, message, confirmLabel, danger } = question;
  return (
    <ConfirmDialog
      key={id}
      title={title}
      message={message}
      confirmLabel={confirmLabel}
      danger={danger}
      onConfirm={() => answerQuestion(id, true)}
      onCancel={() => answerQuestion(id, false)}
    />
  );
}
