/** The Comments tab's label, with the number of open threads that mention me. */
import { useTranslation } from '../../i18n/useTranslation';
import { mentionsOf } from '../../model/comments';
import { usePresence } from '../../sync/presence';
import { useComments } from '../../state/useComments';

export function CommentsTabLabel() {
  const { t } = useTranslation();
  const me = usePresence((s) => s.me.id);
  const mentioned = useComments((s) => mentionsOf(s, me).length);
  return (
    <>
      {t('comments.tab')}
      {mentioned > 0 && (
        <span className="tab-count" data-testid="mention-count" title={t('comments.mentionCount', { count: mentioned })}>
          {mentioned}
        </span>
      )}
    </>
  );
}
