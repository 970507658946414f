/**
 * A speech bubble and N on a card: the comments in its open threads. A click opens the
 * Comments tab with this card selected. Subscribes to one number, so a card
 * re-renders only when its own count changes.
 */
import { useTranslation } from '../i18n/useTranslation';
import { commentCount } from '../model/comments';
import { useSession } from '../state/session';
import { useComments } from '../state/useComments';
import './ui.css';
import { CommentsIcon, Icon } from '../icons';

export function CommentBadge({ cardId }: { cardId: string }) {
  const { t } = useTranslation();
  const count = useComments((s) => commentCount(s, cardId));
  const requestSelection = useSession((s) => s.requestSelection);
  const setPanel = useSession((s) => s.setPanel);
  if (count === 0) return null;
  return (
    <button
      type="button"
      // nodrag: pressing the badge must not start moving the card.
      className="facet comment-badge nodrag"
      data-testid="comment-badge"
      data-count={count}
      title={t('comments.count', { count })}
      aria-label={t('comments.count', { count })}
      onClick={(e) => {
        e.stopPropagation();
        requestSelection([cardId]);
        setPanel('comments');
      }}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      <Icon icon={CommentsIcon} /> {count}
    </button>
  );
}
