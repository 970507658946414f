/**
 * A map's owner and freshness on the map page: a line in the top bar for
 * everyone who opens the map ("Last reviewed 4 months ago · Overdue by 3
 * weeks"), which opens a dialog: editors set the owner and the review cadence
 * there and "Mark as reviewed" (the server sets the date and saves a named
 * version); viewers and commenters read the same facts.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { setMapOwner, setReviewCadence } from '../../model/commands/map';
import { maxLength } from '../../model/limits';
import { REVIEW_CADENCES, relativeDays } from '../../model/review';
import { MetaSchema } from '../../model/schema';
import { useMapSelector, useOpenMap } from '../../state/mapContext';
import { useCanEdit } from '../../state/session';
import { tryCommand } from '../../state/tryCommand';
import { usePresence } from '../../sync/presence';
import { CommitText, Field } from '../../ui/fields';
import { Modal } from '../../ui/Modal';
import { markReviewed } from './api';
import { reviewDate, reviewWords } from './reviewText';
import './review.css';

const OWNER_MAX = maxLength(MetaSchema.shape.owner);

/** The time, again every minute: "due today" turns into "overdue" while the page is open. */
function useMinuteClock(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function useReview() {
  const owner = useMapSelector((s) => s.meta?.owner);
  const reviewEveryDays = useMapSelector((s) => s.meta?.reviewEveryDays);
  const lastReviewedAt = useMapSelector((s) => s.meta?.lastReviewedAt);
  const createdAt = useMapSelector((s) => s.meta?.createdAt ?? 0);
  return {
    createdAt,
    ...(owner !== undefined ? { owner } : {}),
    ...(reviewEveryDays !== undefined ? { reviewEveryDays } : {}),
    ...(lastReviewedAt !== undefined ? { lastReviewedAt } : {}),
  };
}

export function ReviewStatus({ mapId, token }: { mapId: string; token: string | null }) {
  const { t, language } = useTranslation();
  const review = useReview();
  const now = useMinuteClock();
  const [open, setOpen] = useState(false);
  const words = reviewWords(t, language, review, now);
  // Compact in the crowded top bar: the last review, and "Overdue" when it is; the rest in its tooltip and the dialog.
  const summary = [review.owner && t('review.ownedBy', { name: review.owner }), words.last, words.due].filter(Boolean).join(' · ');
  return (
    <>
      <button
        type="button"
        className={`review-status is-${words.freshness}`}
        data-testid="review-status"
        data-freshness={words.freshness}
        aria-label={`${t('review.statusLabel')}: ${summary}`}
        title={summary}
        onClick={() => setOpen(true)}
      >
        <span data-testid="last-reviewed">{words.last}</span>
        {words.freshness === 'stale' && <span className="review-overdue">{t('review.freshness.stale')}</span>}
      </button>
      {open && <ReviewDialog mapId={mapId} token={token} onClose={() => setOpen(false)} now={now} />}
    </>
  );
}

function ReviewDialog({ mapId, token, now, onClose }: { mapId: string; token: string | null; now: number; onClose(): void }) {
  const { t, language } = useTranslation();
  const { doc } = useOpenMap();
  const canEdit = useCanEdit();
  const review = useReview();
  const words = reviewWords(t, language, review, now);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const cadences: number[] = [...REVIEW_CADENCES];
  // A cadence from an imported file that the menu does not offer is shown as it is.
  if (review.reviewEveryDays !== undefined && !cadences.includes(review.reviewEveryDays)) cadences.push(review.reviewEveryDays);

  const mark = async () => {
    setBusy(true);
    setMessage(null);
    const name = t('review.versionName', { date: reviewDate(Date.now(), language) });
    try {
      await markReviewed(mapId, token, name, usePresence.getState().me.name);
      setMessage({ text: t('review.marked', { name }), error: false });
    } catch (err) {
      setMessage({ text: t('review.markError', { message: (err as Error).message }), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('review.dialog')} className="review-dialog" testId="review-dialog" onClose={onClose}>
      <p className="review-facts" data-testid="review-facts">
        <span>
          {review.lastReviewedAt !== undefined
            ? t('review.lastReviewedOn', {
                when: relativeDays(review.lastReviewedAt, now, language),
                date: reviewDate(review.lastReviewedAt, language),
              })
            : words.last}
        </span>
        {words.due && <span className={`review-due is-${words.freshness}`}>{words.due}</span>}
      </p>
      {canEdit ? (
        <>
          <Field label={t('review.owner')} hint={t('review.ownerHint')}>
            {(id) => (
              <CommitText
                id={id}
                testId="review-owner"
                value={review.owner ?? ''}
                maxLength={OWNER_MAX}
                placeholder={t('review.ownerPlaceholder')}
                onCommit={(v) => tryCommand(() => setMapOwner(doc, v))}
              />
            )}
          </Field>
          <Field label={t('review.cadence')}>
            {(id) => (
              <select
                id={id}
                data-testid="review-cadence"
                value={review.reviewEveryDays === undefined ? '' : String(review.reviewEveryDays)}
                onChange={(e) => {
                  const days = e.target.value === '' ? undefined : Number(e.target.value);
                  tryCommand(() => setReviewCadence(doc, days));
                }}
              >
                <option value="">{t('review.cadenceNone')}</option>
                {cadences.map((d) => (
                  <option key={d} value={String(d)}>
                    {t('review.cadenceDays', { count: d })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="review-actions">
            <button type="button" className="primary" data-testid="mark-reviewed" disabled={busy} onClick={() => void mark()}>
              {busy ? t('review.marking') : t('review.markReviewed')}
            </button>
            <p className="field-hint muted">{t('review.markReviewedHint')}</p>
          </div>
        </>
      ) : (
        <>
          <p data-testid="review-owner-text">{review.owner ? t('review.ownedBy', { name: review.owner }) : t('review.noOwner')}</p>
          <p>
            {t('review.cadence')}:{' '}
            {review.reviewEveryDays === undefined ? t('review.cadenceNone') : t('review.cadenceDays', { count: review.reviewEveryDays })}
          </p>
          <p className="muted">{t('review.readOnly')}</p>
        </>
      )}
      {message && (
        <p className={message.error ? 'error' : 'review-done'} role={message.error ? 'alert' : 'status'} data-testid="review-message">
          {message.text}
        </p>
      )}
    </Modal>
  );
}
