/**
 * What a card shows besides its text: the facets of its lane kind's fields
 * (model/laneFields.ts: a touchpoint's channel, media, emotion and
 * importance; a pain point's severity; an opportunity's type, impact and
 * effort), or a KPI's target and whether it is met. Tags, the persona, votes and open
 * comments show on every card.
 */
import type { LucideIcon } from 'lucide-react';
import { useTranslation } from '../../i18n/useTranslation';
import { voteTotal } from '../../model/commands/votes';
import { formatKpiValue, kpiStatus, kpiTargetLabel } from '../../model/journey';
import { laneFields, type LaneField, type LaneFieldName } from '../../model/laneFields';
import type { Card, LaneKind } from '../../model/schema';
import './cardFacets.css';
import { CommentBadge } from '../../ui/CommentBadge';
import { EmojiAvatar } from '../../ui/Avatar';
import { CHANNEL_ICONS, EmotionFace, Icon, MEDIA_ICONS, OffTargetIcon, PersonaIcon, TAG_ICONS } from '../../icons';

export function KpiBody({ card }: { card: Card }) {
  const { t } = useTranslation();
  const status = kpiStatus(card);
  return (
    <div className={`kpi-body is-${status}`} data-testid="kpi" data-status={status}>
      <p className="kpi-metric">{card.metric || card.text || t('kpi.unnamed')}</p>
      <p className="kpi-value">
        <span className="kpi-current">{formatKpiValue(card.value, card.unit)}</span>
      </p>
    </div>
  );
}

/** Option icons of the fields that show as an icon. */
const OPTION_ICONS: Partial<Record<LaneFieldName, Readonly<Record<string, LucideIcon>>>> = { channel: CHANNEL_ICONS, media: MEDIA_ICONS };

/** The facet a lane field shows on a card (laneFields.ts says which fields have one), or nothing while it is unset. */
function FieldFacet({ card, field }: { card: Card; field: LaneField }) {
  const { t } = useTranslation();
  const value = card[field.name];
  if (value === undefined) return null;
  switch (field.facet) {
    case 'optionIcon': {
      const icon = OPTION_ICONS[field.name]?.[String(value)];
      const label = field.widget === 'choice' ? t(`${field.optionLabels}.${String(value)}`) : String(value);
      return icon ? (
        <span className="facet" role="img" title={label} aria-label={label}>
          <Icon icon={icon} />
        </span>
      ) : null;
    }
    case 'dots': {
      const n = Number(value);
      return (
        <span className="facet importance" title={`${t(field.label)}: ${n}/5`}>
          {'●'.repeat(n)}
          <span className="faint">{'●'.repeat(5 - n)}</span>
        </span>
      );
    }
    case 'face':
      return (
        <span className="facet" title={`${t(field.label)}: ${Number(value)}`}>
          <EmotionFace score={Number(value)} />
        </span>
      );
    case 'severity':
      return (
        <span className={`facet severity sev-${Number(value)}`} title={t(field.label)}>
          {t('fields.severityShort', { n: Number(value) })}
        </span>
      );
    case 'typePill':
      return <span className={`facet opp-type is-${String(value)}`}>{t(`opportunityTypes.${String(value)}`)}</span>;
    case 'impactEffort':
      return card.impact !== undefined && card.effort !== undefined ? (
        <span className="facet" title={`${t('fields.impact')} ${card.impact} · ${t('fields.effort')} ${card.effort}`}>
          {t('fields.impactEffortShort', { impact: card.impact, effort: card.effort })}
        </span>
      ) : null;
    default:
      return null;
  }
}

/**
 * The facets wrap onto a second line rather than hide: the lane's facets and
 * the tags first, then persona, comments and votes kept together at the
 * bottom-right corner (as FigJam and Miro keep votes), so nothing is cut off
 * in either language.
 */
export function CardFacets({ card, laneKind, personaAvatar }: { card: Card; laneKind: LaneKind; personaAvatar?: string }) {
  const { t } = useTranslation();
  return (
    <div className="card-facets" data-testid="card-facets">
      {laneFields(laneKind)
        .filter((f) => f.facet)
        .map((field) => (
          <FieldFacet key={field.name} card={card} field={field} />
        ))}
      {/* A KPI's target and off-target flag sit with the facets, so they wrap with them instead of being cut off beside a wide value. */}
      {laneKind === 'kpis' && card.target !== undefined && (
        <span className="facet kpi-target" data-testid="kpi-target">
          {kpiTargetLabel(card, t('kpi.target'))}
        </span>
      )}
      {laneKind === 'kpis' && kpiStatus(card) === 'off-target' && (
        <span className="facet kpi-flag">
          <Icon icon={OffTargetIcon} /> {t('kpi.offTarget')}
        </span>
      )}
      <CardMarks card={card} personaAvatar={personaAvatar} />
    </div>
  );
}

/**
 * What a card carries at any zoom: its workshop tags, then persona, comments
 * and votes at the bottom-right corner. The full card shows them after its
 * lane's facets; the light card (zoomed out) shows only these.
 */
export function CardMarks({ card, personaAvatar }: { card: Card; personaAvatar?: string }) {
  const { t } = useTranslation();
  const votes = voteTotal(card);
  return (
    <>
      {(card.tags ?? []).map((tag) => (
        <span
          key={tag}
          className="facet tag"
          role="img"
          title={t(`tags.${tag}`)}
          aria-label={t(`tags.${tag}`)}
          data-tag={tag}
          data-testid="card-tag"
        >
          <Icon icon={TAG_ICONS[tag]} />
        </span>
      ))}
      <span className="facets-end">
        {personaAvatar && (
          <span className="facet persona-chip" title={t('fields.persona')}>
            {personaAvatar.startsWith('data:') ? (
              <Icon icon={PersonaIcon} />
            ) : (
              <EmojiAvatar emoji={personaAvatar} size={16} className="persona-emoji" />
            )}
          </span>
        )}
        <CommentBadge cardId={card.id} />
        {votes > 0 && (
          <span className="votes" data-testid="card-votes" data-votes={votes} title={t('votes.count', { count: votes })}>
            {'•'.repeat(Math.min(votes, 5))}
            {votes > 5 ? `+${votes - 5}` : ''} <span className="votes-n">{votes}</span>
          </span>
        )}
      </span>
    </>
  );
}
