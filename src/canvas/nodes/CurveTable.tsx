/**
 * The emotion curve's text alternative: its points as a table (stage, point,
 * score, feeling), hidden visually and read by screen readers, next to the
 * drawing. Also the points' accessible names ("Ordered online: −3, unhappy").
 */
import { memo } from 'react';
import type { TFunction } from '../../i18n/translate';
import { useTranslation } from '../../i18n/useTranslation';
import { emotionLevel, type EmotionPoint } from '../../model/journey';
import { useMapSelector } from '../../state/mapContext';

/** −3 with a real minus sign, +2 with its plus: a score reads the same in every language. */
export const formatScore = (score: number): string => (score > 0 ? `+${score}` : score < 0 ? `−${-score}` : '0');

export function pointName(t: TFunction, p: Pick<EmotionPoint, 'text' | 'emotion'>, withText = true): string {
  const feeling = t(`view.feelings.${emotionLevel(p.emotion)}`);
  const score = formatScore(p.emotion);
  return withText ? t('view.pointName', { text: p.text || t('curve.untitled'), score, feeling }) : `${score}, ${feeling}`;
}

function CurveTableView({ points }: { points: readonly EmotionPoint[] }) {
  const { t } = useTranslation();
  const stages = useMapSelector((s) => s.stages);
  const stageName = new Map(stages.map((s) => [s.id, s.name]));
  return (
    <table className="visually-hidden" data-testid="emotion-table">
      <caption>{t('view.curveTable')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('view.curveStage')}</th>
          <th scope="col">{t('view.curvePoint')}</th>
          <th scope="col">{t('view.curveScore')}</th>
          <th scope="col">{t('view.curveFeeling')}</th>
        </tr>
      </thead>
      <tbody>
        {points.length === 0 ? (
          <tr>
            <td colSpan={4}>{t('view.curveEmpty')}</td>
          </tr>
        ) : (
          points.map((p) => (
            <tr key={p.cardId}>
              <td>{stageName.get(p.stageId) ?? ''}</td>
              <td>{p.text || t('curve.untitled')}</td>
              <td>{formatScore(p.emotion)}</td>
              <td>{t(`view.feelings.${emotionLevel(p.emotion)}`)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

export const CurveTable = memo(CurveTableView);
