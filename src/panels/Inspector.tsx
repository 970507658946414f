/**
 * The card inspector: every field of the selected card, or the fields the
 * selected cards share (a change applies to all of them in one step).
 * Sections follow the kinds of lane the cards are in.
 */
import { useTranslation } from '../i18n/useTranslation';
import { deleteCard, duplicateCard, setTag, updateCardText, updateCards, type CardFields } from '../model/commands/cards';
import { castVote, retractVote, voteTotal } from '../model/commands/votes';
import { TEXT_LIMITS } from '../model/limits';
import {
  CHANNELS,
  EMOTION_MAX,
  EMOTION_MIN,
  KPI_DIRECTIONS,
  MEDIA,
  OPPORTUNITY_TYPES,
  TAGS,
  type Card,
  type LaneKind,
} from '../model/schema';
import { useOpenMap, useSnapshot } from '../state/mapContext';
import { useCanEdit, useSession } from '../state/session';
import { tryCommand } from '../state/tryCommand';
import { participantId } from '../sync/participant';
import { Choice, CommitNumber, CommitText, Field, MIXED, SCALE_1_5, common } from '../ui/fields';
import { Icon, MomentOfTruthIcon, TAG_ICONS } from '../icons';

const EMOTIONS = Array.from({ length: EMOTION_MAX - EMOTION_MIN + 1 }, (_, i) => EMOTION_MAX - i);
const UNITS = ['%', 'pts', 'min', 'h', 'days', '¥', '$', '€'];

export function Inspector() {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const snapshot = useSnapshot();
  const selectedIds = useSession((s) => s.selectedIds);
  const requestSelection = useSession((s) => s.requestSelection);
  const canEdit = useCanEdit();
  const cards = [...selectedIds].map((id) => snapshot.cardById.get(id)).filter((c): c is Card => !!c);
  const laneKind = new Map(snapshot.lanes.map((l) => [l.id, l.kind]));

  if (cards.length === 0) {
    return <p className="muted panel-hint">{t('inspector.empty')}</p>;
  }

  const kinds = new Set(cards.map((c) => laneKind.get(c.laneId)));
  const ofKind = (kind: LaneKind) => cards.filter((c) => laneKind.get(c.laneId) === kind);
  const set = (targets: Card[], patch: CardFields) =>
    tryCommand(() =>
      updateCards(
        doc,
        targets.map((c) => c.id),
        patch,
      ),
    );
  const single = cards.length === 1 ? cards[0]! : null;
  const me = participantId();

  return (
    // Read-only roles see every field, disabled; the server would drop their writes anyway.
    <fieldset className="inspector plain-fieldset" data-testid="inspector" disabled={!canEdit}>
      <p className="panel-subtitle">
        {single
          ? `${snapshot.stages.find((s) => s.id === single.stageId)?.name ?? ''} · ${snapshot.lanes.find((l) => l.id === single.laneId)?.name ?? ''}`
          : t('inspector.many', { count: cards.length })}
      </p>

      {single && (
        <Field label={t('fields.text')}>
          {(id) => (
            <CommitText
              id={id}
              testId="inspector-text"
              value={single.text}
              multiline
              maxLength={TEXT_LIMITS.cardText}
              onCommit={(v) => tryCommand(() => updateCardText(doc, single.id, v))}
            />
          )}
        </Field>
      )}

      {kinds.has('touchpoints') && (
        <fieldset>
          <legend>{t('laneKinds.touchpoints')}</legend>
          <Field label={t('fields.channel')}>
            {(id) => (
              <Choice
                id={id}
                value={common(ofKind('touchpoints'), (c) => c.channel)}
                options={CHANNELS}
                allowNone
                label={(o) => t(`channels.${o}`)}
                onChange={(channel) => set(ofKind('touchpoints'), { channel })}
              />
            )}
          </Field>
          <Field label={t('fields.media')}>
            {(id) => (
              <Choice
                id={id}
                value={common(ofKind('touchpoints'), (c) => c.media)}
                options={MEDIA}
                allowNone
                label={(o) => t(`media.${o}`)}
                onChange={(media) => set(ofKind('touchpoints'), { media })}
              />
            )}
          </Field>
          <Field label={t('fields.importance')}>
            {(id) => (
              <Choice
                id={id}
                value={common(ofKind('touchpoints'), (c) => c.importance)}
                options={SCALE_1_5}
                allowNone
                label={String}
                onChange={(importance) => set(ofKind('touchpoints'), { importance })}
              />
            )}
          </Field>
          <label className="check">
            <input
              type="checkbox"
              data-testid="moment-of-truth"
              checked={common(ofKind('touchpoints'), (c) => c.momentOfTruth === true) === true}
              ref={(el) => {
                if (el) el.indeterminate = common(ofKind('touchpoints'), (c) => c.momentOfTruth === true) === MIXED;
              }}
              onChange={(e) => set(ofKind('touchpoints'), { momentOfTruth: e.target.checked ? true : undefined })}
            />
            <Icon icon={MomentOfTruthIcon} /> {t('fields.momentOfTruth')}
          </label>
        </fieldset>
      )}

      {(kinds.has('touchpoints') || kinds.has('emotions')) && (
        <Field label={t('fields.emotion')}>
          {(id) => (
            <Choice
              id={id}
              testId="inspector-emotion"
              value={common([...ofKind('touchpoints'), ...ofKind('emotions')], (c) => c.emotion)}
              options={EMOTIONS}
              allowNone
              label={(o) => `${o > 0 ? '+' : ''}${o}`}
              onChange={(emotion) => set([...ofKind('touchpoints'), ...ofKind('emotions')], { emotion })}
            />
          )}
        </Field>
      )}

      {kinds.has('painPoints') && (
        <Field label={t('fields.severity')}>
          {(id) => (
            <Choice
              id={id}
              value={common(ofKind('painPoints'), (c) => c.severity)}
              options={SCALE_1_5}
              allowNone
              label={(o) => t(`severity.${o}`)}
              onChange={(severity) => set(ofKind('painPoints'), { severity })}
            />
          )}
        </Field>
      )}

      {kinds.has('opportunities') && (
        <fieldset>
          <legend>{t('laneKinds.opportunities')}</legend>
          <Field label={t('fields.type')}>
            {(id) => (
              <Choice
                id={id}
                value={common(ofKind('opportunities'), (c) => c.type)}
                options={OPPORTUNITY_TYPES}
                allowNone
                label={(o) => t(`opportunityTypes.${o}`)}
                onChange={(type) => set(ofKind('opportunities'), { type })}
              />
            )}
          </Field>
          <Field label={t('fields.impact')}>
            {(id) => (
              <Choice
                id={id}
                value={common(ofKind('opportunities'), (c) => c.impact)}
                options={SCALE_1_5}
                allowNone
                label={String}
                onChange={(impact) => set(ofKind('opportunities'), { impact })}
              />
            )}
          </Field>
          <Field label={t('fields.effort')}>
            {(id) => (
              <Choice
                id={id}
                value={common(ofKind('opportunities'), (c) => c.effort)}
                options={SCALE_1_5}
                allowNone
                label={String}
                onChange={(effort) => set(ofKind('opportunities'), { effort })}
              />
            )}
          </Field>
        </fieldset>
      )}

      {kinds.has('kpis') && (
        <fieldset>
          <legend>{t('laneKinds.kpis')}</legend>
          <Field label={t('fields.metric')}>
            {(id) => (
              <CommitText
                id={id}
                list="kpi-metrics"
                value={common(ofKind('kpis'), (c) => c.metric ?? '')}
                maxLength={TEXT_LIMITS.cardMetric}
                onCommit={(metric) => set(ofKind('kpis'), { metric })}
              />
            )}
          </Field>
          <datalist id="kpi-metrics">
            {(t('kpi.suggestions', { returnObjects: true }) as string[]).map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
          <div className="field-row">
            <Field label={t('fields.value')}>
              {(id) => (
                <CommitNumber
                  id={id}
                  testId="kpi-value"
                  value={common(ofKind('kpis'), (c) => c.value)}
                  onCommit={(value) => set(ofKind('kpis'), { value })}
                />
              )}
            </Field>
            <Field label={t('fields.target')}>
              {(id) => (
                <CommitNumber
                  id={id}
                  testId="kpi-target"
                  value={common(ofKind('kpis'), (c) => c.target)}
                  onCommit={(target) => set(ofKind('kpis'), { target })}
                />
              )}
            </Field>
            <Field label={t('fields.unit')}>
              {(id) => (
                <CommitText
                  id={id}
                  list="kpi-units"
                  value={common(ofKind('kpis'), (c) => c.unit ?? '')}
                  maxLength={TEXT_LIMITS.cardUnit}
                  onCommit={(unit) => set(ofKind('kpis'), { unit: unit || undefined })}
                />
              )}
            </Field>
          </div>
          <datalist id="kpi-units">
            {UNITS.map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
          <Field label={t('fields.direction')}>
            {(id) => (
              <Choice
                id={id}
                value={common(ofKind('kpis'), (c) => c.direction ?? 'higher')}
                options={KPI_DIRECTIONS}
                label={(o) => t(`kpi.direction.${o}`)}
                onChange={(direction) => set(ofKind('kpis'), { direction })}
              />
            )}
          </Field>
        </fieldset>
      )}

      <Field label={t('fields.persona')}>
        {(id) => (
          <select
            id={id}
            value={common(cards, (c) => c.personaId ?? '') === MIXED ? '__mixed' : (cards[0]!.personaId ?? '')}
            onChange={(e) => e.target.value !== '__mixed' && set(cards, { personaId: e.target.value || undefined })}
          >
            {common(cards, (c) => c.personaId ?? '') === MIXED && <option value="__mixed">{t('inspector.mixed')}</option>}
            <option value="">{t('inspector.none')}</option>
            {snapshot.personas.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name || t('personas.unnamed')}
              </option>
            ))}
          </select>
        )}
      </Field>

      <div className="field">
        <span className="label">{t('tags.label')}</span>
        <div className="tag-toggles" role="group" aria-label={t('tags.label')}>
          {TAGS.map((tag) => {
            const all = cards.every((c) => c.tags?.includes(tag));
            return (
              <button
                key={tag}
                type="button"
                aria-pressed={all}
                className={all ? 'is-on' : ''}
                onClick={() =>
                  setTag(
                    doc,
                    cards.map((c) => c.id),
                    tag,
                    !all,
                  )
                }
              >
                <Icon icon={TAG_ICONS[tag]} /> {t(`tags.${tag}`)}
              </button>
            );
          })}
        </div>
      </div>

      {single && (
        <div className="field">
          <span className="label">{t('votes.title')}</span>
          <div className="vote-row">
            <button type="button" data-testid="vote" onClick={() => castVote(doc, single.id, me)}>
              + {t('votes.vote')}
            </button>
            <button type="button" data-testid="unvote" disabled={!single.votes?.[me]} onClick={() => retractVote(doc, single.id, me)}>
              − {t('votes.retract')}
            </button>
            <span data-testid="inspector-votes">{t('votes.summary', { total: voteTotal(single), mine: single.votes?.[me] ?? 0 })}</span>
          </div>
        </div>
      )}

      <div className="inspector-actions">
        <button
          type="button"
          onClick={() => {
            const copies: string[] = [];
            // One refusal (the map is full) stops the rest: the notice says why, the copies made so far stay.
            tryCommand(() => {
              for (const c of cards) {
                const copy = duplicateCard(doc, c.id);
                if (copy) copies.push(copy);
              }
            });
            requestSelection(copies);
          }}
        >
          {t('inspector.duplicate')}
        </button>
        <button type="button" className="danger" onClick={() => cards.forEach((c) => deleteCard(doc, c.id))}>
          {t('inspector.delete')}
        </button>
      </div>
    </fieldset>
  );
}
