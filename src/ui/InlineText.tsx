/**
 * Inline text editor of the stage and lane headers (a card has its own,
 * co-edited live: canvas/nodes/CardTextEditor): Enter saves (Shift+Enter is
 * a newline where multi-line), Escape cancels, blur saves.
 * IME-safe: Enter while composing Chinese text does not save.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

interface Props {
  value: string;
  multiline?: boolean;
  placeholder?: string;
  ariaLabel: string;
  className?: string;
  maxLength?: number;
  onSave(text: string): void;
  onCancel(): void;
}

export function InlineText({ value, multiline, placeholder, ariaLabel, className, maxLength, onSave, onCancel }: Props) {
  const [draft, setDraft] = useState(value);
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const done = useRef(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.select();
  }, []);

  const finish = (save: boolean) => {
    if (done.current) return;
    done.current = true;
    if (save) onSave(draft);
    else onCancel();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Escape') finish(false);
    else if (e.key === 'Enter' && !(multiline && e.shiftKey)) {
      e.preventDefault();
      finish(true);
    }
  };

  const common = {
    ref,
    value: draft,
    placeholder,
    'aria-label': ariaLabel,
    maxLength,
    className: `inline-text nodrag nowheel nopan ${className ?? ''}`,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onKeyDown,
    onBlur: () => finish(true),
  };
  return multiline ? <textarea {...common} rows={3} /> : <input {...common} />;
}
