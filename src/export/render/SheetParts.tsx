/** The title header and the legend that frame an exported map. */
import { useTranslation } from '../../i18n/useTranslation';
import { CHANNELS, MEDIA, TAGS } from '../../model/schema';
import type { Rect } from '../plan';
import { CHANNEL_ICONS, EmotionFace, Icon, MEDIA_ICONS, MomentOfTruthIcon, OffTargetIcon, TAG_ICONS } from '../../icons';

const box = (r: Rect) => ({ left: r.x, top: r.y, width: r.width, height: r.height });

export function SheetHeader({ rect, title, details, right }: { rect: Rect; title: string; details: string; right?: string }) {
  return (
    <header className="export-header" style={box(rect)}>
      <div className="export-header-main">
        <h1>{title}</h1>
        <p>{details}</p>
      </div>
      {right && <p className="export-header-right">{right}</p>}
      <span className="export-brand">Journeyboard</span>
    </header>
  );
}

export function Legend({ rect }: { rect: Rect }) {
  const { t } = useTranslation();
  return (
    <footer className="export-legend" style={box(rect)} data-testid="export-legend">
      <strong>{t('export.legend')}</strong>
      {CHANNELS.map((c) => (
        <span key={c}>
          <Icon icon={CHANNEL_ICONS[c]} /> {t(`channels.${c}`)}
        </span>
      ))}
      <span className="sep" />
      {MEDIA.map((m) => (
        <span key={m}>
          <Icon icon={MEDIA_ICONS[m]} /> {t(`media.${m}`)}
        </span>
      ))}
      <span className="sep" />
      <span>
        <Icon icon={MomentOfTruthIcon} className="legend-mot" /> {t('fields.momentOfTruth')}
      </span>
      <span>
        ●●●<span className="faint">●●</span> {t('fields.importance')}
      </span>
      <span>
        <EmotionFace score={-5} /> … <EmotionFace score={5} /> {t('export.emotionScale')}
      </span>
      <span className="sep" />
      {TAGS.map((tag) => (
        <span key={tag}>
          <Icon icon={TAG_ICONS[tag]} /> {t(`tags.${tag}`)}
        </span>
      ))}
      <span>
        <Icon icon={OffTargetIcon} /> {t('kpi.offTarget')}
      </span>
    </footer>
  );
}
