/**
 * The card inspector: every field of the selected card, or the fields the
 * selected cards share (a change applies to all of them in one step).
 * One section per kind of lane the cards are in, with that kind's fields
 * from the lane-field table (model/laneFields.ts).
 */
import { useTranslation } from '../i18n/useTranslation';
import { deleteCard, duplicateCard, setTag, updateCardText, updateCards, type CardFields } from '../model/commands/cards';
import { voteTotal } from '../model/commands/votes';
import { voteOn } from '../actions/actions';
import { laneInRound } from '../model/rounds/rules';
import { useCurrentRound, usePrivate } from '../state/useRounds';
import { TEXT_LIMITS } from '../model/limits';
import { LANE_FIELDS } from '../model/laneFields';
import { LANE_KINDS, TAGS, type Card, type LaneKind } from '../model/schema';
import { useOpenMap, useSnapshot } from '../state/mapContext';
import { useCanEdit, useSession } from '../state/session';
import { tryCommand } from '../state/tryCommand';
import { participantId } from '../sync/participant';
import { CommitText, Field, MIXED, common } from '../ui/fields';
import { Icon, TAG_ICONS } from '../icons';
import { LaneFieldInputs } from './LaneFieldInputs';
import { LinkedMapField } from './LinkedMapField';
import { CardStateInput } from './CardStateInput';
import { RealisedByInput } from './RealisedByInput';
import { PersonaEmotionInputs } from './PersonaEmotionInputs';
import { CURVE_SOURCE_KINDS } from '../model/journey';

export function Inspector() {
  const { t } = useTranslation();
  const map = useOpenMap();
  const { doc } = map;
  const snapshot = useSnapshot();
  const selectedIds = useSession((s) => s.selectedIds);
  const requestSelection = useSession((s) => s.requestSelection);
  const canEdit = useCanEdit();
  const cards = [...selectedIds].map((id) => snapshot.cardById.get(id)).filter((c): c is Card => !!c);
  const laneKind = new Map(snapshot.lanes.map((l) => [l.id, l.kind]));
  const round = useCurrentRound();
  const ballot = usePrivate().ballot(round?.id ?? '');

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
  // During a secret vote on this card's lane, its vote buttons vote secretly (voteOn): the row shows my secret votes.
  const secret = round?.kind === 'vote' && single !== null && laneInRound(round, single.laneId);
  const mine = single ? (secret ? (ballot[single.id] ?? 0) : (single.votes?.[me] ?? 0)) : 0;

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
              onCommit={(v, base) => tryCommand(() => updateCardText(doc, single.id, v, base))}
            />
          )}
        </Field>
      )}

      {LANE_KINDS.filter((kind) => kinds.has(kind) && LANE_FIELDS[kind].length > 0).map((kind) => (
        <fieldset key={kind}>
          <legend>{t(`laneKinds.${kind}`)}</legend>
          <LaneFieldInputs fields={LANE_FIELDS[kind]} cards={ofKind(kind)} onChange={(patch) => set(ofKind(kind), patch)} />
        </fieldset>
      ))}

      <CardStateInput cards={cards} />
      {single && laneKind.get(single.laneId) === 'opportunities' && <RealisedByInput opportunity={single} />}
      {/* Cards that are points of the emotion curve score each persona. */}
      <PersonaEmotionInputs cards={cards.filter((c) => CURVE_SOURCE_KINDS.has(laneKind.get(c.laneId)!))} />

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

      {single && <LinkedMapField card={single} canEdit={canEdit} />}

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
            <button type="button" data-testid="vote" onClick={() => voteOn(map, single.id, me, true)}>
              + {t('votes.vote')}
            </button>
            <button type="button" data-testid="unvote" disabled={mine === 0} onClick={() => voteOn(map, single.id, me, false)}>
              − {t('votes.retract')}
            </button>
            <span data-testid="inspector-votes">
              {secret ? t('rounds.secretMine', { count: mine }) : t('votes.summary', { total: voteTotal(single), mine })}
            </span>
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
