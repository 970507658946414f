/** One comment: author, time, text with highlighted mentions; Edit and Delete on one's own. */
import { useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { deleteComment, editComment, mentions, splitMentions, type Comment } from '../../model/comments';
import { useOpenMap } from '../../state/mapContext';
import { useCanComment } from '../../state/session';
import { usePresence } from '../../sync/presence';
import { Composer } from './Composer';
import { ago } from './time';

export function CommentItem({ comment, now }: { comment: Comment; now: number }) {
  const { t, language } = useTranslation();
  const { commentsDoc } = useOpenMap();
  const me = usePresence((s) => s.me.id);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const canComment = useCanComment();
  const own = comment.authorId === me;
  const mentionsMe = !own && mentions(comment, me);

  return (
    <li
      className={`comment${mentionsMe ? ' mentions-me' : ''}`}
      data-testid="comment"
      data-comment-id={comment.id}
      data-mentions-me={mentionsMe ? 'true' : undefined}
    >
      <div className="comment-head">
        <span className="author-dot" style={{ background: comment.authorColor }} aria-hidden />
        <strong className="comment-author">{comment.authorName || t('comments.someone')}</strong>
        <time
          className="muted"
          dateTime={new Date(comment.createdAt).toISOString()}
          title={new Date(comment.createdAt).toLocaleString(language)}
        >
          {ago(comment.createdAt, now, language) ?? t('comments.justNow')}
        </time>
        {comment.editedAt !== undefined && <span className="muted">({t('comments.edited')})</span>}
        {mentionsMe && (
          <span className="mentions-you" data-testid="mentions-you">
            @ {t('comments.mentionsYou')}
          </span>
        )}
      </div>
      {editing ? (
        <Composer
          autoFocus
          rows={3}
          placeholder={t('comments.replyPlaceholder')}
          submitLabel={t('comments.save')}
          initialText={comment.text}
          initialMentions={comment.mentions}
          onCancel={() => setEditing(false)}
          onSubmit={(text, picked) => {
            const result = editComment(commentsDoc, comment.id, me, text, picked);
            if (result === 'empty') return false;
            setEditing(false);
            return true;
          }}
        />
      ) : (
        <p className="comment-text" data-testid="comment-text">
          {splitMentions(comment.text, comment.mentions).map((part, i) =>
            part.mention ? (
              <span key={i} className={`mention${part.mention.id === me ? ' is-me' : ''}`} data-testid="mention">
                {part.text}
              </span>
            ) : (
              part.text
            ),
          )}
        </p>
      )}
      {own && canComment && !editing && (
        <div className="comment-actions">
          {confirming ? (
            <>
              <span>{t('comments.confirmDelete')}</span>
              <button
                type="button"
                className="danger"
                data-testid="comment-delete-confirm"
                onClick={() => deleteComment(commentsDoc, comment.id, me)}
              >
                {t('comments.delete')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('comments.cancel')}
              </button>
            </>
          ) : (
            <>
              <button type="button" className="link" data-testid="comment-edit" onClick={() => setEditing(true)}>
                {t('comments.edit')}
              </button>
              <button type="button" className="link" data-testid="comment-delete" onClick={() => setConfirming(true)}>
                {t('comments.delete')}
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
