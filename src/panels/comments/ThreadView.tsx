/**
 * One thread: what it is about (a card, which a click selects and reveals,
 * or the whole map), its comments, a reply box, Resolve / Reopen.
 */
import { useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { cardIdOf, reopenThread, reply, resolveThread, type CommentThread } from '../../model/comments';
import { useMapSelector, useOpenMap } from '../../state/mapContext';
import { useCanComment, useSession } from '../../state/session';
import { usePresence } from '../../sync/presence';
import { CommentItem } from './CommentItem';
import { Composer } from './Composer';
import { useComments } from '../../state/useComments';
import { Icon, ResolvedIcon, WholeMapIcon } from '../../icons';

/** What a card is called in a thread's name and head: its text, its metric, or "empty card". */
export function useCardName(cardId: string | null): string | null {
  const { t } = useTranslation();
  const card = useMapSelector((s) => (cardId ? s.cardById.get(cardId) : undefined));
  if (!card) return null;
  const name = card.text || card.metric || t('canvas.emptyCard');
  return name.length > 60 ? `${name.slice(0, 59)}…` : name;
}

/** The thread's accessible name, so a list of threads says what each is about. */
function useThreadName(cardId: string | null): string {
  const { t } = useTranslation();
  const cardName = useCardName(cardId);
  if (!cardId) return t('comments.threadOnMap');
  return t('comments.threadOn', { target: cardName ?? t('comments.deletedCard') });
}

function ThreadTarget({ cardId }: { cardId: string | null }) {
  const { t } = useTranslation();
  const card = useMapSelector((s) => (cardId ? s.cardById.get(cardId) : undefined));
  const requestSelection = useSession((s) => s.requestSelection);
  if (!cardId)
    return (
      <span className="thread-target is-map">
        <Icon icon={WholeMapIcon} /> {t('comments.wholeMap')}
      </span>
    );
  if (!card) return <span className="thread-target is-gone muted">{t('comments.deletedCard')}</span>;
  return (
    <button
      type="button"
      className="thread-target link"
      data-testid="thread-target"
      title={t('comments.showCard')}
      onClick={() => requestSelection([card.id], true)}
    >
      {card.text || card.metric || t('canvas.emptyCard')}
    </button>
  );
}

/** A participant's name from what we know of them: their comments, or presence. */
function useNameOf(id: string | undefined): string | undefined {
  const fromComments = useComments((s) => (id ? s.authors.find((a) => a.id === id)?.name : undefined));
  const fromPresence = usePresence((s) =>
    id ? (s.me.id === id ? s.me.name : s.peers.find((p) => p.user.id === id)?.user.name) : undefined,
  );
  return fromPresence ?? fromComments;
}

export function ThreadView({ thread, showTarget, now }: { thread: CommentThread; showTarget: boolean; now: number }) {
  const { t } = useTranslation();
  const { commentsDoc } = useOpenMap();
  const me = usePresence((s) => s.me);
  const canComment = useCanComment();
  const resolverName = useNameOf(thread.resolvedBy);
  const [failed, setFailed] = useState(false);
  const name = useThreadName(cardIdOf(thread.target));

  return (
    <section
      aria-label={name}
      className={`thread${thread.resolved ? ' is-resolved' : ''}`}
      data-testid="thread"
      data-thread-id={thread.id}
      data-resolved={thread.resolved ? 'true' : 'false'}
    >
      {(showTarget || thread.resolved) && (
        <header className="thread-head">
          {showTarget && <ThreadTarget cardId={cardIdOf(thread.target)} />}
          {thread.resolved && (
            <span className="thread-state" data-testid="thread-resolved">
              <Icon icon={ResolvedIcon} /> {resolverName ? t('comments.resolvedBy', { name: resolverName }) : t('comments.resolved')}
            </span>
          )}
        </header>
      )}
      <ol className="comment-list">
        {thread.comments.map((c) => (
          <CommentItem key={c.id} comment={c} now={now} />
        ))}
      </ol>
      {canComment && !thread.resolved && (
        <Composer
          compact
          rows={1}
          placeholder={t('comments.replyPlaceholder')}
          submitLabel={t('comments.send')}
          onSubmit={(text, mentions) => {
            const ok = reply(commentsDoc, thread.id, me, text, mentions) !== null;
            setFailed(!ok);
            return ok;
          }}
        />
      )}
      {failed && (
        <p className="comment-error" role="alert">
          {t('comments.failed')}
        </p>
      )}
      {canComment && (
        <div className="thread-actions">
          {thread.resolved ? (
            <button type="button" data-testid="thread-reopen" onClick={() => reopenThread(commentsDoc, thread.id)}>
              {t('comments.reopen')}
            </button>
          ) : (
            <button type="button" data-testid="thread-resolve" onClick={() => resolveThread(commentsDoc, thread.id, me.id)}>
              <Icon icon={ResolvedIcon} /> {t('comments.resolve')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
