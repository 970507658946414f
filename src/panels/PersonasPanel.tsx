/** Personas of the map: add, edit every field, choose the one the map follows, delete. */
import { useState } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { addPersona, deletePersona, followPersona, updatePersona } from '../model/commands/personas';
import { ARCHETYPES, type Persona } from '../model/schema';
import { fitText, LIST_LIMITS, TEXT_LIMITS } from '../model/limits';
import { useMapSelector, useOpenMap } from '../state/mapContext';
import { personaScore } from '../model/personaScores';
import { askConfirm } from '../ui/askConfirm';
import { Avatar } from '../ui/Avatar';
import { avatarFromFile } from './avatarImage';
import { CommitText, Field } from '../ui/fields';
import { useCanEdit } from '../state/session';
import { tryCommand } from '../state/tryCommand';

const lines = (list: readonly string[]) => list.join('\n');
/** Lines as list items, each and their number cut to what the format holds (a textarea has no per-line limit). */
const toList = (text: string) =>
  text
    .split('\n')
    .map((l) => fitText(l.trim(), TEXT_LIMITS.personaListItem))
    .filter(Boolean)
    .slice(0, LIST_LIMITS.personaListItems);

function PersonaForm({ persona }: { persona: Persona }) {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const [avatarError, setAvatarError] = useState<string | null>(null);
  const cards = useMapSelector((s) => s.cards);
  const followed = useMapSelector((s) => s.meta?.personaId);
  const tiedCards = cards.filter((c) => c.personaId === persona.id).length;
  // Deleting a persona deletes its emotion scores (docs/FORMAT.md, "Per-persona emotion"): say so first.
  const scoredCards = cards.filter((c) => personaScore(c, persona.id, followed) !== undefined).length;
  const update = (patch: Partial<Persona>) => tryCommand(() => updatePersona(doc, persona.id, patch));

  return (
    <div className="persona-form" data-testid="persona-form">
      <div className="avatar-row">
        <Avatar value={persona.avatar} size={56} />
        <Field label={t('personas.avatarEmoji')}>
          {(id) => (
            <CommitText
              id={id}
              value={persona.avatar.startsWith('data:') ? '' : persona.avatar}
              maxLength={TEXT_LIMITS.avatarEmoji}
              onCommit={(v) => update({ avatar: v.trim() || '🙂' })}
            />
          )}
        </Field>
        <label className="upload">
          {t('personas.upload')}
          <input
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              try {
                update({ avatar: await avatarFromFile(file) });
                setAvatarError(null);
              } catch (err) {
                setAvatarError(t('personas.uploadError', { reason: String((err as Error).message) }));
              }
            }}
          />
        </label>
      </div>
      {avatarError && <p className="error">{avatarError}</p>}
      <Field label={t('personas.name')}>
        {(id) => (
          <CommitText
            id={id}
            testId="persona-name"
            value={persona.name}
            maxLength={TEXT_LIMITS.personaName}
            onCommit={(name) => update({ name })}
          />
        )}
      </Field>
      <Field label={t('personas.role')}>
        {(id) => <CommitText id={id} value={persona.role} maxLength={TEXT_LIMITS.personaRole} onCommit={(role) => update({ role })} />}
      </Field>
      <Field label={t('personas.segment')}>
        {(id) => (
          <CommitText id={id} value={persona.segment} maxLength={TEXT_LIMITS.personaSegment} onCommit={(segment) => update({ segment })} />
        )}
      </Field>
      <Field label={t('personas.archetype')}>
        {(id) => (
          <>
            <CommitText
              id={id}
              list="archetypes"
              value={persona.archetype}
              maxLength={TEXT_LIMITS.personaArchetype}
              onCommit={(archetype) => update({ archetype })}
            />
            <datalist id="archetypes">
              {ARCHETYPES.map((a) => (
                <option key={a} value={a}>
                  {t(`archetypes.${a}`)}
                </option>
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label={t('personas.quote')}>
        {(id) => (
          <CommitText
            id={id}
            value={persona.quote}
            multiline
            maxLength={TEXT_LIMITS.personaQuote}
            onCommit={(quote) => update({ quote })}
          />
        )}
      </Field>
      {(['goals', 'needs', 'frustrations'] as const).map((key) => (
        <Field key={key} label={t(`personas.${key}`)} hint={t('personas.onePerLine')}>
          {(id) => <ListText id={id} value={persona[key]} onCommit={(list) => update({ [key]: list })} />}
        </Field>
      ))}
      <div className="inspector-actions">
        <button
          type="button"
          className="danger"
          onClick={async () => {
            const yes = await askConfirm({
              title: t('personas.delete'),
              message: [
                t('personas.confirmDelete', { name: persona.name || t('personas.unnamed'), count: tiedCards }),
                scoredCards > 0 ? t('personaScores.confirmDeleteScores', { count: scoredCards }) : '',
              ]
                .filter(Boolean)
                .join(' '),
              confirmLabel: t('personas.delete'),
              danger: true,
            });
            if (yes) deletePersona(doc, persona.id);
          }}
        >
          {t('personas.delete')}
        </button>
      </div>
    </div>
  );
}

/** A list edited as lines of a textarea (Enter makes a new line here, blur commits). */
function ListText({ id, value, onCommit }: { id: string; value: readonly string[]; onCommit(list: string[]): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <textarea
      id={id}
      rows={3}
      value={draft ?? lines(value)}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => {
        if (draft !== null && lines(toList(draft)) !== lines(value)) onCommit(toList(draft));
        setDraft(null);
      }}
    />
  );
}

export function PersonasPanel() {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const personas = useMapSelector((s) => s.personas);
  const followed = useMapSelector((s) => s.meta?.personaId);
  const [openId, setOpenId] = useState<string | null>(null);
  const canEdit = useCanEdit();
  const open = personas.find((p) => p.id === (openId ?? followed)) ?? personas[0];

  return (
    <fieldset className="personas-panel plain-fieldset" data-testid="personas-panel" disabled={!canEdit}>
      <ul className="persona-list">
        {personas.map((p) => (
          <li key={p.id} className={p.id === open?.id ? 'is-open' : ''}>
            <button type="button" className="persona-pick" onClick={() => setOpenId(p.id)}>
              <Avatar value={p.avatar} size={28} />
              <span>{p.name || t('personas.unnamed')}</span>
            </button>
            <label className="follow" title={t('personas.followHint')}>
              <input type="radio" name="followed-persona" checked={p.id === followed} onChange={() => followPersona(doc, p.id)} />
              {t('personas.follow')}
            </label>
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => {
          const id = tryCommand(() => addPersona(doc, { name: t('personas.newName') }));
          if (id !== undefined) setOpenId(id);
        }}
      >
        + {t('personas.add')}
      </button>
      {open ? <PersonaForm key={open.id} persona={open} /> : <p className="muted panel-hint">{t('personas.emptyHint')}</p>}
    </fieldset>
  );
}
