/**
 * The Comments tab: threads on the selected card (and a box to start one),
 * then the open threads across the map, optionally the resolved ones, and a
 * box to comment on the whole map. Comments live in the map's comments doc.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { cardTarget, MAP_TARGET, openThreads, startThread, threadsFor, type CommentThread, type ThreadTarget } from '../model/comments';
import { useMapSelector, useOpenMap } from '../state/mapContext';
import { useCanComment, useSession } from '../state/session';
import { usePresence } from '../sync/presence';
import { Composer } from './comments/Composer';
import { ThreadView, useCardName } from './comments/ThreadView';
import { useComments } from '../state/useComments';
import { useNow } from './comments/time';
import './comments.css';

function NewThread({
  target,
  placeholder,
  testId,
  autoFocus,
  onStarted,
}: {
  target: ThreadTarget;
  placeholder: string;
  testId: string;
  autoFocus?: boolean;
  onStarted?(threadId: string): void;
}) {
  const { t } = useTranslation();
  const { commentsDoc } = useOpenMap();
  const me = usePresence((s) => s.me);
  return (
    <div className="new-thread" data-testid={testId}>
      <Composer
        placeholder={placeholder}
        submitLabel={t('comments.send')}
        autoFocus={autoFocus}
        onSubmit={(text, mentions) => {
          const started = startThread(commentsDoc, target, me, text, mentions);
          if (started) onStarted?.(started.threadId);
          return started !== null;
        }}
      />
    </div>
  );
}

/**
 * A box to start a thread on the selected card. When the card already has an
 * open thread, its reply box is the one to use (one text box per card, as in
 * Figma's and Miro's comment pins): another thread starts from a button.
 */
function CardNewThread({
  cardId,
  hasOpenThread,
  onStarted,
}: {
  cardId: string;
  hasOpenThread: boolean;
  onStarted(threadId: string): void;
}) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState(false);
  if (hasOpenThread && !asked)
    return (
      <button type="button" className="link new-thread-button" data-testid="card-another-thread" onClick={() => setAsked(true)}>
        {t('comments.newThread')}
      </button>
    );
  return (
    <NewThread
      target={cardTarget(cardId)}
      placeholder={t('comments.startPlaceholder')}
      testId="card-new-thread"
      autoFocus={asked}
      onStarted={onStarted}
    />
  );
}

function ThreadList({ threads, showTarget, now }: { threads: readonly CommentThread[]; showTarget: boolean; now: number }) {
  return (
    <div className="thread-list">
      {threads.map((thread) => (
        <ThreadView key={thread.id} thread={thread} showTarget={showTarget} now={now} />
      ))}
    </div>
  );
}

/** The selected card, when exactly one card (not a stage or lane) is selected. */
function useSelectedCardId(): string | null {
  const selectedIds = useSession((s) => s.selectedIds);
  const only = selectedIds.size === 1 ? [...selectedIds][0]! : null;
  return useMapSelector((s) => (only && s.cardById.has(only) ? only : null));
}

export function CommentsPanel() {
  const { t } = useTranslation();
  const now = useNow();
  const canComment = useCanComment();
  const cardId = useSelectedCardId();
  const [showResolved, setShowResolved] = useState(false);
  const cardName = useCardName(cardId);
  const cardThreads = useComments((s) => (cardId ? threadsFor(s, cardTarget(cardId)) : null));
  const open = useComments(openThreads);
  const all = useComments((s) => s.threads);

  const cardKey = cardId ? cardTarget(cardId) : null;
  const onCard = cardThreads?.filter((th) => showResolved || !th.resolved) ?? [];
  // The selected card's threads are already shown above it.
  const elsewhere = cardKey ? open.filter((th) => th.target !== cardKey) : open;
  const resolved = showResolved ? all.filter((th) => th.resolved && th.target !== cardKey) : [];

  // The box that started a thread on the card gives way to the thread (one text box per card): focus goes on to the
  // new thread's reply box, not to the page, once the thread is rendered.
  const root = useRef<HTMLDivElement>(null);
  const [started, setStarted] = useState<string | null>(null);
  useLayoutEffect(() => {
    if (!started) return;
    const reply = root.current?.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(started)}"] textarea`);
    if (!reply) return;
    reply.focus();
    setStarted(null);
  }, [started, cardThreads]);
  useLayoutEffect(() => setStarted(null), [cardId]);

  return (
    <div className="comments-panel" data-testid="comments-panel" ref={root}>
      {cardId && (
        <section className="comments-section" data-testid="card-comments">
          <h3 className="comments-card-name">{cardName ? t('comments.onCard', { card: cardName }) : t('comments.onThisCard')}</h3>
          {onCard.length === 0 && <p className="muted panel-hint">{t('comments.noneOnCard')}</p>}
          <ThreadList threads={onCard} showTarget={false} now={now} />
          {canComment && (
            <CardNewThread key={cardId} cardId={cardId} hasOpenThread={onCard.some((th) => !th.resolved)} onStarted={setStarted} />
          )}
        </section>
      )}

      <section className="comments-section" data-testid="open-threads">
        <div className="comments-section-head">
          <h3>{t(cardId ? 'comments.otherOpenThreads' : 'comments.openThreads')}</h3>
          <label className="check">
            <input type="checkbox" data-testid="show-resolved" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} />
            {t('comments.showResolved')}
          </label>
        </div>
        {elsewhere.length === 0 && !cardId && <p className="muted panel-hint">{t('comments.noneOpen')}</p>}
        <ThreadList threads={elsewhere} showTarget now={now} />
      </section>

      {resolved.length > 0 && (
        <section className="comments-section" data-testid="resolved-threads">
          <h3>{t('comments.resolvedThreads')}</h3>
          <ThreadList threads={resolved} showTarget now={now} />
        </section>
      )}

      {canComment ? (
        <section className="comments-section">
          <h3>{t('comments.onWholeMap')}</h3>
          <NewThread target={MAP_TARGET} placeholder={t('comments.startPlaceholder')} testId="map-new-thread" />
        </section>
      ) : (
        // The server drops a viewer's comments; better not to offer a box that cannot keep them.
        <p className="muted panel-hint" data-testid="comments-read-only">
          {t('comments.readOnly')}
        </p>
      )}
    </div>
  );
}
