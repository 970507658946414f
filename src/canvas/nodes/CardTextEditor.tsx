/**
 * The card's inline editor, co-edited live: what you type goes into the
 * card's shared text every 80 ms (a splice from what the field last showed,
 * so a colleague's typing in the same card is kept), and their typing shows
 * up in the field while your caret stays where it was. Never written in the
 * middle of an IME composition (pinyin): the composed characters go in when
 * it ends, and what others typed meanwhile is merged in then. With live
 * writes there is nothing to cancel: Enter or Esc leaves, Shift+Enter is a
 * newline, Ctrl/Cmd+Z undoes your own typing (not theirs; a burst of typing
 * without a half-second pause is one step, as for every change). Other people's
 * carets and selections in this card are drawn in their colour with their
 * name.
 */
import { useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { bindCardText, type CardTextBinding } from '../../model/cardTextBinding';
import { mapIndex, diffText } from '../../model/sharedText';
import { TEXT_LIMITS } from '../../model/limits';
import { useOpenMap } from '../../state/mapContext';
import { tryCommand } from '../../state/tryCommand';
import { usePresence, type Peer } from '../../sync/presence';
import { readableOn } from '../../ui/readableOn';

/** How often typing is written to the shared text: often enough to feel live, seldom enough to batch a fast typist's keys. */
const WRITE_INTERVAL_MS = 80;
/** How long after a change a caret still says "typing". */
const TYPING_MS = 3000;

interface Props {
  cardId: string;
  /** The editor closes: `text` is the card's text as it was left, `opened` as it was when the editor opened. */
  onLeave(text: string, opened: string): void;
}

export function CardTextEditor({ cardId, onLeave }: Props) {
  const { t } = useTranslation();
  const { doc, undo, presence } = useOpenMap();
  const binding = useMemo(() => bindCardText(doc, cardId), [doc, cardId]);
  const ref = useRef<HTMLTextAreaElement>(null);
  const [shown, setShown] = useState(() => binding.text());
  const [opened] = useState(shown);
  const editorRef = useRef<Editor | null>(null);

  useLayoutEffect(() => {
    const el = ref.current!;
    const editor = new Editor(el, binding, {
      changed: setShown,
      caret: (anchor, head, typing) =>
        presence.setTextCursor({ cardId, anchor: binding.relative(anchor) as never, head: binding.relative(head) as never, typing }),
    });
    editorRef.current = editor;
    // My typing is its own undo step, not part of adding the card.
    undo.stopCapturing();
    el.focus();
    el.select();
    editor.publishCaret();
    return () => {
      editor.destroy();
      presence.setTextCursor(null);
    };
  }, [binding, cardId, presence, undo]);

  const leave = () => {
    const editor = editorRef.current;
    if (!editor || editor.left) return;
    editor.flush();
    editor.left = true;
    onLeave(binding.text(), opened);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    e.stopPropagation();
    if (e.nativeEvent.isComposing) return;
    const editor = editorRef.current!;
    const mod = e.ctrlKey || e.metaKey;
    if (e.key === 'Escape' || (e.key === 'Enter' && !e.shiftKey)) {
      e.preventDefault();
      leave();
    } else if (mod && (e.key.toLowerCase() === 'z' || e.key.toLowerCase() === 'y')) {
      // The field's own undo would undo colleagues' text too: ours undoes only my changes.
      e.preventDefault();
      editor.flush();
      undo.stopCapturing();
      if (e.key.toLowerCase() === 'y' || e.shiftKey) undo.redo();
      else undo.undo();
    }
  };

  const peers = usePresence((s) => s.peers).filter((p) => p.textCursor?.cardId === cardId);
  const typing = peers.filter((p) => p.textCursor?.typing).map((p) => p.user.name);

  return (
    <div className="cotext nodrag nowheel nopan">
      <div className="cotext-field">
        <RemoteCarets text={shown} peers={peers} binding={binding} field={ref} />
        <textarea
          ref={ref}
          defaultValue={binding.text()}
          className="inline-text cotext-input"
          rows={3}
          maxLength={TEXT_LIMITS.cardText}
          placeholder={t('canvas.cardPlaceholder')}
          aria-label={t('canvas.cardPlaceholder')}
          aria-describedby={`cotext-hint-${cardId}`}
          data-testid="card-editor"
          onInput={() => editorRef.current?.input()}
          onSelect={() => editorRef.current?.publishCaret()}
          onCompositionStart={() => editorRef.current?.compositionStart()}
          onCompositionEnd={() => editorRef.current?.compositionEnd()}
          onScroll={(e) => e.currentTarget.parentElement?.style.setProperty('--cotext-scroll', `${-e.currentTarget.scrollTop}px`)}
          onKeyDown={onKeyDown}
          onBlur={leave}
        />
      </div>
      <p className="cotext-hint" id={`cotext-hint-${cardId}`} aria-live="polite" data-testid="cotext-typing">
        {typing.length > 0 ? t('canvas.typing', { names: typing.join(t('keyboard.listSeparator')), count: typing.length }) : ''}
      </p>
    </div>
  );
}

/**
 * The field's side of the binding, outside React so a keystroke costs no
 * render: `base` is the text the field and the shared text last agreed on.
 */
class Editor {
  private base: string;
  private composing = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastTyped = 0;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly off: () => void;
  left = false;

  constructor(
    private readonly el: HTMLTextAreaElement,
    private readonly binding: CardTextBinding,
    private readonly out: {
      changed(text: string): void;
      caret(anchor: number, head: number, typing: boolean): void;
    },
  ) {
    this.base = binding.text();
    // Others' changes arrive inside their transaction: merged once it is over.
    this.off = binding.onChange(() => queueMicrotask(() => this.sync()));
  }

  input(): void {
    if (this.composing || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sync();
    }, WRITE_INTERVAL_MS);
  }

  compositionStart(): void {
    this.flush();
    this.composing = true;
  }

  compositionEnd(): void {
    this.composing = false;
    this.flush();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.sync();
  }

  /**
   * Writes what the field has that the shared text lacks, then shows what
   * the shared text has that the field lacks, keeping the caret on its
   * character. Not while composing: changing the field's value would end
   * the composition (the next sync after it catches up).
   */
  private sync(): void {
    if (this.composing || this.left) return;
    const local = this.el.value;
    // A refused write (too long) is announced by tryCommand; the field then goes back to the shared text.
    if (local !== this.base && tryCommand(() => this.binding.write(this.base, local)) !== undefined) this.lastTyped = Date.now();
    const now = this.binding.text();
    this.base = now;
    if (now !== this.el.value) {
      const splice = [diffText(this.el.value, now)];
      const { selectionStart, selectionEnd, selectionDirection } = this.el;
      this.el.value = now;
      this.el.setSelectionRange(mapIndex(selectionStart, splice), mapIndex(selectionEnd, splice), selectionDirection);
    }
    this.out.changed(now);
    this.publishCaret();
  }

  publishCaret(): void {
    if (this.left) return;
    const { selectionStart, selectionEnd, selectionDirection } = this.el;
    const [anchor, head] = selectionDirection === 'backward' ? [selectionEnd, selectionStart] : [selectionStart, selectionEnd];
    const typing = Date.now() - this.lastTyped < TYPING_MS;
    this.out.caret(anchor, head, typing);
    if (typing) {
      if (this.typingTimer) clearTimeout(this.typingTimer);
      this.typingTimer = setTimeout(() => this.publishCaret(), TYPING_MS);
    }
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.off();
    this.left = true;
  }
}

/**
 * Others' carets and selections, drawn on a copy of the field's text laid
 * out exactly like the field (same box, font and wrapping) under it: the
 * copy's characters are transparent, only the selections' backgrounds and
 * the carets show.
 */
function RemoteCarets({
  text,
  peers,
  binding,
  field,
}: {
  text: string;
  peers: Peer[];
  binding: CardTextBinding;
  field: React.RefObject<HTMLTextAreaElement | null>;
}) {
  const mirror = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = field.current;
    const m = mirror.current;
    if (!el || !m) return;
    const style = getComputedStyle(el);
    for (const p of ['font', 'lineHeight', 'letterSpacing', 'padding', 'borderWidth', 'borderStyle', 'boxSizing', 'textAlign'] as const) {
      m.style[p] = style[p];
    }
    m.style.borderColor = 'transparent';
  });
  const spots = peers
    .map((peer) => {
      const anchor = binding.absolute(peer.textCursor!.anchor);
      const head = binding.absolute(peer.textCursor!.head);
      return anchor === null || head === null ? null : { peer, from: Math.min(anchor, head), to: Math.max(anchor, head), head };
    })
    .filter((s): s is NonNullable<typeof s> => s !== null && s.head <= text.length);
  if (spots.length === 0) return null;
  const cuts = [...new Set([0, text.length, ...spots.flatMap((s) => [s.from, s.to])])].sort((a, b) => a - b);
  const parts: React.ReactNode[] = [];
  cuts.forEach((at, i) => {
    for (const s of spots.filter((x) => x.head === at)) {
      parts.push(
        <span
          key={`c${s.peer.clientId}`}
          className="remote-caret"
          data-testid="remote-caret"
          data-peer-name={s.peer.user.name}
          style={{ '--peer-color': s.peer.user.color } as CSSProperties}
        >
          <span className="remote-caret-name" style={{ color: readableOn(s.peer.user.color) }}>
            {s.peer.user.name}
          </span>
        </span>,
      );
    }
    const next = cuts[i + 1];
    if (next === undefined) return;
    const cover = spots.find((s) => s.from <= at && next <= s.to && s.from !== s.to);
    const chunk = text.slice(at, next);
    parts.push(
      cover ? (
        <span key={`s${at}`} className="remote-selection" style={{ '--peer-color': cover.peer.user.color } as CSSProperties}>
          {chunk}
        </span>
      ) : (
        chunk
      ),
    );
  });
  return (
    <div className="cotext-mirror" ref={mirror} aria-hidden="true">
      <div className="cotext-mirror-text">
        {parts}
        {/* A trailing newline needs a character after it to take its line. */}
        {'\u200b'}
      </div>
    </div>
  );
}
