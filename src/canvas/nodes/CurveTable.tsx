/**
 * The emotion curve's text alternative: its points as a table (stage, point,
 * score, feeling), hidden visually and read by screen readers, next to the
 * drawing. With several lines (personas, current and future) a score column
 * per line instead, each cell "score, feeling" or a dash where the line has
 * no point. Also the points' accessible names ("Ordered online: −3, unhappy").
 */
import { memo } from 'react';
import type { TFunction } from '../../i18n/translate';
import { useTranslation } from '../../i18n/useTranslation';
import { emotionLevel, type EmotionPoint } from '../../model/journey';
import { useMapSelector } from '../../state/mapContext';
import type { EmotionLine } from '../../model/emotionLines';
import { personaName } from './CurveLegend';

/** −3 with a real minus sign, +2 with its plus: a score reads the same in every language. */
export const formatScore = (score: number): string => (score > 0 ? `+${score}` : score < 0 ? `−${-score}` : '0');

export function pointName(t: TFunction, p: Pick<EmotionPoint, 'text' | 'emotion'>, withText = true): string {
  const feeling = t(`view.feelings.${emotionLevel(p.emotion)}`);
  const score = formatScore(p.emotion);
  return withText ? t('view.pointName', { text: p.text || t('curve.untitled'), score, feeling }) : `${score}, ${feeling}`;
}

/** `points`: the rows (every card on some line, in journey order); `lines`: a score column each, when there are several. */
function CurveTableView({ points, lines }: { points: readonly EmotionPoint[]; lines?: readonly EmotionLine[] }) {
  const { t } = useTranslation();
  const stages = useMapSelector((s) => s.stages);
  const stageName = new Map(stages.map((s) => [s.id, s.name]));
  if (lines) return <LinesTable points={points} lines={lines} stageName={stageName} />;
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

function LinesTable({
  points,
  lines,
  stageName,
}: {
  points: readonly EmotionPoint[];
  lines: readonly EmotionLine[];
  stageName: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const scores = lines.map((l) => new Map(l.points.map((p) => [p.cardId, p.emotion])));
  return (
    <table className="visually-hidden" data-testid="emotion-table">
      <caption>{t('view.curveTable')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('view.curveStage')}</th>
          <th scope="col">{t('view.curvePoint')}</th>
          {lines.map((l) => (
            <th key={l.key} scope="col">
              {t('states.lineColumn', { name: personaName(t, l.persona), state: t(`states.${l.state}`) })}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {points.length === 0 ? (
          <tr>
            <td colSpan={2 + lines.length}>{t('view.curveEmpty')}</td>
          </tr>
        ) : (
          points.map((p) => (
            <tr key={p.cardId}>
              <td>{stageName.get(p.stageId) ?? ''}</td>
              <td>{p.text || t('curve.untitled')}</td>
              {scores.map((byCard, i) => {
                const score = byCard.get(p.cardId);
                return <td key={lines[i]!.key}>{score === undefined ? '–' : pointName(t, { text: p.text, emotion: score }, false)}</td>;
              })}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

export const CurveTable = memo(CurveTableView);
