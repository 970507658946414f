/** Says that a version compare is on screen, not the live map: what is compared with what, the counts, PDF, and the way back. */
import { useTranslation } from '../../i18n/useTranslation';
import { relativeTime } from '../../i18n/relativeTime';
import { summaryLine } from '../../model/compare/describe';
import type { CompareSideRef } from '../../model/compare/wire';
import type { CompareState } from '../../state/compareContext';
import type { TFunction } from '../../i18n/translate';

export const sideName = (t: TFunction, side: CompareSideRef): string =>
  side.kind === 'now' ? t('compare.now') : side.name || t('history.auto');

/** The compare's PDF page ("What changed since the last review"), made by the server in the UI's language. */
export function comparePdfUrl(mapId: string, token: string | null, state: CompareState, lang: string): string {
  const { from, to } = state.result;
  const query = new URLSearchParams({ lang, ...(token ? { token } : {}) });
  return `/api/maps/${encodeURIComponent(mapId)}/versions/${encodeURIComponent(from.id)}/compare/${encodeURIComponent(to.id)}/export.pdf?${query}`;
}

export function CompareBanner({ state, onClose, pdfUrl }: { state: CompareState; onClose(): void; pdfUrl?: string }) {
  const { t, language } = useTranslation();
  const { from, to, diff } = state.result;
  return (
    <div className="preview-banner compare-banner" role="status" data-testid="compare-banner">
      <span>
        {t('compare.comparing', {
          from: sideName(t, from),
          fromTime: relativeTime(from.createdAt, Date.now(), language),
          to: sideName(t, to),
          toTime: relativeTime(to.createdAt, Date.now(), language),
        })}
      </span>
      <span className="compare-summary" data-testid="compare-summary">
        {summaryLine(t, diff)}
      </span>
      <span className="spacer" />
      {pdfUrl && (
        <a className="button-link" data-testid="compare-export-pdf" href={pdfUrl} download>
          {t('compare.exportPdf')}
        </a>
      )}
      <button type="button" data-testid="back-to-live" onClick={onClose}>
        {t('history.backToLive')}
      </button>
    </div>
  );
}
