/**
 * The text box for a new thread, a reply or an edit. Enter sends, Shift+Enter
 * is a new line, and neither fires while an IME is composing (Chinese input
 * confirms a word with Enter). Typing `@` offers the people on the map and
 * everyone who has commented; picking one inserts `@Name` and remembers who
 * it is, so the mention survives two people sharing a name.
 */
import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { mentionQuery, MAX_COMMENT_LENGTH, type Mention } from '../../model/comments';
import { usePresence, type PresenceUser } from '../../sync/presence';
import { useComments } from '../../state/useComments';
import { insertMention } from './insertMention';

const MAX_SUGGESTIONS = 6;

/** People one can mention: who is here first, then past commenters; never oneself. */
function useMentionable(): PresenceUser[] {
  const me = usePresence((s) => s.me.id);
  const peers = usePresence((s) => s.peers);
  const authors = useComments((s) => s.authors);
  return useMemo(() => {
    const seen = new Set([me]);
    const out: PresenceUser[] = [];
    for (const person of [...peers.map((p) => p.user), ...authors]) {
      if (seen.has(person.id) || !person.name.trim()) continue;
      seen.add(person.id);
      out.push(person);
    }
    return out;
  }, [me, peers, authors]);
}

export interface ComposerProps {
  placeholder: string;
  submitLabel: string;
  /** returns false when nothing was saved (the text then stays) */
  onSubmit(text: string, mentions: Mention[]): boolean;
  onCancel?(): void;
  initialText?: string;
  initialMentions?: readonly Mention[];
  autoFocus?: boolean;
  rows?: number;
  /** buttons only once something is typed (a reply box under every thread) */
  compact?: boolean;
}

export function Composer({
  placeholder,
  submitLabel,
  onSubmit,
  onCancel,
  initialText = '',
  initialMentions = [],
  autoFocus,
  rows = 2,
  compact,
}: ComposerProps) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState(initialText);
  const [picked, setPicked] = useState<Mention[]>([...initialMentions]);
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  /** where the caret was left by picking a mention (after its space), until the next key */
  const pickedAt = useRef<number | null>(null);
  const people = useMentionable();

  const query = caret === null ? null : mentionQuery(text, caret);
  const suggestions =
    query && query.start !== dismissedAt
      ? people.filter((p) => p.name.toLowerCase().includes(query.query.toLowerCase())).slice(0, MAX_SUGGESTIONS)
      : [];
  const open = suggestions.length > 0;
  const current = Math.min(active, suggestions.length - 1);

  // Put the caret after an inserted mention once React has written the text.
  useLayoutEffect(() => {
    if (pendingCaret.current === null || !box.current) return;
    box.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  });

  const pick = (person: PresenceUser) => {
    if (!query || caret === null) return;
    const { text: next, caret: after } = insertMention(text, query.start, caret, person.name);
    setText(next.slice(0, MAX_COMMENT_LENGTH));
    setPicked((list) => [...list.filter((m) => m.id !== person.id), { id: person.id, name: person.name }]);
    const at = Math.min(after, MAX_COMMENT_LENGTH);
    pendingCaret.current = at;
    pickedAt.current = at;
    setCaret(at);
    setActive(0);
    box.current?.focus();
  };

  const submit = () => {
    if (!text.trim()) return;
    if (onSubmit(text, picked)) {
      setText('');
      setPicked([]);
      setCaret(null);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // keyCode 229: Safari reports the Enter that ends a composition as not composing.
    if (e.nativeEvent.isComposing || e.nativeEvent.keyCode === 229) return;
    // The space typed out of habit right after a picked mention is the one the mention already brought.
    const afterPick = pickedAt.current;
    pickedAt.current = null;
    if (e.key === ' ' && afterPick !== null && e.currentTarget.selectionStart === afterPick && text[afterPick - 1] === ' ') {
      e.preventDefault();
      return;
    }
    if (open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((current + step + suggestions.length) % suggestions.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pick(suggestions[current]!);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setDismissedAt(query!.start);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape' && onCancel) {
      e.preventDefault();
      onCancel();
    }
  };

  return (
    <div className="comment-composer">
      <div className="composer-field">
        <textarea
          ref={box}
          data-testid="comment-composer"
          value={text}
          rows={rows}
          maxLength={MAX_COMMENT_LENGTH}
          placeholder={placeholder}
          aria-label={placeholder}
          autoFocus={autoFocus}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${listId}-${current}` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onBlur={() => setCaret(null)}
          onKeyDown={onKeyDown}
        />
        {open && (
          <ul
            className="mention-suggestions"
            id={listId}
            role="listbox"
            aria-label={t('comments.people')}
            data-testid="mention-suggestions"
          >
            {suggestions.map((person, i) => (
              <li
                key={person.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === current}
                className={i === current ? 'is-active' : ''}
                data-testid="mention-option"
                // mousedown, not click: the textarea must keep its focus and caret.
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(person);
                }}
              >
                <span className="author-dot" style={{ background: person.color }} aria-hidden />
                {person.name}
              </li>
            ))}
          </ul>
        )}
      </div>
      {(!compact || text || onCancel) && (
        <div className="composer-actions">
          {text && <span className="muted composer-hint">{t('comments.hint')}</span>}
          {onCancel && (
            <button type="button" onClick={onCancel}>
              {t('comments.cancel')}
            </button>
          )}
          <button type="button" className="primary" data-testid="comment-send" disabled={!text.trim()} onClick={submit}>
            {submitLabel}
          </button>
        </div>
      )}
    </div>
  );
}
