/**
 * What a card shows besides its text, by the kind of lane it is in: a
 * touchpoint's channel, media, importance and emotion; a pain point's
 * severity; an opportunity's type, impact and effort; a KPI against its
 * target. Tags, the persona, votes and open comments show on every card.
 */
import { useTranslation } from '../../i18n/useTranslation';
import { voteTotal } from '../../model/commands/votes';
import { formatKpiValue, kpiStatus } from '../../model/journey';
import type { Card, LaneKind } from '../../model/schema';
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
        {card.target !== undefined && (
          <span className="kpi-target">
            {' '}
            / {t('kpi.target')} {card.direction === 'lower' ? '≤' : '≥'} {formatKpiValue(card.target, card.unit)}
          </span>
        )}
      </p>
      {status === 'off-target' && (
        <span className="kpi-flag">
          <Icon icon={OffTargetIcon} /> {t('kpi.offTarget')}
        </span>
      )}
    </div>
  );
}

export function CardFacets({ card, laneKind, personaAvatar }: { card: Card; laneKind: LaneKind; personaAvatar?: string }) {
  const { t } = useTranslation();
  const votes = voteTotal(card);
  return (
    <div className="card-facets">
      {laneKind === 'touchpoints' && (
        <>
          {card.channel && (
            <span className="facet" title={t(`channels.${card.channel}`)} aria-label={t(`channels.${card.channel}`)}>
              <Icon icon={CHANNEL_ICONS[card.channel]} />
            </span>
          )}
          {card.media && (
            <span className="facet" title={t(`media.${card.media}`)} aria-label={t(`media.${card.media}`)}>
              <Icon icon={MEDIA_ICONS[card.media]} />
            </span>
          )}
          {card.importance !== undefined && (
            <span className="facet importance" title={t('fields.importance') + `: ${card.importance}/5`}>
              {'●'.repeat(card.importance)}
              <span className="faint">{'●'.repeat(5 - card.importance)}</span>
            </span>
          )}
          {card.emotion !== undefined && (
            <span className="facet" title={`${t('fields.emotion')}: ${card.emotion}`}>
              <EmotionFace score={card.emotion} />
            </span>
          )}
        </>
      )}
      {laneKind === 'painPoints' && card.severity !== undefined && (
        <span className={`facet severity sev-${card.severity}`} title={t('fields.severity')}>
          {t('fields.severityShort', { n: card.severity })}
        </span>
      )}
      {laneKind === 'opportunities' && (
        <>
          {card.type && <span className={`facet opp-type is-${card.type}`}>{t(`opportunityTypes.${card.type}`)}</span>}
          {card.impact !== undefined && card.effort !== undefined && (
            <span className="facet" title={`${t('fields.impact')} ${card.impact} · ${t('fields.effort')} ${card.effort}`}>
              {t('fields.impactEffortShort', { impact: card.impact, effort: card.effort })}
            </span>
          )}
        </>
      )}
      {(card.tags ?? []).map((tag) => (
        <span key={tag} className="facet tag" title={t(`tags.${tag}`)} data-tag={tag}>
          <Icon icon={TAG_ICONS[tag]} />
        </span>
      ))}
      <span className="spacer" />
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
    </div>
  );
}
